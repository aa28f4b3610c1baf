"""Times typed on set: what they mean on the shoot day, and the order a day keeps."""

import datetime as dt

import pytest

from callboard.reports.settimes import (
    SetTimeError,
    clock_24,
    day_minutes,
    format_minutes,
    order_errors,
    parse_typed,
    sheet_minutes,
)


@pytest.mark.parametrize(
    "typed, minutes",
    [
        ("7:30", 450),
        ("0730", 450),
        ("19:05", 1145),
        ("7:30 pm", 1170),
        ("12:15 AM", 15),
        ("12 pm", 720),
        ("25:30", 1530),
    ],
)
def test_typed_times_read_as_minutes_of_the_day(typed, minutes):
    assert parse_typed(typed).minutes == minutes


@pytest.mark.parametrize("typed", ["", "noon", "7:75", "13:00 pm", "48:00", "12345"])
def test_what_is_not_a_time_is_refused_saying_how_to_type_one(typed):
    with pytest.raises(SetTimeError):
        parse_typed(typed)


def test_a_time_before_call_is_refused_unless_it_is_marked_the_next_morning():
    call = 18 * 60  # a night shoot called at 6 PM
    with pytest.raises(SetTimeError, match="before the crew call"):
        day_minutes(parse_typed("1:30"), call=call)
    assert day_minutes(parse_typed("1:30"), call=call, next_morning=True) == 1530
    assert day_minutes(parse_typed("25:30"), call=call) == 1530
    assert format_minutes(1530) == "1:30 AM (+1)"
    assert clock_24(1530) == "25:30"


def test_meal_in_before_meal_out_and_wrap_before_first_shot_are_named():
    errors = order_errors({"first_shot": 500, "meal_out": 780, "meal_in": 760, "camera_wrap": 480})
    assert "Lunch in (12:40 PM) is before lunch out (1:00 PM)." in errors
    assert "Camera wrap (8:00 AM) is before first shot (8:20 AM)." in errors
    assert order_errors({"first_shot": 500, "meal_out": 780, "meal_in": 810}) == []


def test_a_night_shoot_s_call_sheet_times_after_midnight_are_the_next_morning():
    night_call = 18 * 60  # called at 6 PM
    assert sheet_minutes(dt.time(2, 0), night_call) == 26 * 60  # wrap at 2 AM: 26:00
    assert sheet_minutes(dt.time(0, 0), night_call) == 24 * 60  # lunch at midnight: 24:00
    assert sheet_minutes(dt.time(21, 0), night_call) == 21 * 60


def test_midnight_on_a_call_sheet_is_a_time_not_nothing():
    assert sheet_minutes(dt.time(0, 0), None) == 0  # a crew call at midnight
    assert sheet_minutes(None, 7 * 60) is None
    assert sheet_minutes("W/N", 7 * 60) is None  # a call that is not a time


def test_a_pre_call_before_the_crew_call_stays_that_morning():
    assert sheet_minutes(dt.time(4, 30), 7 * 60) == 4 * 60 + 30  # makeup before a 7:00 call
    assert sheet_minutes(dt.time(12, 0), 18 * 60) == 12 * 60  # a night's pre-call at noon
