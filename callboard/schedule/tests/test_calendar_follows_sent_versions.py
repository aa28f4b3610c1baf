"""Each person's calls calendar carries their work days from the latest sent schedule version,
as all-day events under one UID per person and day, until a call sheet gives the day a time."""

from datetime import date

import pytest
from icalendar import Calendar

from callboard.callsheets.calendar import person_calendar
from callboard.people.models import Person
from callboard.schedule.models import Element
from callboard.schedule.services import schedule_version_publish, schedule_version_send


@pytest.fixture
def mae(small_board):
    person = Person.objects.create(
        production=small_board.production, kind=Person.Kind.CAST, first_name="Mae",
        last_name="West", email="mae@example.com", character="MARY",
    )  # fmt: skip
    Element.objects.filter(production=small_board.production, name="MARY").update(person=person)
    return person


def _days(person) -> dict[date, str]:
    feed = Calendar.from_ical(person_calendar(person))
    return {
        e.decoded("dtstart"): str(e["uid"])
        for e in feed.walk("VEVENT")
        if "workday" in str(e["uid"])
    }


def _move_scene_5_to_day_1(scenario):
    layout = scenario.layout
    layout["days"][0].append(layout["days"][2].pop(0))
    scenario.layout = layout
    scenario.save()


def test_the_calendar_shows_the_days_of_the_latest_sent_version(small_board, coordinator, mae):
    white = schedule_version_publish(actor=coordinator, scenario=small_board)
    assert _days(mae) == {}  # published, not sent: calendars do not follow it yet
    schedule_version_send(actor=coordinator, version=white, people=[mae])
    before = _days(mae)
    assert sorted(before) == [date(2026, 12, 8), date(2026, 12, 9)]  # MARY: days 2 and 3

    _move_scene_5_to_day_1(small_board)
    blue = schedule_version_publish(actor=coordinator, scenario=small_board)
    assert _days(mae) == before
    schedule_version_send(actor=coordinator, version=blue, people=[mae])
    after = _days(mae)
    assert sorted(after) == [date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)]
    # The same day keeps its UID: a calendar updates the event rather than adding another.
    assert after[date(2026, 12, 8)] == before[date(2026, 12, 8)]
    assert len(set(after.values())) == 3


def test_crew_see_every_shoot_day(small_board, coordinator):
    grip = Person.objects.create(
        production=small_board.production, first_name="Dana", email="dana@example.com"
    )
    white = schedule_version_publish(actor=coordinator, scenario=small_board)
    schedule_version_send(actor=coordinator, version=white, people=[grip])
    assert len(_days(grip)) == 3


def test_a_published_call_sheet_takes_over_its_day(small_board, coordinator, mae):
    from callboard.callsheets.checks import blocking, findings_digest
    from callboard.callsheets.queries import sheet_findings, sheet_view
    from callboard.callsheets.services import callsheet_create, callsheet_publish

    white = schedule_version_publish(actor=coordinator, scenario=small_board)
    schedule_version_send(actor=coordinator, version=white, people=[mae])
    sheet = callsheet_create(actor=coordinator, scenario=small_board, day_number=2)
    # A bare test board has no pickups, location or hospital: published over its findings.
    findings = blocking(sheet_findings(sheet_view(sheet)))
    callsheet_publish(
        actor=coordinator,
        sheet=sheet,
        overrides={f.code: "test board" for f in findings},
        seen=findings_digest(findings),
    )
    days = _days(mae)
    assert date(2026, 12, 8) not in days  # the call sheet's own event speaks for that day
    assert date(2026, 12, 9) in days
