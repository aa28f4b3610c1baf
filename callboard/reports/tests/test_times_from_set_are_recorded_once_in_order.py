"""The day's times from set: recorded once each, in order, on a day that was called."""

import pytest

from callboard.callsheets.services import callsheet_create
from callboard.reports.models import ProductionReport, SetTime
from callboard.reports.services import (
    AlreadyRecorded,
    ReportError,
    report_start,
    set_time_record,
    typed_minutes,
)


def test_a_report_needs_the_day_s_call_sheet_published(shooting, on_set, coordinator):
    draft = callsheet_create(actor=None, scenario=shooting, day_number=1)
    with pytest.raises(ReportError, match="no published call sheet"):
        report_start(actor=coordinator, call_sheet=draft)
    assert not ProductionReport.objects.exists()


def test_a_day_not_yet_shot_has_no_report(day_one, on_set, coordinator):
    on_set(2026, 12, 9, 18, 0)
    with pytest.raises(ReportError, match="starts on the day"):
        report_start(actor=coordinator, call_sheet=day_one)


def test_starting_twice_gives_the_same_report(day_one, coordinator):
    first = report_start(actor=coordinator, call_sheet=day_one)
    assert report_start(actor=coordinator, call_sheet=day_one) == first
    assert first.day_number == 1 and str(first.date) == "2026-12-10"


def test_the_second_person_recording_first_shot_is_told_who_was_first(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    set_time_record(
        actor=None, report=report, kind="first_shot", minutes=7 * 60 + 42, via="Sam (2nd AD)"
    )
    with pytest.raises(AlreadyRecorded, match="already recorded: 7:42 AM, by Sam"):
        set_time_record(actor=coordinator, report=report, kind="first_shot", minutes=7 * 60 + 45)
    assert SetTime.objects.get(report=report, kind="first_shot").minutes == 7 * 60 + 42


def test_meal_in_before_meal_out_is_refused_and_nothing_saved(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    set_time_record(actor=coordinator, report=report, kind="first_shot", minutes=480)
    set_time_record(actor=coordinator, report=report, kind="meal_out", minutes=13 * 60)
    with pytest.raises(ReportError, match=r"Lunch in \(12:40 PM\) is before lunch out"):
        set_time_record(actor=coordinator, report=report, kind="meal_in", minutes=12 * 60 + 40)
    assert not SetTime.objects.filter(kind="meal_in").exists()


def test_a_late_first_shot_needs_its_reason(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)  # crew call 7:00 AM
    with pytest.raises(ReportError, match="more than an hour after call"):
        set_time_record(actor=coordinator, report=report, kind="first_shot", minutes=8 * 60 + 30)
    set_time_record(
        actor=coordinator, report=report, kind="first_shot", minutes=510, note="Generator died"
    )


def test_now_is_the_production_s_clock_and_only_on_the_day(day_one, on_set, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    tz = day_one.production.tzinfo
    from django.utils import timezone

    local = timezone.now().astimezone(tz)
    assert typed_minutes(report, "", now=True) == local.hour * 60 + local.minute
    on_set(2026, 12, 14, 18, 0)
    with pytest.raises(ReportError, match="'now' is not on day 1"):
        typed_minutes(report, "", now=True)
    assert typed_minutes(report, "1:30", next_morning=True) == 1530
    with pytest.raises(ReportError, match="before the crew call"):
        typed_minutes(report, "6:00")


def test_a_crew_call_earlier_than_the_sheet_s_can_be_typed_and_corrected(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)  # the sheet calls 7:00 AM
    early = typed_minutes(report, "6:30", kind="crew_call")
    set_time_record(actor=coordinator, report=report, kind="crew_call", minutes=early)
    earlier = typed_minutes(report, "6:15", kind="crew_call")
    set_time_record(
        actor=coordinator, report=report, kind="crew_call", minutes=earlier, replace=True
    )
    assert SetTime.objects.get(report=report, kind="crew_call").minutes == 6 * 60 + 15
    with pytest.raises(ReportError, match="before the crew call"):
        typed_minutes(report, "6:00", kind="first_shot")  # against the call as recorded


def test_a_report_starts_on_the_production_s_date_not_the_server_s(day_one, on_set, coordinator):
    # 11 PM on Wed 9 Dec in Los Angeles is already Thu 10 Dec in UTC: not yet day 1 there.
    on_set(2026, 12, 10, 7, 0)
    with pytest.raises(ReportError, match="starts on the day"):
        report_start(actor=coordinator, call_sheet=day_one)
