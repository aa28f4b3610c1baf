"""DPRs through the API: reports handed in (submitted, approved, replaced by a correction)
with the day's times, the scenes shot and the day's progress, as the DPR page reads them; a
draft is not the record, and a report sent back to draft leaves the feed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.reports.models import ProductionReport
from callboard.reports.services import (
    report_approve,
    report_correct,
    report_return,
    report_start,
    report_submit,
)
from callboard.reports.tests.conftest import day_one, on_set, shooting  # noqa: F401
from callboard.reports.tests.dpr_days import day_filled


@pytest.fixture
def submitted(day_one, coordinator):  # noqa: F811
    report = day_filled(coordinator, report_start(actor=coordinator, call_sheet=day_one))
    return report_submit(actor=coordinator, report=report)


@pytest.fixture
def upm(production):
    return add_member(production, Role.UPM)


def _url(production, tail=""):
    return f"/api/productions/{production.slug}/reports{tail}"


def test_handed_in_reports_list_with_the_days_times_and_scenes(
    production,
    submitted,
    coordinator,
    day_one,  # noqa: F811
    api,
):
    report_start(actor=coordinator, call_sheet=day_one, unit="second")  # a draft: not listed
    items = api(Role.SCRIPT_SUPERVISOR).get(_url(production)).json()["items"]
    assert [(r["id"], r["status"], r["unit"]) for r in items] == [
        (submitted.pk, "submitted", "main")
    ]
    report = items[0]
    times = {t["kind"]: (t["clock"], t["shown"]) for t in report["times"]}
    assert times["crew_call"] == ("07:00", "7:00 AM")
    assert times["first_shot"] == ("07:42", "7:42 AM")
    assert [(s["number"], s["status"], s["setups"]) for s in report["scenes"]] == [
        ("1", "complete", 4),
        ("2", "not_shot", 0),
    ]
    assert (report["setups"], report["seconds"], report["day_number"]) == (4, 80, 1)


def test_an_approved_reports_detail_gives_its_progress_and_no_pay(production, submitted, upm, api):
    report_approve(actor=upm, report=submitted)
    body = api(Role.SECOND_AD).get(_url(production, f"/{submitted.pk}")).json()
    assert body["status"] == "approved" and body["approved_at"]
    scene = body["scenes"][0]
    assert scene["credited"] == scene["eighths"] and scene["credited_pages"]
    pages = body["progress"]["pages"]
    assert pages["today"] == scene["eighths"] and pages["to_date"] == scene["eighths"]
    assert body["progress"]["setups"]["today"] == 4
    assert body["days_total"] == 2
    assert "hot_cost" not in str(body) and "rate" not in body


def test_a_draft_is_404_and_a_report_sent_back_to_draft_leaves_the_feed(
    production, submitted, coordinator, api
):
    client = api()
    mark = ProductionReport.objects.get(pk=submitted.pk).updated_at
    report_return(actor=coordinator, report=submitted, reason="Lunch in is wrong")
    assert client.get(_url(production, f"/{submitted.pk}")).status_code == 404
    assert client.get(_url(production)).json()["items"] == []
    feed = client.get(_url(production), updated_since=mark.isoformat()).json()
    assert feed["items"] == [] and [d["id"] for d in feed["deleted"]] == [submitted.pk]


def test_a_correction_keeps_the_replaced_version_in_the_record(
    production, submitted, upm, coordinator, api
):
    report_approve(actor=upm, report=submitted)
    correction = report_correct(actor=upm, report=submitted, reason="Wrap was 7:10 PM")
    client = api()
    items = client.get(_url(production)).json()["items"]
    assert [(r["id"], r["status"]) for r in items] == [(submitted.pk, "replaced")]
    report_submit(actor=coordinator, report=correction)
    items = client.get(_url(production), status="submitted").json()["items"]
    assert [(r["version"], r["reason"]) for r in items] == [(2, "Wrap was 7:10 PM")]


def test_roles_without_the_reports_get_403(production, submitted, api):
    for role in (Role.CREW, Role.PA, Role.DEPARTMENT_HEAD, Role.LOCATION_MANAGER):
        assert api(role).get(_url(production)).status_code == 403, role
        assert api(role).get(_url(production, f"/{submitted.pk}")).status_code == 403, role


def test_another_productions_report_is_404_under_this_slug(submitted, api):
    other = make_production("Other Show")
    client = api(Role.COORDINATOR, on=other)
    assert client.get(_url(other, f"/{submitted.pk}")).status_code == 404
    assert client.get(_url(other)).json()["items"] == []


def test_the_list_runs_a_constant_number_of_queries(
    production,
    submitted,
    upm,
    coordinator,
    day_one,  # noqa: F811
    api,
    django_assert_max_num_queries,
):
    client = api()
    client.get(_url(production))  # the token's first use writes its last use
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(_url(production)).json()["items"]) == 1
    second = day_filled(
        coordinator,
        report_start(actor=coordinator, call_sheet=day_one, unit="second"),
        scenes=(("2", "complete"),),
    )
    report_submit(actor=coordinator, report=second)
    report_approve(actor=upm, report=submitted)
    correction = report_correct(actor=upm, report=submitted, reason="Wrap was 7:10 PM")
    report_submit(actor=coordinator, report=correction)
    with django_assert_max_num_queries(len(one)):
        assert len(client.get(_url(production)).json()["items"]) == 3
