"""Crew whose job has ended are left off the next days' sheets unless someone types a call for
them; only a typed call after the end date is flagged (issue 15, review of item 1)."""

from datetime import timedelta

import pytest

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issue, sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_update
from callboard.demo.build import demo_production_build
from callboard.people.models import Person

from .ready import make_ready


def _crew_names(view) -> set[str]:
    return {row.person.display_name for _, rows in view.crew for row in rows}


@pytest.mark.django_db
def test_the_next_days_sheet_is_not_blocked_by_crew_nobody_called():
    """The demo's scout finished before the shoot; days 2 and 3's sheets are not blocked by
    her, nor any later day's."""
    production = demo_production_build()
    first = CallSheet.objects.get(production=production, day_number=1)
    scout = Person.objects.get(
        production=production, position="Location Scout", end_date__lt=first.date
    )
    for day in (2, 3, 4):
        sheet = callsheet_create(actor=None, scenario=first.scenario, day_number=day)
        view = sheet_view(sheet)
        codes = [f.code for f in sheet_findings(view)]
        assert "crew-ended" not in codes
        assert scout.display_name not in _crew_names(view)
        assert scout.display_name not in str(issue(view).document["crew"])


def test_crew_past_their_end_date_are_off_the_sheet_until_someone_calls_them(shooting):
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    grip = Person.objects.filter(production=shooting.production, position="Grip").first()
    grip.end_date = sheet.date - timedelta(days=1)
    grip.save()
    view = sheet_view(sheet)
    assert grip.display_name not in _crew_names(view)
    assert [row.person for row in view.ended] == [grip]  # the editor still offers her a call
    assert grip.pk not in issue(view).calls
    assert "crew-ended" not in [f.code for f in sheet_findings(view)]

    sheet = callsheet_update(actor=None, sheet=sheet, person_calls={str(grip.pk): "07:00"})
    view = sheet_view(sheet)
    assert grip.display_name in _crew_names(view)
    found = {f.code: f.message for f in sheet_findings(view)}
    assert "called after their employment ended" in found["crew-ended"]

    sheet = callsheet_update(actor=None, sheet=sheet, person_calls={str(grip.pk): "n/w"})
    view = sheet_view(sheet)
    assert grip.display_name not in _crew_names(view)  # N/W: off the sheet again
    assert "crew-ended" not in [f.code for f in sheet_findings(view)]


def test_a_department_call_does_not_call_crew_whose_job_ended(shooting):
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    grip = Person.objects.filter(production=shooting.production, position="Grip").first()
    grip.end_date = sheet.date - timedelta(days=1)
    grip.save()
    sheet = callsheet_update(
        actor=None, sheet=sheet, department_calls={str(grip.department_id): "06:00"}
    )
    view = sheet_view(sheet)
    assert grip.display_name not in _crew_names(view)
    assert "crew-ended" not in [f.code for f in sheet_findings(view)]


def test_the_editor_offers_a_call_to_crew_whose_job_ended(coordinator_client, shooting):
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    grip = Person.objects.filter(production=shooting.production, position="Grip").first()
    grip.end_date = sheet.date - timedelta(days=1)
    grip.save()
    url = f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert f'name="person_{grip.pk}"' in page
    assert "Past their end date" in page and "unless you type a call" in page
