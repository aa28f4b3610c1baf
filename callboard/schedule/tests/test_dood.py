"""Day Out of Days engine (callboard.schedule.dood): pure tests, no database."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.schedule.dood import (
    EVENT_CODES,
    WORK_CODES,
    Calendar,
    ElementDays,
    build_dood,
    dood_json,
)

MON = date(2026, 3, 2)  # a Monday; day 1 of the issue's example


def d(offset: int) -> date:
    return MON + timedelta(days=offset)


def make_calendar(
    start: date = MON,
    shoot_days: int = 20,
    weekdays_off: frozenset[int] = frozenset({5, 6}),
    holidays: frozenset[date] = frozenset(),
) -> Calendar:
    """Consecutive dates from ``start`` until ``shoot_days`` days have been shot."""
    days, numbers, off = [], {}, set()
    day = start
    while len(numbers) < shoot_days:
        days.append(day)
        if day.weekday() in weekdays_off or day in holidays:
            off.add(day)
        else:
            numbers[day] = len(numbers) + 1
        day += timedelta(days=1)
    return Calendar(days=days, shoot_days=numbers, days_off=off, holidays=set(holidays) & off)


def row_for(calendar: Calendar, **kwargs):
    kwargs.setdefault("id", "1")
    kwargs.setdefault("name", "ALEX")
    (row,) = build_dood(calendar, [ElementDays(**kwargs)])
    return row


def test_a_single_work_day_reads_swf_and_is_one_paid_day():
    row = row_for(make_calendar(), work={d(2)})
    assert row.codes == {d(2): "SWF"}
    assert (row.start, row.finish) == (d(2), d(2))
    assert (row.work, row.hold, row.travel, row.paid, row.drops) == (1, 0, 0, 1, 0)


def test_consecutive_work_days_read_sw_w_wf():
    row = row_for(make_calendar(), work={d(0), d(1), d(2)})
    assert row.codes == {d(0): "SW", d(1): "W", d(2): "WF"}
    assert (row.work, row.paid) == (3, 3)


def test_non_work_days_between_first_and_last_work_day_are_holds():
    row = row_for(make_calendar(), work={d(0), d(3)})
    assert row.codes == {d(0): "SW", d(1): "H", d(2): "H", d(3): "WF"}
    assert (row.work, row.hold, row.paid) == (2, 2, 4)


def test_no_hold_before_the_first_or_after_the_last_work_day():
    row = row_for(make_calendar(), work={d(2), d(3)})
    assert set(row.codes) == {d(2), d(3)}


def test_company_days_off_are_never_holds():
    # Friday and the following Tuesday: Saturday and Sunday are off, Monday is held.
    row = row_for(make_calendar(), work={d(4), d(8)})
    assert row.codes == {d(4): "SW", d(7): "H", d(8): "WF"}
    assert row.hold == 1


def test_an_element_that_does_not_allow_holds_has_blank_days_between_work_days():
    row = row_for(make_calendar(), work={d(0), d(3)}, allow_holds=False)
    assert row.codes == {d(0): "SW", d(3): "WF"}
    assert (row.hold, row.paid) == (0, 2)


def test_a_gap_of_exactly_drop_days_is_held_not_dropped():
    row = row_for(make_calendar(), work={d(0), d(10)})
    assert row.codes[d(0)] == "SW" and row.codes[d(10)] == "WF"
    assert row.drops == 0
    # Weekdays strictly between Mon 2 and Thu 12 March: 3-6 and 9-11 March.
    assert [day for day, code in row.codes.items() if code == "H"] == [
        d(1),
        d(2),
        d(3),
        d(4),
        d(7),
        d(8),
        d(9),
    ]
    assert row.hold == 7


def test_a_gap_of_more_than_drop_days_is_a_drop_with_blank_days_between():
    row = row_for(make_calendar(), work={d(0), d(1), d(12), d(13)})
    assert row.codes == {d(0): "SW", d(1): "WD", d(12): "PW", d(13): "WF"}
    assert (row.work, row.hold, row.paid, row.drops) == (4, 0, 4, 1)


def test_a_drop_right_after_the_start_reads_swd_and_a_pickup_on_the_finish_reads_pwf():
    row = row_for(make_calendar(), work={d(0), d(11)})  # gap of 11 calendar days
    assert row.codes == {d(0): "SWD", d(11): "PWF"}
    assert (row.work, row.hold, row.paid, row.drops) == (2, 0, 2, 1)


def test_a_work_day_that_is_both_a_pickup_and_a_drop_reads_pwd():
    row = row_for(make_calendar(shoot_days=40), work={d(0), d(14), d(28)})
    assert row.codes == {d(0): "SWD", d(14): "PWD", d(28): "PWF"}
    assert row.drops == 2


def test_holds_still_fill_the_short_gaps_of_an_element_with_a_drop():
    row = row_for(make_calendar(shoot_days=40), work={d(0), d(2), d(21)})
    assert row.codes == {d(0): "SW", d(1): "H", d(2): "WD", d(21): "PWF"}


def test_an_element_that_does_not_allow_drops_is_held_through_a_long_gap():
    row = row_for(make_calendar(), work={d(0), d(11)}, allow_drops=False)
    assert row.codes[d(0)] == "SW" and row.codes[d(11)] == "WF"
    assert row.drops == 0
    assert row.hold == 8  # weekdays strictly between Mon 2 and Fri 13 March: 3-6, 9-12


def test_the_drop_day_count_is_per_element():
    calendar = make_calendar(shoot_days=40)
    assert row_for(calendar, work={d(0), d(14)}, drop_days=14).drops == 0
    assert row_for(calendar, work={d(0), d(15)}, drop_days=14).codes == {
        d(0): "SWD",
        d(15): "PWF",
    }


def test_travel_rehearsal_and_fitting_days_carry_their_codes_and_count():
    calendar = make_calendar()
    row = row_for(
        calendar,
        work={d(3), d(7)},
        travel={d(-1), d(8)},  # the Sunday before the calendar starts, and a Tuesday
        rehearsal={d(1)},
        fitting={d(0), d(4)},  # Friday between work days: the fitting replaces a hold
    )
    assert row.codes == {
        d(-1): "TR",
        d(0): "FT",
        d(1): "R",
        d(3): "SW",
        d(4): "FT",
        d(7): "WF",
        d(8): "TR",
    }
    # Work: the 2 work days only; each event has its own count; no hold left.
    assert (row.work, row.hold, row.travel, row.rehearsal, row.fitting) == (2, 0, 2, 1, 2)
    # Paid: work + travel + the rehearsal (paid as a day); fittings are paid by the hour.
    assert row.paid == 5
    assert (row.start, row.finish) == (d(-1), d(8))


def test_a_fitting_or_rehearsal_is_never_a_work_day():
    row = row_for(make_calendar(), work={d(2)}, rehearsal={d(0)}, fitting={d(1)})
    assert (row.work, row.rehearsal, row.fitting) == (1, 1, 1)
    assert row.codes[d(2)] == "SWF"


def test_paid_counts_rehearsal_and_fitting_days_only_where_the_deal_pays_them_as_days():
    days = {"work": {d(3)}, "rehearsal": {d(0), d(1)}, "fitting": {d(2)}}
    assert (
        row_for(make_calendar(), **days).paid == 3
    )  # default: rehearsals as days, fittings hourly
    assert row_for(make_calendar(), **days, fitting_paid=True).paid == 4
    assert row_for(make_calendar(), **days, rehearsal_paid=False).paid == 1
    assert row_for(make_calendar(), **days, rehearsal_paid=False, fitting_paid=True).paid == 2


def test_holidays_count_in_their_own_column_only_inside_the_elements_run():
    calendar = make_calendar(holidays=frozenset({d(4), d(17)}))
    row = row_for(calendar, work={d(3), d(7)})
    assert row.codes[d(4)] == "HOL" and row.codes[d(17)] == "HOL"
    assert row.holiday == 1  # d(17) falls after they finish
    assert row.paid == 2


def test_a_work_day_wins_over_an_event_on_the_same_date():
    row = row_for(make_calendar(), work={d(0)}, travel={d(0)}, rehearsal={d(0)})
    assert row.codes == {d(0): "SWF"}
    assert (row.work, row.travel, row.paid) == (1, 0, 1)


def test_events_on_company_days_off_are_still_marked_and_paid():
    row = row_for(make_calendar(), work={d(4)}, travel={d(6)}, fitting={d(5)}, fitting_paid=True)
    assert row.codes == {d(4): "SWF", d(5): "FT", d(6): "TR"}
    assert row.paid == 3


def test_an_element_with_no_days_has_no_codes_and_no_start():
    row = row_for(make_calendar(), work=set())
    assert row.codes == {}
    assert (row.start, row.finish, row.paid) == (None, None, 0)


def test_holidays_read_hol_on_every_row_unless_something_else_applies():
    good_friday = d(4)
    calendar = make_calendar(holidays=frozenset({good_friday}))
    idle, held, working = build_dood(
        calendar,
        [
            ElementDays(id="1", name="IDLE", work={d(14)}),
            ElementDays(id="2", name="HELD", work={d(3), d(7)}),
            ElementDays(id="3", name="WORKS THE HOLIDAY", work={d(3), d(4)}),
        ],
    )
    assert idle.codes == {good_friday: "HOL", d(14): "SWF"}
    assert held.codes == {d(3): "SW", good_friday: "HOL", d(7): "WF"}
    assert held.hold == 0 and held.paid == 2
    assert working.codes[good_friday] == "WF"
    assert good_friday not in calendar.shoot_days


def test_paid_days_are_work_plus_hold_plus_travel_plus_paid_rehearsals():
    row = row_for(make_calendar(), work={d(0), d(2), d(4)}, travel={d(-1)}, rehearsal={d(3)})
    assert row.codes == {d(-1): "TR", d(0): "SW", d(1): "H", d(2): "W", d(3): "R", d(4): "WF"}
    assert (row.work, row.hold, row.travel, row.rehearsal, row.paid) == (3, 1, 1, 1, 6)


def test_dood_json_has_the_issue_shape():
    calendar = make_calendar(shoot_days=3, holidays=frozenset())
    rows = build_dood(calendar, [ElementDays(id="3", name="ALEX", work={d(0), d(2)})])
    assert dood_json(calendar, rows) == {
        "days": [
            {"day": 1, "date": "2026-03-02"},
            {"day": 2, "date": "2026-03-03"},
            {"day": 3, "date": "2026-03-04"},
        ],
        "elements": [
            {
                "id": "3",
                "name": "ALEX",
                "codes": {"2026-03-02": "SW", "2026-03-03": "H", "2026-03-04": "WF"},
                "start": "2026-03-02",
                "finish": "2026-03-04",
                "work": 2,
                "hold": 1,
                "travel": 0,
                "holiday": 0,
                "rehearsal": 0,
                "fitting": 0,
                "paid": 3,
            }
        ],
    }


def test_dood_json_gives_null_dates_for_an_element_with_no_days():
    calendar = make_calendar(shoot_days=1)
    element = dood_json(calendar, build_dood(calendar, [ElementDays("9", "X", set())]))
    assert element["elements"][0]["start"] is None
    assert element["elements"][0]["codes"] == {}


# Property: random calendars and random element days.


@st.composite
def calendars_and_elements(draw):
    start = MON + timedelta(days=draw(st.integers(0, 6)))
    weekdays_off = frozenset(draw(st.sets(st.integers(0, 6), max_size=3)))
    probe = make_calendar(start, 30, weekdays_off)
    holidays = frozenset(draw(st.sets(st.sampled_from(sorted(probe.shoot_days)), max_size=3)))
    calendar = make_calendar(start, draw(st.integers(1, 30)), weekdays_off, holidays)
    shoot = sorted(calendar.shoot_days)
    any_day = st.sampled_from(calendar.days)
    elements = [
        ElementDays(
            id=str(n),
            name=f"E{n}",
            work=draw(st.sets(st.sampled_from(shoot))),
            allow_holds=draw(st.booleans()),
            allow_drops=draw(st.booleans()),
            drop_days=draw(st.integers(0, 15)),
            travel=draw(st.frozensets(any_day, max_size=3)),
            rehearsal=draw(st.frozensets(any_day, max_size=3)),
            fitting=draw(st.frozensets(any_day, max_size=3)),
            rehearsal_paid=draw(st.booleans()),
            fitting_paid=draw(st.booleans()),
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    return calendar, elements


@settings(max_examples=300, deadline=None)
@given(calendars_and_elements())
def test_every_dood_row_keeps_the_invariants(case):
    """For work days drawn from shoot days:

    * an element with work has exactly one S and one F marker (on its first and last work day);
    * drops == number of D markers == number of P markers;
    * work counts work codes only; paid == work + hold + travel (+ rehearsal and fitting
      days where the deal pays them as days), and the totals match the codes;
    * a company day off reads only "", HOL, TR, R or FT (never H, never a work code);
    * H only falls strictly between the first and last work day, and never inside a drop.
    """
    calendar, elements = case
    rows = build_dood(calendar, elements)
    assert [row.id for row in rows] == [element.id for element in elements]
    for element, row in zip(elements, rows, strict=True):
        codes = row.codes
        work_codes = {day: code for day, code in codes.items() if code in WORK_CODES}
        assert set(work_codes) == set(element.work)
        assert set(codes.values()) <= WORK_CODES | EVENT_CODES | {"H", "HOL"}
        starts = [day for day, code in work_codes.items() if code.startswith("S")]
        finishes = [day for day, code in work_codes.items() if code.endswith("F")]
        if element.work:
            assert starts == [min(element.work)] and finishes == [max(element.work)]
        else:
            assert starts == finishes == []
        drops = sum(code.endswith("D") for code in work_codes.values())
        pickups = sum(code.startswith("P") for code in work_codes.values())
        assert drops == pickups == row.drops
        if not element.allow_drops:
            assert row.drops == 0

        values = list(codes.values())
        assert row.hold == values.count("H")
        assert row.travel == values.count("TR")
        assert row.work == len(work_codes)
        assert (row.rehearsal, row.fitting) == (values.count("R"), values.count("FT"))
        assert row.paid == (
            row.work
            + row.hold
            + row.travel
            + (row.rehearsal if element.rehearsal_paid else 0)
            + (row.fitting if element.fitting_paid else 0)
        )
        assert row.holiday <= values.count("HOL")

        for day in calendar.days_off:
            assert codes.get(day, "") in {"", "HOL", "TR", "R", "FT"}
        for day in calendar.holidays:
            assert day in codes

        holds = [day for day, code in codes.items() if code == "H"]
        if holds:
            assert element.allow_holds
            assert min(element.work) < min(holds) and max(holds) < max(element.work)
        work_days = sorted(element.work)
        for before, after in zip(work_days, work_days[1:], strict=False):
            gap = (after - before).days
            dropped = element.allow_drops and gap > element.drop_days
            assert work_codes[before].endswith("D") == dropped
            between = [day for day in holds if before < day < after]
            if dropped:
                assert between == []
            elif element.allow_holds:
                expected = [
                    day
                    for day in calendar.days
                    if before < day < after
                    and day not in calendar.days_off
                    and day not in element.travel | element.rehearsal | element.fitting
                ]
                assert between == expected
