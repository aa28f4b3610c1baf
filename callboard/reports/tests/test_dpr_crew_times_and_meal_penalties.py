"""The DPR's back page: everyone the call sheet called, by department, in at their call and out
at the department's wrap unless their own times say otherwise; meal penalties by the pay
engine's rules with the person's deal, or shown unknown (never zero) without one."""

from decimal import Decimal

import pytest

from callboard.payroll.models import DealTerms
from callboard.people.models import Person
from callboard.reports.models import CrewTime, DepartmentWrap
from callboard.reports.queries import report_document
from callboard.reports.services import (
    ReportError,
    department_times_record,
    report_start,
    set_time_record,
)


@pytest.fixture
def report(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes in [
        ("first_shot", 7 * 60 + 30),
        ("meal_out", 13 * 60 + 45),
        ("meal_in", 14 * 60 + 15),
    ]:
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes)
    return report


def crew_rows(report):
    return {p["name"]: p for g in report_document(report)["crew"] for p in g["people"]}


def test_everyone_called_is_listed_in_at_call_out_blank_until_the_department_wraps(report):
    rows = crew_rows(report)
    crew0 = next(v for k, v in rows.items() if k.startswith("Crew0"))
    assert crew0["in"] == "07:00" and crew0["out"] == ""
    assert crew0["meal_out"] == "13:45" and crew0["meal_in"] == "14:15"
    assert crew0["penalties"] is None and crew0["penalties_text"] == "?"
    assert not any(p["name"].startswith(("Donna", "Jimmy")) for p in rows.values())


def test_a_department_wrap_and_one_person_s_own_times(report, coordinator):
    crew0 = Person.objects.get(first_name="Crew0")
    department = crew0.department
    department_times_record(
        actor=coordinator,
        report=report,
        department=department,
        wrap=19 * 60 + 30,
        people=[{"person": crew0, "call": 6 * 60, "wrap": 25 * 60 + 30, "note": "Pre-rig"}],
    )
    rows = crew_rows(report)
    own = next(v for k, v in rows.items() if k.startswith("Crew0"))
    other = next(v for k, v in rows.items() if k.startswith("Crew1"))
    assert (own["in"], own["out"], own["deviation"]) == ("06:00", "25:30", True)
    assert (other["in"], other["out"], other["deviation"]) == ("07:00", "19:30", False)
    # Clearing a person's times takes them back to the department's day.
    department_times_record(
        actor=coordinator,
        report=report,
        department=department,
        wrap=19 * 60 + 30,
        people=[{"person": crew0}],
    )
    assert not CrewTime.objects.exists()


def test_meal_penalties_come_from_the_person_s_deal(report, coordinator, production):
    crew0 = Person.objects.get(first_name="Crew0")
    DealTerms.objects.create(
        production=production, person=crew0, rules="iatse-basic", guaranteed_hours=Decimal(12)
    )
    department_times_record(
        actor=coordinator, report=report, department=crew0.department, wrap=19 * 60
    )
    # Call 7:00, lunch 13:45: due 13:00, 45 minutes late = two half-hours.
    rows = crew_rows(report)
    assert next(v for k, v in rows.items() if k.startswith("Crew0"))["penalties"] == 2
    assert next(v for k, v in rows.items() if k.startswith("Crew1"))["penalties_text"] == "?"


def test_times_out_of_order_are_refused_and_nothing_saved(report, coordinator):
    crew0 = Person.objects.get(first_name="Crew0")
    with pytest.raises(ReportError, match=r"out \(6:00 AM\) is before meal in"):
        department_times_record(
            actor=coordinator,
            report=report,
            department=crew0.department,
            wrap=19 * 60,
            people=[
                {"person": crew0, "meal_out": 12 * 60, "meal_in": 12 * 60 + 30, "wrap": 6 * 60}
            ],
        )
    with pytest.raises(ReportError, match="both meal out and meal in"):
        department_times_record(
            actor=coordinator,
            report=report,
            department=crew0.department,
            wrap=19 * 60,
            people=[{"person": crew0, "meal_out": 12 * 60}],
        )
    with pytest.raises(ReportError, match=r"wrap \(6:00 AM\) is before call"):
        department_times_record(
            actor=coordinator,
            report=report,
            department=crew0.department,
            call=7 * 60,
            wrap=6 * 60,
        )
    assert not DepartmentWrap.objects.exists() and not CrewTime.objects.exists()


def test_background_starts_from_the_call_sheet_or_else_the_breakdown(report, coordinator):
    from callboard.reports.models import BackgroundLine
    from callboard.reports.services import background_prefill, background_record
    from callboard.schedule.models import Strip, Ucid
    from callboard.schedule.services import ensure_categories, strip_element_add

    category = ensure_categories(report.production)[Ucid.BACKGROUND]
    strip_element_add(
        actor=None, strip=Strip.objects.get(scene_number="1"), category=category, name="Carolers"
    )
    assert background_prefill(actor=coordinator, report=report) == 1
    assert BackgroundLine.objects.get().description == "Carolers"
    assert background_prefill(actor=coordinator, report=report) == 0  # once
    with pytest.raises(ReportError, match="needs a description"):
        background_record(actor=coordinator, report=report, lines=[{"count": 3}])
    with pytest.raises(ReportError, match=r"out \(6:00 AM\) is before meal in"):
        background_record(
            actor=coordinator,
            report=report,
            lines=[{"description": "Carolers", "meal_out": 720, "meal_in": 750, "wrap": 360}],
        )
    assert BackgroundLine.objects.get().description == "Carolers"
    report.call_sheet.background = [{"description": "Shoppers", "count": "20", "call": "06:30"}]
    report.call_sheet.save()
    BackgroundLine.objects.all().delete()
    background_prefill(actor=coordinator, report=report)
    line = BackgroundLine.objects.get()
    assert (line.description, line.called, line.call) == ("Shoppers", 20, 390)


def test_a_department_enters_only_its_own_people(report, coordinator, production):
    from callboard.people.models import Department

    crew0 = Person.objects.get(first_name="Crew0")
    other = Department.objects.filter(production=production).exclude(pk=crew0.department_id)[0]
    with pytest.raises(ReportError, match="is not in"):
        department_times_record(
            actor=coordinator,
            report=report,
            department=other,
            wrap=19 * 60,
            people=[{"person": crew0, "wrap": 20 * 60}],
        )
    assert not CrewTime.objects.exists() and not DepartmentWrap.objects.exists()


def test_a_night_wrap_typed_as_the_morning_is_refused_not_read_before_call(report, coordinator):
    """Crew call 7:00 AM: a department's wrap of 2:00 (meant 26:00), or one person's, with no
    call of their own is before the crew call: refused, saying to type it past 24:00."""
    crew0 = Person.objects.get(first_name="Crew0")
    with pytest.raises(ReportError, match=r"wrap \(2:00 AM\) is before the crew call.*past 24:00"):
        department_times_record(
            actor=coordinator, report=report, department=crew0.department, wrap=2 * 60
        )
    with pytest.raises(ReportError, match=r"out \(2:00 AM\) is before the crew call"):
        department_times_record(
            actor=coordinator,
            report=report,
            department=crew0.department,
            wrap=19 * 60,
            people=[{"person": crew0, "wrap": 2 * 60}],
        )
    assert not DepartmentWrap.objects.exists() and not CrewTime.objects.exists()
    department_times_record(
        actor=coordinator, report=report, department=crew0.department, wrap=26 * 60
    )
    assert DepartmentWrap.objects.get().wrap == 26 * 60


def test_a_night_shoot_s_background_called_at_midnight_and_two_is_the_next_morning(
    report, coordinator
):
    """The sheet's clock past midnight on a night shoot (crew call 6:00 PM) is the next
    morning on the report, and a midnight call is 24:00, not no call."""
    import datetime as dt

    from callboard.reports.services import background_prefill

    report.call_sheet.crew_call = dt.time(18, 0)
    report.call_sheet.background = [
        {"description": "Bar patrons", "count": "12", "call": "00:00"},
        {"description": "Cab drivers", "count": "3", "call": "2:00 AM"},
        {"description": "Diners", "count": "8", "call": "16:30"},  # a pre-call that evening
    ]
    report.call_sheet.save()
    background_prefill(actor=coordinator, report=report)
    calls = [line["call"] for line in report_document(report)["background"]]
    assert calls == ["24:00", "26:00", "16:30"]
