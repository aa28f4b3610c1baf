"""The demo's first two shoot days (issue 18, item 11): shot, reported from set, approved and
sent; time cards filled from the DPRs with one that differs; day 3's sheet drafted with the
scene left partly shot on day 2 first."""

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.core.models import AuditEvent
from callboard.demo.build import demo_dates, demo_production_build
from callboard.distribution.models import Dispatch
from callboard.reports.models import ProductionReport
from callboard.reports.reconcile import day_lines


@pytest.fixture
def demo(db):
    return demo_production_build()


def _report(production, day: int) -> dict:
    out = StringIO()
    call_command(
        "production_report",
        "--production",
        production.slug,
        "--day",
        str(day),
        "--json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_days_one_and_two_are_shot_approved_and_sent_and_day_three_is_drafted(demo):
    today = demo.today()
    reports = list(ProductionReport.objects.filter(production=demo).order_by("day_number"))
    assert [(r.day_number, r.status) for r in reports] == [(1, "approved"), (2, "approved")]
    assert all(r.date < today for r in reports)
    sheets = {s.day_number: s for s in CallSheet.objects.filter(production=demo)}
    assert sheets[1].is_published and sheets[2].is_published
    assert not sheets[3].is_published and sheets[3].date >= today
    assert sheet_findings(sheet_view(sheets[3])) == []

    # Each day: its call sheet sent, the three status reports and the DPR in the outbox queue.
    kinds = sorted(Dispatch.objects.filter(production=demo).values_list("kind", "key"))
    status = [key for kind, key in kinds if kind == "report-status"]
    assert len(status) == 6 and {k.rsplit(":", 1)[1] for k in status} == {
        "first-shot",
        "lunch",
        "wrap",
    }
    assert sum(kind == "dpr" for kind, _ in kinds) == 2
    assert sum(kind == "callsheet" for kind, _ in kinds) == 2
    # Recorded by the 2nd AD and the script supervisor, approved by the UPM, on the day.
    for report in reports:
        assert report.approved_by.email == "upm@demo.callboard.test"
        assert report.submitted_by.email == "secondad@demo.callboard.test"
        assert report.approved_at.astimezone(demo.tzinfo).date() == report.date
        assert {t.recorded_by.email for t in report.times.all()} == {"secondad@demo.callboard.test"}
    scripty = AuditEvent.objects.filter(production=demo, actor__email="scripty@demo.callboard.test")
    assert scripty.exists()


def test_the_days_have_a_part_scene_carried_a_late_lunch_and_an_incident(demo):
    one, two = _report(demo, 1), _report(demo, 2)
    assert one["date"] < two["date"]
    assert all(s["status"] == "complete" for s in one["scenes"])
    part = [s for s in two["scenes"] if s["status"] == "part"]
    assert len(part) == 1
    day_three = CallSheet.objects.get(production=demo, day_number=3)
    assert sheet_view(day_three).scenes[0].scene == part[0]["number"]  # first thing on day 3
    assert two["pages"]["previous"] == one["pages"]["to_date"]

    # Day 1's lunch was in time; day 2's was late: the performers called have penalties.
    assert all(c["meal_penalties"] == 0 for c in one["cast"])
    called = [c for c in two["cast"] if c["report"]]
    assert called and all(c["meal_penalties"] > 0 for c in called)
    assert two["times"]["meal_out"] == "14:05"
    assert two["hot_cost"]["meal_penalties"] != "0.00"
    # The cast are priced by their SAG-AFTRA deals, not listed as "not priced".
    cast = next(d for d in two["hot_cost"]["by_department"] if d["department"] == "Cast")
    assert cast["unpriced"] == [] and Decimal(cast["actual"]) > 0

    report = ProductionReport.objects.get(production=demo, day_number=2)
    assert report.incidents.count() == 1
    assert not ProductionReport.objects.get(production=demo, day_number=1).incidents.exists()


def test_the_time_cards_agree_with_the_dprs_but_one(demo):
    states = {}
    for report in ProductionReport.objects.filter(production=demo):
        for line in day_lines(report):
            states.setdefault(line.state, []).append((report.day_number, line))
    assert len(states["differs"]) == 1
    day, line = states["differs"][0]
    assert day == 2 and line.person.position == "Best Boy Grip"
    assert [name for name, _, _ in line.differences] == ["wrap"]
    assert len(states["agrees"]) > 250


@pytest.mark.parametrize("weekday", range(7))
def test_day_three_is_today_or_the_next_working_day_and_days_one_and_two_are_before(weekday):
    today = date(2027, 3, 1) + timedelta(days=weekday)  # Monday 1 March: a week with no holiday
    dates = demo_dates(today)
    working, day = [dates["shoot_start"]], dates["shoot_start"]
    while len(working) < 3:
        day += timedelta(days=1)
        if day.weekday() < 5:
            working.append(day)
    one, two, three = working
    assert one.weekday() < 5 and one < two < today <= three
    assert three == today if today.weekday() < 5 else three.weekday() == 0
    assert dates["prep_start"] < one < dates["shoot_end"] < dates["wrap_end"]


def test_building_the_days_leaves_the_process_clock_alone(db, monkeypatch):
    """A server building the demo keeps its own clock: the day's moments are handed to the
    services, never set on ``timezone.now`` for everyone."""
    from datetime import UTC, datetime

    from django.utils import timezone

    from callboard.reports import services as reports

    seen = []
    approve = reports.report_approve

    def approve_watched(**kwargs):
        seen.append(timezone.now())
        return approve(**kwargs)

    monkeypatch.setattr(reports, "report_approve", approve_watched)
    demo = demo_production_build()
    assert len(seen) == 2
    assert all(abs(moment - datetime.now(UTC)) < timedelta(minutes=10) for moment in seen)
    for report in ProductionReport.objects.filter(production=demo):
        assert report.approved_at.astimezone(demo.tzinfo).date() == report.date
