"""The pay engine against the worked examples of issue 7, bad input, and properties."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callboard.payroll.engine import (
    PENALTY_KINDS,
    TIME_KINDS,
    PayInputError,
    available_rules,
    base_rate,
    compute,
    load_rules,
    parse_week,
    pay_hours,
    pay_json,
    q_cent,
    q_rate,
    split_bands,
)

D = Decimal


def day(date, call, wrap, meals=(), ndb=None):
    out = {"date": date, "call": call, "wrap": wrap, "meals": [dict(m) for m in meals]}
    if ndb:
        out["ndb"] = {"start": ndb[0], "end": ndb[1]}
    return out


def meal(start, end, grace=False):
    return {"start": start, "end": end, "grace": grace}


def week(rules, deal, days, **extra):
    return {"rules": rules, "deal": deal, "days": days, **extra}


def run(obj):
    return pay_json(compute(parse_week(obj)))


DAY_300_12 = {"rate": "300.00", "per": "day", "guaranteed_hours": 12}


def lines_of(out_day, kind):
    return [ln for ln in out_day["lines"] if ln["kind"] == kind]


# --------------------------------------------------------------- registry


def test_registered_rule_sets_carry_name_and_effective_date():
    names = available_rules()
    assert {"ca-nonunion", "flsa", "iatse-basic", "sag-aftra-day"} <= set(names)
    for name in names:
        rules = load_rules(name)
        assert rules.name == name
        assert isinstance(rules.effective, dt.date)


# --------------------------------------------------------------- ca-nonunion


def test_day_rate_300_for_12_is_300_over_14():
    rules = load_rules("ca-nonunion")
    assert pay_hours(D(12), rules.normal_day.bands) == D("14.0")
    assert base_rate(
        rules,
        parse_week(
            week(
                "ca-nonunion",
                DAY_300_12,
                [day("2026-03-02", "07:00", "16:30", [meal("13:00", "13:30")])],
            )
        ).deal,
    ) == D("21.4286")


def test_ca_300_12_nine_hours_worked_pays_the_guarantee():
    # 07:00-16:30 with a half-hour lunch = 9.0 worked
    out = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "07:00", "16:30", [meal("12:00", "12:30")])],
        )
    )
    d0 = out["days"][0]
    assert out["base_rate"] == "21.4286"
    assert d0["worked_hours"] == "9.0"
    assert d0["total"] == "300.00"
    assert lines_of(d0, "straight")[0]["amount"] == "171.43"
    assert lines_of(d0, "overtime")[0]["hours"] == "1.0"
    g = lines_of(d0, "guarantee")
    assert [(x["hours"], x["multiplier"], x["rate"]) for x in g] == [("3.0", "1.5", "32.1429")]
    assert out["wages"] == "300.00" and out["penalties"] == "0.00"


def test_ca_300_12_thirteen_and_a_half_hours():
    # 07:00-21:00 with a half-hour lunch = 13.5 worked
    out = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "07:00", "21:00", [meal("12:00", "12:30")])],
        )
    )
    d0 = out["days"][0]
    assert d0["worked_hours"] == "13.5"
    assert d0["elapsed_hours"] == "14.0"
    assert [(x["kind"], x["hours"], x["rate"], x["amount"]) for x in d0["lines"]] == [
        ("straight", "8.0", "21.4286", "171.43"),
        ("overtime", "4.0", "32.1429", "128.57"),
        ("double_time", "1.5", "42.8572", "64.29"),
    ]
    assert d0["total"] == "364.29"


def test_ca_weekly_deal_worked_all_seven_days():
    deal = {"rate": "1750.00", "per": "week", "guaranteed_hours": 12, "days_per_week": 5}
    days = [
        day(
            (dt.date(2026, 3, 1) + dt.timedelta(days=i)).isoformat(),
            "07:00",
            "19:30",
            [meal("12:00", "12:30")],
        )
        for i in range(7)
    ]
    out = run(week("ca-nonunion", deal, days))
    assert out["base_rate"] == "25.0000"
    totals = [d["total"] for d in out["days"]]
    assert totals[:5] == ["350.00"] * 5
    assert totals[5] == "450.00"  # Friday: 8 straight hours beyond 40 become 1.5x
    assert totals[6] == "500.00"  # Saturday: 7th consecutive day
    assert lines_of(out["days"][5], "weekly_overtime")[0]["hours"] == "8.0"
    assert lines_of(out["days"][6], "seventh_day")[0]["amount"] == "300.00"
    assert out["wages"] == "2700.00"
    assert out["gross"] == "2700.00"


def test_ca_meal_premium_for_lunch_at_13_20():
    obj = {
        "rules": "ca-nonunion",
        "deal": {"rate": "300.00", "per": "day", "guaranteed_hours": 12, "days_per_week": 5},
        "week_start": "2026-03-01",
        "previous_wrap": "2026-02-28T23:00",
        "days": [
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": "20:30",
                "meals": [{"start": "13:20", "end": "13:50", "grace": False}],
                "ndb": {"start": "06:45", "end": "07:00"},
            }
        ],
        "kit_rental": {"amount": "150.00", "per": "week"},
    }
    out = run(obj)
    d0 = out["days"][0]
    assert d0["worked_hours"] == "13.0"
    assert d0["elapsed_hours"] == "13.5"
    assert d0["lines"][0] == {
        "kind": "straight",
        "hours": "8.0",
        "multiplier": "1.0",
        "rate": "21.4286",
        "amount": "171.43",
        "why": d0["lines"][0]["why"],
    }
    premium = lines_of(d0, "meal_premium")
    assert len(premium) == 1 and premium[0]["amount"] == "21.43"
    assert out["penalties"] == "21.43"
    assert out["kit_rental"] == "150.00"
    assert D(out["gross"]) == D(out["wages"]) + D("21.43") + D("150.00")
    json.dumps(out)  # serialisable as is
    assert all(ln["why"] for ln in d0["lines"])


def test_ca_meal_on_time_no_premium_and_only_one_a_day():
    on_time = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "07:00", "19:30", [meal("13:00", "13:30")])],
        )
    )
    assert not lines_of(on_time["days"][0], "meal_premium")
    two_late = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "07:00", "23:00", [meal("13:30", "14:00"), meal("20:30", "21:00")])],
        )
    )
    assert len(lines_of(two_late["days"][0], "meal_premium")) == 1


def test_ca_breakfast_restarts_the_meal_clock():
    out = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "07:00", "19:30", [meal("13:20", "13:50")], ndb=("07:30", "07:45"))],
        )
    )
    assert not lines_of(out["days"][0], "meal_premium")


def test_kit_rental_never_enters_the_overtime_base():
    base = week(
        "ca-nonunion", DAY_300_12, [day("2026-03-02", "07:00", "21:00", [meal("12:00", "12:30")])]
    )
    with_kit = dict(base, kit_rental={"amount": "25.00", "per": "day"})
    a, b = run(base), run(with_kit)
    assert a["days"] == b["days"]
    assert b["kit_rental"] == "25.00"
    assert D(b["gross"]) - D(a["gross"]) == D("25.00")


# --------------------------------------------------------------- flsa


def test_flsa_overtime_only_over_40_in_the_week():
    deal = {"rate": "20.00", "per": "hour", "guaranteed_hours": 0}
    days = [
        day(f"2026-03-0{i}", "08:00", "20:30", [meal("12:00", "12:30")]) for i in range(2, 6)
    ]  # 4 x 12.0 = 48
    out = run(week("flsa", deal, days))
    assert [d["total"] for d in out["days"]] == ["240.00", "240.00", "240.00", "320.00"]
    assert lines_of(out["days"][3], "weekly_overtime")[0]["hours"] == "8.0"
    assert not any(lines_of(d, "overtime") for d in out["days"])
    assert out["gross"] == "1040.00"


# --------------------------------------------------------------- iatse-basic


IATSE_50 = {"rate": "50.00", "per": "hour", "guaranteed_hours": 8}


def test_iatse_golden_hour_example():
    out = run(
        week(
            "iatse-basic",
            IATSE_50,
            [day("2026-03-02", "06:00", "21:00", [meal("12:00", "12:30"), meal("18:30", "19:00")])],
        )
    )
    d0 = out["days"][0]
    assert [(x["kind"], x["hours"], x["amount"]) for x in d0["lines"]] == [
        ("straight", "8.0", "400.00"),
        ("overtime", "5.0", "375.00"),
        ("golden", "1.0", "100.00"),
    ]
    assert d0["total"] == "875.00"
    assert out["gross"] == "875.00"


def test_iatse_meal_penalties_escalate_per_half_hour_or_part():
    # first meal due 12:00, starts 13:45: 1h45 late -> 4 units: 7.50 + 10.00 + 12.50 + 12.50
    out = run(
        week(
            "iatse-basic", IATSE_50, [day("2026-03-02", "06:00", "18:00", [meal("13:45", "14:15")])]
        )
    )
    pens = lines_of(out["days"][0], "meal_penalty")
    assert sum(D(p["amount"]) for p in pens) == D("42.50")
    assert all(D(p["hours"]) * D(p["rate"]) == D(p["amount"]) for p in pens)
    assert out["penalties"] == "42.50"


def test_iatse_grace_and_no_meal_until_wrap():
    on_grace = run(
        week(
            "iatse-basic",
            IATSE_50,
            [day("2026-03-02", "06:00", "16:00", [meal("12:10", "12:40", grace=True)])],
        )
    )
    assert not lines_of(on_grace["days"][0], "meal_penalty")
    late_no_grace = run(
        week(
            "iatse-basic", IATSE_50, [day("2026-03-02", "06:00", "16:00", [meal("12:10", "12:40")])]
        )
    )
    assert lines_of(late_no_grace["days"][0], "meal_penalty")[0]["amount"] == "7.50"
    # no meal at all: due 12:00, wrap 13:01 -> 3 units
    no_meal = run(week("iatse-basic", IATSE_50, [day("2026-03-02", "06:00", "13:01")]))
    assert no_meal["penalties"] == "30.00"


def test_iatse_second_meal_due_six_hours_after_first_ends():
    out = run(
        week(
            "iatse-basic",
            IATSE_50,
            [day("2026-03-02", "06:00", "20:00", [meal("11:00", "12:00"), meal("18:00", "18:30")])],
        )
    )
    # second due 18:00 -> on time
    assert out["penalties"] == "0.00"


def test_iatse_rest_invasion_paid_once_more_at_base():
    obj = week(
        "iatse-basic",
        IATSE_50,
        [
            day("2026-03-02", "07:00", "19:00", [meal("12:00", "12:30")]),
            day("2026-03-03", "04:30", "14:00", [meal("10:00", "10:30")]),
        ],
        previous_wrap="2026-03-01T23:00",
    )
    out = run(obj)
    # day 1: 8h rest from previous wrap 23:00 -> 2.0 invaded
    r1 = lines_of(out["days"][0], "rest_invasion")
    assert [(x["hours"], x["rate"], x["amount"]) for x in r1] == [("2.0", "50.0000", "100.00")]
    # The previous wrap reads as words, not an ISO date.
    assert "from wrap Sun Mar 1, 23:00 to call 07:00" in r1[0]["why"]
    # day 2: 19:00 -> 04:30 = 9.5 h -> 0.5 invaded
    r2 = lines_of(out["days"][1], "rest_invasion")
    assert r2[0]["amount"] == "25.00"


def test_iatse_sixth_and_seventh_day_worked():
    days = [
        day(
            (dt.date(2026, 3, 1) + dt.timedelta(days=i)).isoformat(),
            "06:00",
            "21:00",
            [meal("12:00", "12:30"), meal("18:30", "19:00")],
        )
        for i in range(7)
    ]
    out = run(week("iatse-basic", IATSE_50, days))
    sixth, seventh = out["days"][5], out["days"][6]
    assert [
        (x["kind"], x["hours"], x["multiplier"]) for x in sixth["lines"] if x["kind"] in TIME_KINDS
    ] == [
        ("sixth_day", "13.0", "1.5"),
        ("golden", "1.0", "3.0"),
    ]
    # 21:00 -> 06:00 is 9 h of rest: 1.0 h invaded, paid $50 once more
    assert lines_of(sixth, "rest_invasion")[0]["amount"] == "50.00"
    assert sixth["total"] == "1175.00"  # 13 x 75 + 1 x 150 + 50
    assert [(x["kind"], x["multiplier"]) for x in seventh["lines"] if x["kind"] in TIME_KINDS] == [
        ("seventh_day", "2.0"),
        ("golden", "4.0"),
    ]
    assert seventh["total"] == "1550.00"  # 13 x 100 + 1 x 200 + 50


# --------------------------------------------------------------- sag-aftra-day


def test_sag_day_rate_overtime_meal_and_forced_call():
    deal = {"rate": "1000.00", "per": "day", "guaranteed_hours": 8}
    obj = week(
        "sag-aftra-day",
        deal,
        [
            day("2026-03-02", "07:00", "19:30", [meal("14:00", "15:00")]),
            day("2026-03-03", "06:00", "14:30", [meal("12:00", "12:30")]),
        ],
    )
    out = run(obj)
    assert out["base_rate"] == "125.0000"
    d0 = out["days"][0]  # 11.5 worked: 8 + 2 at 1.5 + 1.5 at 2; meal 1h late -> 25 + 35
    assert [
        (x["kind"], x["hours"], x["amount"]) for x in d0["lines"] if x["kind"] in TIME_KINDS
    ] == [
        ("straight", "8.0", "1000.00"),
        ("overtime", "2.0", "375.00"),
        ("double_time", "1.5", "375.00"),
    ]
    assert sum(D(x["amount"]) for x in lines_of(d0, "meal_penalty")) == D("60.00")
    # 19:30 -> 06:00 = 10.5 h rest, 12 required: forced call = lesser of 1000 and 900
    fc = lines_of(out["days"][1], "forced_call")
    assert fc[0]["amount"] == "900.00"


# --------------------------------------------------------------- bad input


GOOD = week(
    "ca-nonunion", DAY_300_12, [day("2026-03-02", "07:00", "19:30", [meal("13:00", "13:30")])]
)


def bad(**changes):
    obj = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = obj
        keys = path.split("__")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return obj


@pytest.mark.parametrize(
    ("obj", "fieldname"),
    [
        (bad(rules="no-such-rules"), "rules"),
        (bad(days__0__wrap="07:00"), "days[0].wrap"),
        (bad(days__0__meals=[meal("12:00", "13:00"), meal("12:30", "13:30")]), "days[0].meals[1]"),
        (bad(days__0__meals=[meal("12:00", "12:00")]), "days[0].meals[0].end"),
        (bad(deal__rate="-1.00"), "deal.rate"),
        (bad(deal__rate="abc"), "deal.rate"),
        (bad(deal__rate=12.5), "deal.rate"),
        (bad(deal__per="month"), "deal.per"),
        (bad(days__0__call="7am"), "days[0].call"),
        (bad(days__0__call="24:00"), "days[0].call"),
        (bad(days__0__date="2026-02-30"), "days[0].date"),
        (bad(week_start="2026-03-09"), "days[0].date"),
        (bad(previous_wrap="yesterday"), "previous_wrap"),
        (bad(kit_rental={"amount": "-5", "per": "week"}), "kit_rental.amount"),
        (bad(days=[]), "days"),
    ],
)
def test_bad_input_names_the_field(obj, fieldname):
    with pytest.raises(PayInputError) as err:
        parse_week(obj)
    assert err.value.field == fieldname
    assert fieldname in str(err.value)


def test_a_day_twice_is_refused():
    obj = json.loads(json.dumps(GOOD))
    obj["days"].append(dict(obj["days"][0]))
    with pytest.raises(PayInputError) as err:
        parse_week(obj)
    assert err.value.field == "days[1].date"


def test_wrap_and_meal_after_midnight_fall_on_the_next_day():
    out = run(
        week(
            "ca-nonunion",
            DAY_300_12,
            [day("2026-03-02", "18:00", "04:00", [meal("00:00", "00:30")])],
        )
    )
    assert out["days"][0]["worked_hours"] == "9.5"
    assert out["days"][0]["elapsed_hours"] == "10.0"


def test_worked_time_rounds_up_to_the_next_tenth():
    out = run(
        week(
            "flsa",
            {"rate": "10.00", "per": "hour", "guaranteed_hours": 0},
            [day("2026-03-02", "08:00", "16:01")],
        )
    )
    assert out["days"][0]["worked_hours"] == "8.1"


# --------------------------------------------------------------- properties


@st.composite
def weeks(draw):
    rules = draw(st.sampled_from(available_rules()))
    per = draw(st.sampled_from(["hour", "day", "week"]))
    guaranteed = draw(st.sampled_from([8, 10, 12]))
    rate = draw(st.decimals(min_value=D("10.00"), max_value=D("5000.00"), places=2))
    start = dt.date(2026, 3, 1)
    offsets = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)))
    days = []
    last_wrap = None
    for off in offsets:
        date = start + dt.timedelta(days=off)
        call = dt.datetime.combine(date, dt.time(0)) + dt.timedelta(
            minutes=draw(st.integers(4 * 60, 14 * 60))
        )
        if last_wrap is not None and call <= last_wrap:
            call = last_wrap + dt.timedelta(minutes=draw(st.integers(1, 600)))
            if call.date() != date:
                continue
        length = draw(st.integers(60, 20 * 60))
        wrap = call + dt.timedelta(minutes=length)
        meals = []
        t = call + dt.timedelta(minutes=draw(st.integers(30, 8 * 60)))
        for _ in range(draw(st.integers(0, 2))):
            dur = draw(st.sampled_from([30, 45, 60]))
            if t + dt.timedelta(minutes=dur) > wrap:
                break
            meals.append(
                meal(f"{t:%H:%M}", f"{t + dt.timedelta(minutes=dur):%H:%M}", draw(st.booleans()))
            )
            t += dt.timedelta(minutes=dur + draw(st.integers(60, 7 * 60)))
        days.append(day(date.isoformat(), f"{call:%H:%M}", f"{wrap:%H:%M}", meals))
        last_wrap = wrap
    obj = week(
        rules,
        {"rate": str(rate), "per": per, "guaranteed_hours": guaranteed},
        days,
        week_start=start.isoformat(),
    )
    if draw(st.booleans()):
        obj["previous_wrap"] = (
            dt.datetime.combine(start, dt.time(0)) - dt.timedelta(minutes=draw(st.integers(0, 600)))
        ).isoformat()
    if draw(st.booleans()):
        obj["kit_rental"] = {"amount": "35.00", "per": draw(st.sampled_from(["day", "week"]))}
    return obj


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks())
def test_properties_over_random_weeks(obj):
    w = parse_week(obj)
    pay = compute(w)
    rules = load_rules(w.rules)
    out = pay_json(pay)
    assert json.loads(json.dumps(out)) == out

    day_sum = D(0)
    for dp in pay.days:
        # never negative; lines hours x rate; line sums equal the day total
        assert dp.total >= 0
        for ln in dp.lines:
            assert ln.amount >= 0 and ln.hours > 0
            assert ln.rate == q_rate(ln.rate)
            assert ln.amount == q_cent(ln.hours * ln.rate)
            assert ln.kind in TIME_KINDS + PENALTY_KINDS
            assert ln.why
        assert sum((ln.amount for ln in dp.lines), D(0)) == dp.total
        # never less than the guarantee
        paid_hours = sum((ln.hours for ln in dp.lines if ln.kind in TIME_KINDS), D(0))
        assert paid_hours >= w.deal.guaranteed_hours
        assert paid_hours >= dp.worked_hours
        bands = rules.normal_day.bands
        floor = sum(
            (
                q_cent(h * q_rate(pay.base_rate * b.multiplier))
                for b, h in split_bands(D(0), w.deal.guaranteed_hours, bands)
            ),
            D(0),
        )
        wages = sum((ln.amount for ln in dp.lines if ln.kind in TIME_KINDS), D(0))
        # splitting a band between worked and guaranteed hours may lose a cent per band
        assert wages >= floor - D("0.01") * len(bands)
        assert dp.worked_hours <= dp.elapsed_hours
        day_sum += dp.total

    # totals add up
    assert pay.wages + pay.penalties == day_sum
    assert pay.gross == pay.wages + pay.penalties + pay.kit_rental
    assert pay.gross >= 0
    assert D(out["gross"]) == pay.gross
