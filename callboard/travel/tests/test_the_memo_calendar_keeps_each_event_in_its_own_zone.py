"""The memo as iCal: each flight's start in its origin's zone and its end in its
destination's (TZID), each with its VTIMEZONE, so a phone in New York or in Los Angeles shows
the same instants; hotel stays as whole days."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from callboard.travel import memo
from callboard.travel.queries import memo_document

from .memo_trip import margo_with_a_trip

pytestmark = pytest.mark.django_db


def test_a_jfk_to_lax_flight_starts_in_new_york_time_and_ends_in_los_angeles_time(production):
    document = memo_document(production, margo_with_a_trip(production))
    ics = memo.memo_ics(document, version=2).decode()
    assert "DTSTART;TZID=America/New_York:20261209T080000" in ics
    assert "DTEND;TZID=America/Los_Angeles:20261209T113000" in ics
    assert "DTSTART;TZID=America/Los_Angeles:20261212T130000" in ics  # the flight back
    assert "BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles" in ics
    assert "BEGIN:VTIMEZONE\r\nTZID:America/New_York" in ics
    assert "DTSTART;VALUE=DATE:20261209" in ics and "DTEND;VALUE=DATE:20261212" in ics


def test_a_phone_in_either_zone_reads_the_same_instants(production):
    document = memo_document(production, margo_with_a_trip(production))
    feed = Calendar.from_ical(memo.memo_ics(document))
    flight = next(e for e in feed.walk("VEVENT") if "DL 402" in str(e["summary"]))
    departs, arrives = flight.decoded("dtstart"), flight.decoded("dtend")
    utc = dt.UTC
    assert departs.astimezone(utc) == dt.datetime(2026, 12, 9, 13, 0, tzinfo=utc)
    assert arrives.astimezone(utc) == dt.datetime(2026, 12, 9, 19, 30, tzinfo=utc)
    # A phone set to Los Angeles shows 5:00 AM → 11:30 AM; one in New York 8:00 AM → 2:30 PM.
    la, ny = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York")
    assert (departs.astimezone(la).hour, arrives.astimezone(la).strftime("%H:%M")) == (5, "11:30")
    assert (departs.astimezone(ny).hour, arrives.astimezone(ny).strftime("%H:%M")) == (8, "14:30")
    assert flight["sequence"] == 0
    assert str(flight["uid"]).startswith(f"callboard-travel-{production.pk}-booking-")
