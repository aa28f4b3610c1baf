"""Hot cost: the day's labour cost from the production report, priced by the pay engine,
against the call sheet's plan, by department, with the shoot's running total."""

from decimal import Decimal

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.documents.render import pdf_page_count
from callboard.payroll.models import DealTerms
from callboard.people.models import Person
from callboard.reports import castsheet
from callboard.reports.hotcost import hot_cost
from callboard.reports.models import BackgroundLine, CrewTime, DepartmentWrap
from callboard.reports.queries import build_document, report_document
from callboard.reports.services import (
    cast_times_prefill,
    cast_times_save,
    report_approve,
    report_start,
    report_submit,
    set_time_record,
)

from .dpr_days import day_filled


@pytest.fixture
def report(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes in (
        ("crew_call", 7 * 60),
        ("first_shot", 7 * 60 + 40),
        ("meal_out", 13 * 60),
        ("meal_in", 13 * 60 + 30),
        ("camera_wrap", 19 * 60),
    ):
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes)
    production = report.production
    grips = Person.objects.filter(production=production, first_name__startswith="Crew")
    grips.update(rate=Decimal("40"), rate_unit="hour")
    cast = Person.objects.filter(production=production, kind=Person.Kind.CAST)
    cast.update(rate=Decimal("1082"), rate_unit="day")
    for person in cast:
        DealTerms.objects.create(
            production=production, person=person, rules="sag-aftra-day", guaranteed_hours=8
        )
    DepartmentWrap.objects.create(report=report, department=grips.first().department, wrap=21 * 60)
    BackgroundLine.objects.create(
        report=report, description="Diners", count=25, called=20, rate=Decimal("208")
    )
    cast_times_prefill(actor=coordinator, report=report)
    return report


def department(cost, name):
    return next(d for d in cost["by_department"] if d["department"] == name)


def test_the_day_s_cost_by_department_against_the_plan(report):
    cost = hot_cost(report)
    grips = department(cost, "Production")  # the four grips and one without a rate
    # Planned 7:00 to the sheet's wrap; actual to the department's 9:00 PM wrap: overtime.
    assert Decimal(grips["actual"]) > Decimal(grips["planned"])
    assert Decimal(grips["overtime"]) > 0
    background = department(cost, "Background")
    assert background["extra_background"] == "1040.00"  # 5 more than called at $208
    assert (background["planned"], background["actual"]) == ("4160.00", "5200.00")
    cast = department(cost, "Cast")
    # Lunch at 1:00 PM, 6 h 30 after a 6:30 makeup call: one half-hour late, $25 each of two.
    assert cast["meal_penalties"] == "50.00"
    # 12 hours on a $1,082 day: 2 h at 1.5x and 2 h at 2x of $135.25, each of two.
    assert cast["overtime"] == "1893.50"
    assert [name.split()[0] for name in grips["unpriced"]] == ["Nomail"]  # listed, not guessed
    totals = sum(Decimal(d["actual"]) for d in cost["by_department"])
    assert Decimal(cost["actual"]) == totals
    assert cost["to_date"]["days"] == 1 and cost["to_date"]["actual"] == cost["actual"]


def test_a_performer_s_late_dismissal_shows_as_overtime_and_penalties(report, coordinator):
    before = department(hot_cost(report), "Cast")
    george = castsheet.cast_rows(report)[1]
    rows = {c.pk: castsheet.typed(c) for c in castsheet.cast_rows(report)}
    rows[george.pk]["dismiss"] = "23:30"
    cast_times_save(actor=coordinator, report=report, rows=rows)
    after = department(hot_cost(report), "Cast")
    assert Decimal(after["overtime"]) > Decimal(before["overtime"])
    assert Decimal(after["meal_penalties"]) > Decimal(before["meal_penalties"])  # no 2nd meal


def test_the_page_and_pdf_are_for_those_who_read_the_budget(report, client, production):
    url = reverse(
        "reports:hot_cost", kwargs={"production": production.slug, "report_pk": report.pk}
    )
    client.force_login(add_member(production, Role.SECOND_AD))  # reads reports, not money
    assert client.get(url).status_code == 403
    client.force_login(add_member(production, Role.UPM))
    page = client.get(url)
    assert page.status_code == 200 and b"Extra background" in page.content
    pdf = client.get(url.replace("hot-cost/", "hot-cost.pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf_page_count(pdf.content) == 1


def test_a_forced_call_typed_on_the_exhibit_g_is_charged_by_the_rule_set(report, coordinator):
    mary = castsheet.cast_rows(report)[0]
    rows = {c.pk: castsheet.typed(c) for c in castsheet.cast_rows(report)}
    rows[mary.pk]["forced_call"] = "on"
    cast_times_save(actor=coordinator, report=report, rows=rows)
    cast = department(hot_cost(report), "Cast")
    assert cast["forced_calls"] == "900.00"  # the lesser of her $1,082 day and the $900 cap


def test_an_approved_day_s_hot_cost_stays_as_approved_when_a_deal_changes(report, coordinator):
    upm = add_member(report.production, Role.UPM)
    day_filled(coordinator, report)
    cast_times_prefill(actor=coordinator, report=report)
    report_submit(actor=coordinator, report=report)
    approved, _ = report_approve(actor=upm, report=report)
    before = hot_cost(approved)
    Person.objects.filter(production=report.production, kind=Person.Kind.CAST).update(
        rate=Decimal("5000")
    )
    approved.refresh_from_db()
    assert hot_cost(approved) == before  # what the UPM approved, not today's deals
    assert "hot_cost" not in report_document(approved)  # the DPR's readers see no pay


def test_a_draft_day_s_hot_cost_follows_the_deals(report):
    before = department(hot_cost(report), "Cast")
    Person.objects.filter(production=report.production, kind=Person.Kind.CAST).update(
        rate=Decimal("2000")
    )
    after = department(hot_cost(report), "Cast")
    assert Decimal(after["actual"]) > Decimal(before["actual"])


def test_a_weekly_performer_s_forced_call_is_the_same_on_the_exhibit_g_and_the_hot_cost(
    report, coordinator
):
    mary = castsheet.cast_rows(report)[0]
    Person.objects.filter(pk=mary.person_id).update(rate=Decimal("3000"), rate_unit="week")
    rows = {c.pk: castsheet.typed(c) for c in castsheet.cast_rows(report)}
    rows[mary.pk]["forced_call"] = "on"  # her last day was on another show
    cast_times_save(actor=coordinator, report=report, rows=rows)
    mary.refresh_from_db()
    assert mary.rest_invaded  # the Exhibit G says forced call, as the hot cost charges it
    printed = castsheet.exhibit_g_document([report])["days"][0]["rows"][0]
    assert printed["forced_call"] == "Y"
    _, found = castsheet.performer_day(mary)
    # Her week's $3,000 over five days, under the $900 cap: on the Exhibit G and in the hot cost.
    assert found.forced_call_amount == Decimal("600.00")
    assert department(hot_cost(report), "Cast")["forced_calls"] == "600.00"


def test_meal_penalties_are_counted_one_way_on_the_dpr_the_exhibit_g_and_the_hot_cost(report):
    document = build_document(report)
    # Lunch at 1:00 PM, 6 h 30 after a 6:30 makeup call: one half-hour late, each of two.
    assert [c["meal_penalties_text"] for c in document["cast"]] == ["MP 1", "MP 1"]
    assert [c.meal_penalties_text for c in castsheet.cast_rows(report)] == ["MP 1", "MP 1"]
    rows = castsheet.exhibit_g_document([report])["days"][0]["rows"]
    assert [r["meal_penalties"] for r in rows] == ["MP 1", "MP 1"]
    cast = department(hot_cost(report), "Cast")
    assert (cast["meal_periods"], cast["meal_periods_text"]) == (2, "MP 2")
    # A crew member on a non-union deal called at 6:00: lunch at 1:00 PM is late by an hour,
    # one premium under the rule set (MP 1), not two half-hours.
    grip = Person.objects.filter(production=report.production, first_name="Crew0").get()
    DealTerms.objects.create(
        production=report.production, person=grip, rules="ca-nonunion", guaranteed_hours=0
    )
    CrewTime.objects.create(report=report, person=grip, call=6 * 60, meal_out=13 * 60)
    row = next(
        p for g in build_document(report)["crew"] for p in g["people"] if p["person_id"] == grip.pk
    )
    assert row["penalties_text"] == "MP 1"
