"""A permit's hours on the days it covers (framework-free, locations.permits): a time past
midnight belongs to the night before's hours, and a permit that ends on a date allows nothing
on the next day's own hours."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from callboard.locations.permits import PermitTerms

LA = ZoneInfo("America/Los_Angeles")
X = date(2026, 12, 10)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Dec ``day`` 2026 at hour:minute in Los Angeles."""
    return datetime(2026, 12, day, hour, minute, tzinfo=LA)


def permit(opens, closes, first=X, last=X) -> PermitTerms:
    return PermitTerms("FLA-42", first, last, opens, closes)


DAY = permit(time(7, 0), time(19, 0))
NIGHT = permit(time(18, 0), time(6, 0))


@pytest.mark.parametrize(
    "moment, allowed",
    [
        (at(10, 5), False),  # an early makeup call before a 7:00 start
        (at(10, 6, 59), False),
        (at(10, 7), True),  # the opening itself
        (at(10, 12), True),
        (at(10, 19), True),  # the closing itself
        (at(10, 19, 1), False),
        (at(11, 2), False),  # a 26:00 wrap: past the day's hours
        (at(11, 8), False),  # the next day: not covered
        (at(9, 12), False),  # the day before: not covered
    ],
)
def test_day_hours_hold_from_opening_to_closing_on_the_permit_s_day(moment, allowed):
    assert DAY.allows(moment) is allowed


@pytest.mark.parametrize(
    "moment, allowed",
    [
        (at(10, 17, 59), False),
        (at(10, 18), True),
        (at(10, 23, 30), True),
        (at(11, 4, 30), True),  # a 4:30 AM wrap is the night before's: fine
        (at(11, 6), True),
        (at(11, 6, 30), False),  # 6:30 AM is after the night's hours
        (at(10, 4, 30), False),  # the small hours of the 10th are the 9th's night: not covered
        (at(11, 18), False),  # the night of the 11th is not covered
    ],
)
def test_overnight_hours_run_past_midnight_into_the_next_morning(moment, allowed):
    assert NIGHT.allows(moment) is allowed


def test_a_time_past_midnight_belongs_to_the_night_before_even_on_an_uncovered_date():
    """A permit ending on the 10th still covers its own night's wrap at 2 AM on the 11th,
    and nothing else on the 11th."""
    night = permit(time(18, 0), time(6, 0), first=date(2026, 12, 8), last=X)
    assert night.allows(at(11, 2))
    assert not night.allows(at(11, 19))
    day = permit(time(7, 0), time(23, 0), first=date(2026, 12, 8), last=X)
    assert not day.allows(at(11, 2))  # the 10th's hours end at 11 PM
    assert not day.allows(at(11, 8))  # the 11th is not covered at all
    assert not day.covers(date(2026, 12, 11))


def test_a_night_permit_over_two_nights_covers_the_morning_between_them():
    two = permit(time(18, 0), time(6, 0), first=X, last=date(2026, 12, 11))
    assert two.allows(at(11, 5))  # the 10th's night
    assert not two.allows(at(11, 12))  # midday on the 11th: between the nights
    assert two.allows(at(12, 5))  # the 11th's night
    assert not two.allows(at(12, 7))


@pytest.mark.parametrize(
    "opens, closes, moment, allowed",
    [
        (None, None, at(10, 0), True),  # any hours: the whole covered day
        (None, None, at(10, 23, 59), True),
        (None, None, at(11, 0, 30), False),  # the next day is not covered
        (None, time(22, 0), at(10, 4), True),  # no opening: from midnight
        (None, time(22, 0), at(10, 22, 30), False),
        (time(9, 0), None, at(10, 8), False),
        (time(9, 0), None, at(10, 23), True),  # no closing: until midnight
        (time(9, 0), None, at(11, 1), False),
    ],
)
def test_a_permit_without_an_opening_or_closing_runs_from_or_to_midnight(
    opens, closes, moment, allowed
):
    assert permit(opens, closes).allows(moment) is allowed
