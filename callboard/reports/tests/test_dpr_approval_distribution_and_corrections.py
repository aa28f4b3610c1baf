"""A DPR goes draft → submitted (every required time in) → approved (frozen, sent to the DPR
group as a PDF, tracked); a correction is version 2 saying why and what changed."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member
from callboard.distribution.models import Delivery, Dispatch
from callboard.people.models import DistributionGroup, Person
from callboard.reports.models import ProductionReport, SetTime
from callboard.reports.queries import report_document
from callboard.reports.services import (
    ReportError,
    Sending,
    delay_add,
    incident_add,
    report_approve,
    report_correct,
    report_send,
    report_settings_update,
    report_start,
    report_submit,
    set_time_record,
)

from .dpr_days import day_filled, times_record


@pytest.fixture
def report(day_one, coordinator):
    return report_start(actor=coordinator, call_sheet=day_one)


@pytest.fixture
def upm(production):
    return add_member(production, Role.UPM)


def test_submit_is_refused_naming_what_is_missing(report, coordinator):
    times_record(coordinator, report, [("first_shot", 7 * 60 + 42)])
    with pytest.raises(ReportError) as refused:
        report_submit(actor=coordinator, report=report)
    message = str(refused.value)
    for missing in (
        "Crew call time",
        "Lunch out time",
        "Camera wrap time",
        "Last man out time",
        "wrap (5 people without an out time)",
        "the scenes (none recorded",
    ):
        assert missing in message
    report.refresh_from_db()
    assert report.status == "draft"


def test_an_approved_report_is_frozen_and_sent_to_the_dpr_group(
    report, coordinator, upm, production, django_capture_on_commit_callbacks
):
    group = DistributionGroup.objects.create(production=production, name="Studio", kind="custom")
    group.members.add(*Person.objects.filter(first_name__in=["Crew0", "Crew1"]))
    report_settings_update(
        actor=upm,
        production=production,
        status_group=None,
        status_by_text=False,
        report_group=group,
        tolerance_minutes=6,
        credit_parts=False,
    )
    day_filled(coordinator, report)
    incident_add(
        actor=coordinator,
        report=report,
        who="Crew2",
        what="Cut finger on a flag",
        at=15 * 60,
        first_aid=True,
        report_filed=True,
    )
    delay_add(actor=coordinator, report=report, reason="Rain", minutes=25)
    report_submit(actor=coordinator, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        approved, sending = report_approve(actor=upm, report=report)
    assert approved.status == "approved" and sending == Sending(2)
    assert approved.snapshot["report"]["status"] == "approved"
    with pytest.raises(ReportError, match="a change is a correction"):
        set_time_record(actor=coordinator, report=approved, kind="ndb_start", minutes=400)
    dispatch = Dispatch.objects.get(kind="dpr", object_id=approved.pk)
    assert dispatch.key.startswith(f"dpr:{approved.pk}:v1:")
    assert Delivery.objects.filter(dispatch=dispatch).count() == 2
    mail = OutboundEmail.objects.filter(subject__startswith="DPR — Day 1").first()
    assert mail is not None and "Pages today 1/8, to date 1/8 of 1 (0.2 days behind)" in mail.body
    assert all(d.sent_at for d in Delivery.objects.filter(dispatch=dispatch))
    # Later edits to the rows do not change what was approved.
    SetTime.objects.filter(report=approved, kind="camera_wrap").update(minutes=20 * 60)
    assert report_document(approved)["times"]["camera_wrap"]["clock"] == "19:00"


def test_only_a_submitted_report_is_approved(report, upm):
    with pytest.raises(ReportError, match="only a submitted report is approved"):
        report_approve(actor=upm, report=report)


def test_a_correction_is_a_new_version_listing_what_changed(report, coordinator, upm):
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    approved, _ = report_approve(actor=upm, report=report)
    with pytest.raises(ReportError, match="Say why"):
        report_correct(actor=upm, report=approved, reason=" ")
    corrected = report_correct(actor=upm, report=approved, reason="Wrap was 7:20 PM")
    approved.refresh_from_db()
    assert approved.status == "replaced"
    assert (corrected.version, corrected.status) == (2, "draft")
    assert corrected.scenes.count() == approved.scenes.count()
    set_time_record(
        actor=coordinator, report=corrected, kind="camera_wrap", minutes=19 * 60 + 20, replace=True
    )
    report_submit(actor=coordinator, report=corrected)
    corrected, _ = report_approve(actor=upm, report=corrected)
    assert corrected.changes == ["Camera wrap: 7:00 PM → 7:20 PM"]
    assert ProductionReport.objects.filter(date=report.date).count() == 2
    with pytest.raises(ReportError, match="only the approved version is corrected"):
        report_correct(actor=upm, report=approved, reason="again")


def test_a_recipient_s_link_opens_the_report_and_confirms_it(
    report, coordinator, upm, production, client, django_capture_on_commit_callbacks
):
    import re

    group = DistributionGroup.objects.create(production=production, name="Studio", kind="custom")
    crew0 = Person.objects.get(first_name="Crew0")
    group.members.add(crew0)
    report_settings_update(
        actor=upm,
        production=production,
        status_group=None,
        status_by_text=False,
        report_group=group,
        tolerance_minutes=6,
        credit_parts=False,
    )
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(actor=upm, report=report)
    body = OutboundEmail.objects.get(to=crew0.email, subject__startswith="DPR").body
    link = re.search(r"https?://\S+(/l/dpr/\S+/)", body).group(1)
    page = client.get(link)
    assert page.status_code == 200 and b"Open the report (PDF)" in page.content
    delivery = Delivery.objects.get(person=crew0, dispatch__kind="dpr")
    assert delivery.opened_at is not None and delivery.confirmed_at is None
    client.post(link)
    delivery.refresh_from_db()
    assert delivery.confirmed_at is not None
    assert client.get(link + "dpr.pdf").content.startswith(b"%PDF")
    assert client.get("/l/dpr/forged-token/").status_code == 410


def _dpr_group(production, upm, *first_names):
    group = DistributionGroup.objects.create(production=production, name="Studio", kind="custom")
    group.members.add(*Person.objects.filter(first_name__in=first_names))
    report_settings_update(
        actor=upm,
        production=production,
        status_group=None,
        status_by_text=False,
        report_group=group,
        tolerance_minutes=6,
        credit_parts=False,
    )
    return group


def test_people_added_to_the_group_after_approval_are_sent_it_and_nobody_twice(
    report, coordinator, upm, production, django_capture_on_commit_callbacks
):
    group = _dpr_group(production, upm, "Crew0")
    crew0, crew1 = Person.objects.filter(first_name__in=["Crew0", "Crew1"]).order_by("first_name")
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        approved, sending = report_approve(actor=upm, report=report)
    assert sending == Sending(1)
    group.members.add(crew1)
    with django_capture_on_commit_callbacks(execute=True):
        assert report_send(actor=upm, report=approved, groups=[group]) == 1
        assert report_send(actor=upm, report=approved, groups=[group]) == 0  # a second click
    for person in (crew0, crew1):
        mails = OutboundEmail.objects.filter(to=person.email, subject__startswith="DPR")
        assert mails.count() == 1
    assert Delivery.objects.filter(dispatch__kind="dpr").count() == 2


def test_approval_stands_when_the_group_has_nobody_and_says_nothing_was_sent(
    report, coordinator, upm, production, client, django_capture_on_commit_callbacks
):
    group = _dpr_group(production, upm)  # nobody in it
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    client.force_login(upm)
    action = f"/p/{production.slug}/reports/{report.pk}/action/"
    page = client.post(action, {"action": "approve"}, follow=True)
    report.refresh_from_db()
    assert report.status == "approved" and report.snapshot
    text = page.content.decode()
    assert "Approved and frozen, but the DPR was not sent" in text
    assert "Studio has nobody on the crew list today" in text and "send it from here" in text
    assert not Dispatch.objects.filter(kind="dpr").exists()
    # People added, it is sent from the report's page.
    group.members.add(Person.objects.get(first_name="Crew0"))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(action, {"action": "send"}, follow=True)
    assert "Sending the DPR to 1 people" in page.content.decode()
    assert OutboundEmail.objects.filter(subject__startswith="DPR").count() == 1
