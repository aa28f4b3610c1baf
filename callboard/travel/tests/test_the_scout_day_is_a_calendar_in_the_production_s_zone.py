"""The scout's phone page offers the day as a calendar: one event for the day with every stop
in order, one for each stop and the lunch that have a time, each in the production's zone
(written by the travel memo's iCal writer, travel.ical)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from callboard.core.models import OutboundEmail

from .sent_scouts import crewed, link_of, send

pytestmark = pytest.mark.django_db


def _events(ics: bytes) -> dict:
    return {str(e["summary"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}


def test_the_calendar_holds_the_day_and_each_timed_stop(
    production, client, django_capture_on_commit_callbacks
):
    production.time_zone = "America/New_York"  # the stops print in the production's zone
    production.save()
    scout, _, (ann, _) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    link = link_of(ann, 1)
    assert 'href="' + link + 'scout.ics"' in client.get(link).content.decode()
    assert link + "scout.ics" in OutboundEmail.objects.get(to=ann.email).body

    response = client.get(link + "scout.ics")
    assert response["Content-Type"] == "text/calendar"
    ics = response.content
    events = _events(ics)
    assert set(events) == {
        "Tech scout — call 7:00 AM",
        "Stop 1: Santa Monica Pier",
        "Stop 2: Pasadena Motel",
        "Stop 3: Warehouse (no pin)",
        "Lunch: Philippe's",
    }  # Malibu has no time: it is in the day's description only
    zone = ZoneInfo("America/New_York")
    day = events["Tech scout — call 7:00 AM"]
    assert day["dtstart"].dt == dt.datetime(2026, 12, 14, 7, 0, tzinfo=zone)
    assert day["dtend"].dt == dt.datetime(2026, 12, 14, 14, 0, tzinfo=zone)  # Pasadena's end
    description = str(day["description"])
    assert "You ride in Van 1 (driver Sal)." in description
    assert "Malibu Beach House" in description and "L. 12:30 PM Philippe's" in description
    motel = events["Stop 2: Pasadena Motel"]
    assert motel["dtstart"].dt == dt.datetime(2026, 12, 14, 13, 30, tzinfo=zone)
    assert motel["dtend"].dt == dt.datetime(2026, 12, 14, 14, 0, tzinfo=zone)
    assert "INT. MOTEL — sc. 4, 12" in str(motel["description"])
    assert b"DTSTART;TZID=America/New_York:20261214T133000" in ics
    assert b"BEGIN:VTIMEZONE" in ics and b"TZID:America/New_York" in ics
    assert str(motel["uid"]).startswith(f"callboard-scout-{production.pk}-{scout.pk}-stop-")
    assert int(motel["sequence"]) == 1


def test_a_calendar_subscribed_to_an_earlier_link_follows_the_next_version_sent(
    production, client, django_capture_on_commit_callbacks
):
    from callboard.travel import services

    scout, _, (ann, _) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    pier = scout.stops.get(location__name="Santa Monica Pier")
    services.scout_stop_update(actor=None, stop=pier, arrives=dt.time(9, 0), minutes=30)
    send(scout, django_capture_on_commit_callbacks)
    events = _events(client.get(link_of(ann, 1) + "scout.ics").content)
    pier_event = events["Stop 1: Santa Monica Pier"]
    assert pier_event["dtstart"].dt.time() == dt.time(9, 0) and int(pier_event["sequence"]) == 2
