"""Issue 18, item 1: recording first shot, lunch in and camera wrap each sends one status report
of the day so far to the production's status group, by e-mail and, when chosen, by text to
those who agreed to texts; never twice, whoever records or corrects the time again."""

import pytest
from django.utils import timezone

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.tasks import dispatch_send
from callboard.people.models import DistributionGroup
from callboard.people.testing import make_person
from callboard.reports.models import Delay, Incident, ReportSettings, SceneProgress
from callboard.reports.sending import KIND, status_reports
from callboard.reports.services import (
    AlreadyRecorded,
    ReportError,
    report_settings_update,
    report_start,
    set_time_record,
)
from callboard.schedule.models import Strip


@pytest.fixture
def upm_group(production):
    """The UPM (e-mail, agreed to texts), a producer (e-mail only), the studio's exec with only
    a phone and texts agreed."""
    upm = make_person(production, first_name="Una", last_name="Upm", phone="(323) 555-0101")
    upm.sms_opt_in_at = timezone.now()
    upm.save()
    producer = make_person(production, first_name="Pat", last_name="Producer")
    studio = make_person(
        production, first_name="Stu", last_name="Dio", email="", phone="(323) 555-0102"
    )
    studio.sms_opt_in_at = timezone.now()
    studio.save()
    group = DistributionGroup.objects.create(
        production=production, name="Status", kind=DistributionGroup.Kind.CUSTOM
    )
    group.members.set([upm, producer, studio])
    return group


@pytest.fixture
def report(day_one, coordinator, upm_group):
    report_settings_update(
        actor=coordinator,
        production=day_one.production,
        status_group=upm_group,
        status_by_text=True,
        report_group=None,
        tolerance_minutes=6,
        credit_parts=False,
    )
    return report_start(actor=coordinator, call_sheet=day_one)


def record(report, kind, hhmm, captured, **fields):
    hours, minutes = map(int, hhmm.split(":"))
    with captured(execute=True):
        return set_time_record(
            actor=fields.pop("actor", None), report=report, kind=kind, minutes=hours * 60 + minutes,
            **fields,
        )  # fmt: skip


def mail_to(address):
    return list(OutboundEmail.objects.filter(to=address).order_by("pk"))


def test_first_shot_lunch_and_wrap_each_send_one_report(report, django_capture_on_commit_callbacks):
    captured = django_capture_on_commit_callbacks
    strips = {s.scene_number: s for s in Strip.objects.filter(production=report.production)}
    Strip.objects.filter(pk=strips["1"].pk).update(eighths=12)  # 1 4/8 pages
    Strip.objects.filter(pk=strips["2"].pk).update(eighths=10)
    Strip.objects.filter(pk=strips["3"].pk).update(eighths=6)
    SceneProgress.objects.create(
        report=report, strip=strips["1"], scene="1", status="complete", eighths=12, seconds=95,
        setups=7,
    )  # fmt: skip
    SceneProgress.objects.create(
        report=report, strip=strips["2"], scene="2", status="part", eighths=10, eighths_shot=4,
        setups=3,
    )  # fmt: skip
    record(report, "crew_call", "7:00", captured)
    record(report, "first_shot", "8:12", captured, note="Generator died", via="Sam (link)")
    record(report, "meal_out", "12:30", captured, grace=True)
    assert Dispatch.objects.filter(kind=KIND).count() == 2  # first shot: e-mail + one text
    record(report, "meal_in", "13:00", captured)
    Delay.objects.create(report=report, reason="Rain", minutes=25)
    Incident.objects.create(report=report, who="Crew0 Test", what="Twisted ankle", first_aid=True)
    record(report, "camera_wrap", "19:42", captured)

    upm = mail_to(report.production.people.get(first_name="Una").email)
    subjects = [m.subject for m in upm]
    assert subjects == [
        "The Test Show — Day 1 of 2 — Thu Dec 10 — FIRST SHOT: 8:12 AM",
        "The Test Show — Day 1 of 2 — Thu Dec 10 — LUNCH: 12:30 PM – 1:00 PM",
        "The Test Show — Day 1 of 2 — Thu Dec 10 — CAMERA WRAP: 7:42 PM",
    ]
    first, lunch, wrap = (m.body for m in upm)
    assert "First shot: 8:12 AM — 1 h 12 min after call: Generator died" in first
    assert "So far today: 1 scene completed, 1 4/8 pages, 10 setups, 1:35 minutes." in first
    assert "Lunch: 12:30 PM – 1:00 PM (grace called)" in lunch
    assert "Camera wrap: 7:42 PM" in wrap and "To date: 1 scene completed" in wrap
    assert "Rain (25 min)" in wrap and "Twisted ankle — first aid given" in wrap
    # Texts: the UPM (agreed) gets one beside the e-mail; the studio (a phone only) gets its
    # copy as a text; the producer (no phone) only e-mail.
    texts = list(OutboundEmail.objects.filter(to="sms:(323) 555-0101").order_by("pk"))
    assert len(texts) == 3 and texts[0].body.startswith("The Test Show — Day 1 of 2")
    assert "Call: 7:00 AM; First shot: 8:12 AM — 1 h 12 min after call: Generator died; So far" in (
        texts[0].body
    )
    assert texts[2].body.endswith(
        "To date: 1 scene completed, 1 4/8 pages, 10 setups, 1:35 minutes; "
        "Remaining: 2 scenes, 2 pages."
    )
    assert "Rain" not in texts[2].body  # delays are for the e-mail
    assert OutboundEmail.objects.filter(to="sms:(323) 555-0102").count() == 3
    producer = report.production.people.get(first_name="Pat")
    assert OutboundEmail.objects.filter(to=producer.email).count() == 3
    assert [s.name for s in status_reports(report)] == ["First shot", "Lunch", "Camera wrap"]


def test_a_second_recording_or_a_correction_sends_nothing_again(
    report, coordinator, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    record(report, "first_shot", "7:40", captured, via="Sam (link)")
    with pytest.raises(AlreadyRecorded, match="by Sam"):
        record(report, "first_shot", "7:41", captured, actor=coordinator)
    record(report, "first_shot", "7:45", captured, actor=coordinator, replace=True)
    producer = report.production.people.get(first_name="Pat")
    assert OutboundEmail.objects.filter(to=producer.email).count() == 1
    assert "7:40 AM" in OutboundEmail.objects.get(to=producer.email).subject


def test_a_worker_running_the_send_again_sends_nobody_a_second_copy(
    report, django_capture_on_commit_callbacks
):
    record(report, "first_shot", "7:40", django_capture_on_commit_callbacks)
    before = OutboundEmail.objects.count()
    for dispatch in Dispatch.objects.filter(kind=KIND):
        dispatch_send.call(dispatch_id=dispatch.pk)
    assert OutboundEmail.objects.count() == before
    assert not Delivery.objects.filter(dispatch__kind=KIND, sent_at__isnull=True).exclude(
        channel="none"
    )


def test_refused_times_send_nothing(report, django_capture_on_commit_callbacks):
    captured = django_capture_on_commit_callbacks
    with pytest.raises(ReportError, match="more than an hour after call"):
        record(report, "first_shot", "8:30", captured)  # late, no reason
    record(report, "first_shot", "7:30", captured)
    record(report, "meal_out", "12:30", captured)
    with pytest.raises(ReportError, match="before lunch out"):
        record(report, "meal_in", "12:00", captured)
    with pytest.raises(ReportError, match="before first shot"):
        record(report, "camera_wrap", "7:10", captured)
    assert [s.name for s in status_reports(report)] == ["First shot"]


def test_no_status_group_no_report(day_one, coordinator, django_capture_on_commit_callbacks):
    report = report_start(actor=coordinator, call_sheet=day_one)
    record(report, "first_shot", "7:40", django_capture_on_commit_callbacks)
    assert not Dispatch.objects.filter(kind=KIND).exists()


def test_times_typed_in_days_later_send_no_status_report(
    report, on_set, django_capture_on_commit_callbacks
):
    on_set(2026, 12, 14, 18, 0)  # Monday: the office fills in Thursday's times for the DPR
    record(report, "first_shot", "7:40", django_capture_on_commit_callbacks)
    assert not Dispatch.objects.filter(kind=KIND).exists()


def test_the_night_s_wrap_the_next_morning_still_sends(
    report, on_set, django_capture_on_commit_callbacks
):
    on_set(2026, 12, 11, 9, 30)  # 1:30 AM Friday in Los Angeles
    record(report, "first_shot", "7:30", django_capture_on_commit_callbacks)
    record(report, "camera_wrap", "25:30", django_capture_on_commit_callbacks)
    wrap = Dispatch.objects.get(kind=KIND, key__endswith=":wrap")
    assert wrap.subject.endswith("CAMERA WRAP: 1:30 AM (+1)")


def test_settings_refuse_another_production_s_group_and_texts_without_a_group(
    production, coordinator
):
    from callboard.core.testing import make_production

    other = make_production("Other Show")
    theirs = DistributionGroup.objects.create(production=other, name="Theirs", kind="all_crew")
    common = dict(report_group=None, tolerance_minutes=6, credit_parts=False)
    with pytest.raises(ReportError, match="not on this production"):
        report_settings_update(
            actor=coordinator, production=production, status_group=theirs,
            status_by_text=False, **common,
        )  # fmt: skip
    with pytest.raises(ReportError, match="before sending them by text"):
        report_settings_update(
            actor=coordinator, production=production, status_group=None,
            status_by_text=True, **common,
        )  # fmt: skip
    assert not ReportSettings.objects.filter(production=production).exists()
