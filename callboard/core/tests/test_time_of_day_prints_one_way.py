from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from callboard.core.timefmt import time_of_day


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (time(7, 30), "7:30 AM"),
        (time(12, 0), "12:00 PM"),
        (time(0, 5), "12:05 AM"),
        (time(23, 59), "11:59 PM"),
        (time(13, 0), "1:00 PM"),
        (datetime(2026, 3, 2, 18, 45), "6:45 PM"),
        ("07:30", "7:30 AM"),
        ("19:05", "7:05 PM"),
        ("12:00:00", "12:00 PM"),
        (None, ""),
        ("", ""),
        ("O/C", "O/C"),
        ("PER DEPT HEAD", "PER DEPT HEAD"),
    ],
)
def test_time_of_day_prints_a_clock_without_a_leading_zero(value, printed):
    assert time_of_day(value) == printed


def test_time_of_day_refuses_a_number():
    with pytest.raises(TypeError):
        time_of_day(730)


def test_time_of_day_filter_prints_the_same_in_templates():
    template = Template("{% load callboard %}[{{ t|time_of_day }}][{{ none|time_of_day }}]")
    assert template.render(Context({"t": time(12, 0), "none": None})) == "[12:00 PM][]"


def test_time_of_day_filter_shows_an_aware_moment_in_the_current_zone():
    moment = datetime(2026, 12, 3, 18, 30, tzinfo=UTC)
    template = Template("{% load callboard %}{{ t|time_of_day }}")
    with timezone.override(ZoneInfo("America/Los_Angeles")):
        assert template.render(Context({"t": moment})) == "10:30 AM"
