"""Reading a card's days as typed, pricing them, and the flags the office sees (pure)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callboard.payroll.timecards import (
    CardDeal,
    DayProblems,
    SheetDay,
    card_flags,
    clock_text,
    days_from_form,
    days_from_sheets,
    form_values,
    keep_grace,
    open_days,
    price,
)

WEEK = date(2026, 3, 1)
DAY_DEAL = CardDeal("ca-nonunion", Decimal("300"), "day", Decimal("12"))


@pytest.mark.parametrize(
    "typed, clock",
    [
        ("7", "07:00"),
        ("7:05", "07:05"),
        ("0705", "07:05"),
        ("7:05 pm", "19:05"),
        ("12:30 AM", "00:30"),
        ("12 pm", "12:00"),
        ("19:05:00", "19:05"),
        ("", ""),
    ],
)
def test_times_are_read_as_people_write_them(typed, clock):
    assert clock_text(typed) == clock


@pytest.mark.parametrize("typed", ["25:00", "7:75", "13 pm", "noon", "7.30"])
def test_impossible_times_are_refused(typed):
    with pytest.raises(ValueError):
        clock_text(typed)


def test_a_meal_with_only_its_start_names_the_day():
    with pytest.raises(DayProblems) as caught:
        days_from_form(WEEK, {"d1_call": "07:00", "d1_wrap": "19:00", "d1_m1_start": "13:00"})
    assert caught.value.problems == {"2026-03-02": "give both the start and the end of meal 1"}


def test_a_wrap_without_a_call_is_refused_and_empty_days_are_left_out():
    with pytest.raises(DayProblems) as caught:
        days_from_form(WEEK, {"d3_wrap": "19:00"})
    assert "call" in caught.value.problems["2026-03-04"]
    assert days_from_form(WEEK, {"d0_call": "", "d1_call": "07:00"}) == [
        {"date": "2026-03-02", "call": "07:00", "wrap": "", "meals": [], "ndb": None, "note": ""}
    ]


def test_a_day_without_wrap_is_kept_open_and_not_priced():
    days = days_from_form(WEEK, {"d1_call": "07:00", "d2_call": "07:00", "d2_wrap": "12:00"})
    assert open_days(days) == ["2026-03-02"]
    pay = price(DAY_DEAL, WEEK, "", days)
    assert [d["date"] for d in pay["days"]] == ["2026-03-03"]
    assert pay["gross"] == "300.00"


def test_the_engines_objection_lands_on_its_day_in_words():
    days = days_from_form(
        WEEK, {"d1_call": "07:00", "d1_wrap": "12:00", "d1_m1_start": "11:30", "d1_m1_end": "12:30"}
    )
    with pytest.raises(DayProblems) as caught:
        price(DAY_DEAL, WEEK, "", days)
    assert caught.value.problems == {"2026-03-02": "meal 1 end: meal ends after wrap"}


def test_overlapping_meals_are_named_by_number():
    days = days_from_form(
        WEEK,
        {
            "d1_call": "07:00",
            "d1_wrap": "22:00",
            "d1_m1_start": "13:00",
            "d1_m1_end": "14:00",
            "d1_m2_start": "13:30",
            "d1_m2_end": "14:30",
        },
    )
    with pytest.raises(DayProblems) as caught:
        price(DAY_DEAL, WEEK, "", days)
    assert caught.value.problems["2026-03-02"] == "meal 2: overlaps meal 1"


def test_form_values_round_trip():
    form = {
        "d1_call": "06:00",
        "d1_wrap": "21:00",
        "d1_m1_start": "12:00",
        "d1_m1_end": "12:30",
        "d1_m1_grace": "on",
        "d1_ndb_start": "05:45",
        "d1_ndb_end": "06:00",
        "d1_note": "company move",
    }
    days = days_from_form(WEEK, form)
    assert days_from_form(WEEK, form_values(days, WEEK)) == days


def test_the_crew_cannot_give_themselves_grace_nor_lose_the_ads():
    stored = [
        {
            "date": "2026-03-02",
            "call": "06:00",
            "wrap": "21:00",
            "meals": [{"start": "12:05", "end": "12:35", "grace": True}],
        }
    ]
    typed = days_from_form(
        WEEK,
        {
            "d1_call": "06:00",
            "d1_wrap": "21:30",
            "d1_m1_start": "12:05",
            "d1_m1_end": "12:35",
            "d1_m2_start": "18:00",
            "d1_m2_end": "18:30",
            "d1_m2_grace": "on",
        },
    )
    kept = keep_grace(typed, stored)
    assert [m["grace"] for m in kept[0]["meals"]] == [True, False]


def test_first_draft_from_the_call_sheets_has_a_half_hour_lunch():
    days = days_from_sheets({"2026-03-02": SheetDay("07:00", "19:00", "13:00")})
    assert days == [
        {
            "date": "2026-03-02",
            "call": "07:00",
            "wrap": "19:00",
            "meals": [{"start": "13:00", "end": "13:30", "grace": False}],
            "ndb": None,
            "note": "",
        }
    ]


def _flags(
    days,
    *,
    sheets=None,
    dates=None,
    rate=Decimal("300"),
    per="day",
    deal=DAY_DEAL,
    previous_wrap="",
):
    pay = price(deal, WEEK, previous_wrap, days)
    return card_flags(
        days=days,
        pay=pay,
        deal=deal,
        listed_rate=rate,
        listed_per=per,
        sheets=sheets or {},
        department_dates=dates or set(),
    )


def test_a_late_lunch_is_flagged_with_its_cost():
    days = days_from_form(
        WEEK, {"d1_call": "07:00", "d1_wrap": "19:00", "d1_m1_start": "13:20", "d1_m1_end": "13:50"}
    )
    flags = _flags(days)
    assert [(f.code, f.message) for f in flags] == [
        (
            "meal_penalty",
            "Mon Mar 2: $21.43 — first meal started 13:20, 20 min late "
            "(due 13:00, 6:00 after call 07:00)",
        )
    ]


def test_hours_against_the_call_sheet():
    sheets = {"2026-03-02": SheetDay("07:00", "19:00"), "2026-03-04": SheetDay("07:00", "19:00")}
    days = days_from_form(
        WEEK,
        {
            "d1_call": "06:00",
            "d1_wrap": "21:30",
            "d1_m1_start": "11:00",
            "d1_m1_end": "11:30",
            "d2_call": "07:00",
            "d2_wrap": "15:00",
            "d2_m1_start": "12:00",
            "d2_m1_end": "12:30",
        },
    )
    codes = {
        (f.code, f.date)
        for f in _flags(days, sheets=sheets, dates={"2026-03-02", "2026-03-03", "2026-03-04"})
    }
    assert codes == {
        ("call_differs", "2026-03-02"),
        ("wrap_differs", "2026-03-02"),
        ("not_called", "2026-03-03"),
        ("missing_day", "2026-03-04"),
    }


def test_a_prep_day_without_any_call_sheet_is_not_flagged():
    days = days_from_form(WEEK, {"d1_call": "08:00", "d1_wrap": "14:00"})
    assert _flags(days) == []


def test_a_rate_different_from_the_deal_is_flagged():
    days = days_from_form(WEEK, {"d1_call": "08:00", "d1_wrap": "14:00"})
    assert [f.code for f in _flags(days, rate=Decimal("325"))] == ["rate"]
    assert [f.code for f in _flags(days, per="week")] == ["rate"]


def test_short_turnaround_is_flagged():
    deal = CardDeal("iatse-basic", Decimal("50"), "hour", Decimal("8"))
    days = days_from_form(
        WEEK, {"d1_call": "06:00", "d1_wrap": "14:00", "d1_m1_start": "11:00", "d1_m1_end": "11:30"}
    )
    flags = _flags(
        days, deal=deal, rate=Decimal("50"), per="hour", previous_wrap="2026-03-01T22:00"
    )
    assert [f.code for f in flags] == ["turnaround"]
    assert "2.0 h invaded" in flags[0].message


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(4, 10), st.integers(6, 13)), max_size=7))
def test_any_typed_week_either_prices_or_names_a_day(week):
    form = {}
    for n, start, length in week:
        form[f"d{n}_call"] = f"{start:02d}:00"
        form[f"d{n}_wrap"] = f"{(start + length) % 24:02d}:30"
    try:
        pay = price(DAY_DEAL, WEEK, "", days_from_form(WEEK, form))
    except DayProblems as exc:
        assert exc.problems
        return
    if pay:
        assert Decimal(pay["gross"]) >= 300 * len(pay["days"]) - Decimal("0.05") * len(pay["days"])
