"""A new scenario starts from a calendar built from the production's shoot dates (issue 15
item 8), not an empty calendar to make by hand."""

from datetime import date

import pytest

from callboard.schedule.models import Calendar, Scenario
from callboard.schedule.services import breakdown_seed
from callboard.scripts.services import script_version_import

SCRIPT = b"""Title: Dates

INT. KITCHEN - DAY

MARY
Morning.

EXT. BRIDGE - NIGHT

GEORGE
Clarence!
"""


@pytest.fixture
def dated(production):
    production.prep_start = date(2026, 2, 2)
    production.shoot_start = date(2026, 3, 2)  # a Monday
    production.shoot_end = date(2026, 3, 13)  # the Friday after next: ten shoot days
    production.wrap_end = date(2026, 3, 27)
    production.save()
    version = script_version_import(
        actor=None,
        production=production,
        filename="d.fountain",
        data=SCRIPT,
        colour="White",
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )
    breakdown_seed(actor=None, version=version)
    return production


def test_the_first_scenario_gets_the_shoot_dates_calendar_and_a_day_per_shoot_day(dated):
    scenario = Scenario.objects.get(production=dated)
    calendar = scenario.calendar
    assert calendar is not None and calendar.start == date(2026, 3, 2)
    assert calendar.weekly_off == [0, 6]
    assert len(scenario.board.days) == 10 and not any(scenario.board.days)
    assert len(scenario.board.unscheduled) == 2


def test_the_new_scenario_form_offers_the_shoot_dates_first(coordinator_client, dated):
    page = coordinator_client.get(f"/p/{dated.slug}/schedule/").content.decode()
    assert 'value="shoot-dates" selected' in page
    assert "Shoot dates: Mon Mar 2, 2026 – Fri Mar 13, 2026, Mon–Fri" in page
    response = coordinator_client.post(
        f"/p/{dated.slug}/schedule/scenarios/new/",
        {"name": "Second pass", "calendar": "shoot-dates"},
    )
    assert response.status_code == 302
    scenario = Scenario.objects.get(production=dated, name="Second pass")
    assert scenario.calendar == Scenario.objects.get(name="Script order").calendar  # reused
    assert Calendar.objects.filter(production=dated).count() == 1
    board = coordinator_client.get(response["Location"]).content.decode()
    assert "End of Day 1 — Mon Mar 2, 2026" in board and "End of Day 10 — Fri Mar 13, 2026" in board
    assert "Last scheduled shoot day" in board


def test_without_shoot_dates_the_form_says_where_to_set_them(coordinator_client, production):
    from callboard.schedule.models import Strip

    Strip.objects.create(production=production, scene_number="1")
    Scenario.objects.create(production=production, name="Script order")
    page = coordinator_client.get(f"/p/{production.slug}/schedule/").content.decode()
    assert "shoot-dates" not in page
    assert "Set the prep, shoot and wrap dates in the production settings" in page
    response = coordinator_client.post(
        f"/p/{production.slug}/schedule/scenarios/new/", {"name": "B", "calendar": "shoot-dates"}
    )
    assert response.status_code == 302
    assert not Scenario.objects.filter(production=production, name="B").exists()
