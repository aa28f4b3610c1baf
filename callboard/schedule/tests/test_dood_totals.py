"""DOOD totals (issue 15 item 10): work is work days only; travel, hold, holiday, rehearsal and
fitting have their own columns; paid counts rehearsals and fittings only where the element's
deal pays them as days."""

import io
import json
from io import StringIO

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.core.management import call_command

from callboard.schedule.models import Element, Scenario
from callboard.schedule.queries import category_for, scenario_dood, scenario_plan


@pytest.fixture
def george(full_sample):
    """GEORGE of the First Pass, with a rehearsal and two fittings before he starts."""
    element = Element.objects.get(production=full_sample, name="GEORGE")
    element.events = [
        {"type": "event", "name": "rehearsal", "date": "2022-08-01"},
        {"type": "event", "name": "fitting", "date": "2022-07-28"},
        {"type": "event", "name": "fitting", "date": "2022-07-29"},
    ]
    element.save()
    return element


def _george_json(production):
    out = StringIO()
    call_command("dood", production=production.slug, scenario="First Pass", json=True, stdout=out)
    return next(e for e in json.loads(out.getvalue())["elements"] if e["name"] == "GEORGE")


def test_dood_json_counts_work_days_only_and_gives_each_event_its_own_key(george):
    row = _george_json(george.production)
    codes = list(row["codes"].values())
    work_codes = {"W", "SW", "WF", "SWF", "WD", "SWD", "PW", "PWF", "PWD"}
    assert row["work"] == sum(code in work_codes for code in codes)
    assert (row["rehearsal"], row["fitting"]) == (1, 2)
    assert row["holiday"] == 2  # Labor Day and Oct 10, 2022 fall inside his run
    # The default deal: a rehearsal is paid as a day, fittings by the hour.
    assert row["paid"] == row["work"] + row["hold"] + row["travel"] + 1


def test_a_deal_that_pays_fittings_as_days_counts_them_in_paid(coordinator_client, george):
    before = _george_json(george.production)["paid"]
    url = f"/p/{george.production.slug}/schedule/elements/{george.pk}/"
    response = coordinator_client.post(
        url,
        {
            "name": "GEORGE",
            "board_id": "1",
            "in_dood": "on",
            "allow_holds": "on",
            "allow_drops": "on",
            "drop_days": "10",
            "events": "2022-08-01 rehearsal\n2022-07-28 fitting\n2022-07-29 fitting",
            "fittings_paid_as_days": "on",
        },
    )
    assert response.status_code == 302
    george.refresh_from_db()
    assert george.fittings_paid_as_days and not george.rehearsals_paid_as_days
    assert _george_json(george.production)["paid"] == before - 1 + 2


def test_the_dood_page_pdf_and_xlsx_show_the_new_columns(coordinator_client, george):
    scenario = Scenario.objects.get(production=george.production, name="First Pass")
    base = f"/p/{george.production.slug}/schedule/scenarios/{scenario.pk}/dood/"
    page = coordinator_client.get(base).content.decode()
    for heading in (
        "<th>Travel</th>",
        "<th>Work</th>",
        "<th>Hold</th>",
        ">Holiday</th>",
        "<th>Rehearsal</th>",
        "<th>Fitting</th>",
        ">Paid</th>",
    ):
        assert heading in page
    pdf = pdfium.PdfDocument(coordinator_client.get(base + "?format=pdf").content)
    text = "\n".join(p.get_textpage().get_text_range() for p in pdf)
    assert "Fitting" in text and "Rehear" in text and "Holi" in text
    book = openpyxl.load_workbook(io.BytesIO(coordinator_client.get(base + "?format=xlsx").content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert {"Holiday", "Rehearsal", "Fitting", "Paid"} <= set(cells)
    plan = scenario_plan(scenario)
    row = next(
        r
        for r in scenario_dood(plan, category_for(george.production, "cast")).rows
        if r.name == "GEORGE"
    )
    at = cells.index("GEORGE")
    fitting_cell = cells[
        at + len(scenario_dood(plan, category_for(george.production, "cast")).calendar.days) + 1 + 5
    ]
    assert fitting_cell == row.fitting == 2
