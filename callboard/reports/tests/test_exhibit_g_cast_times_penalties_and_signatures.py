"""The Exhibit G: performers' rows filled from the call sheet, edited in one grid by the 2nd AD,
meal penalties and rest from the pay engine's SAG-AFTRA rules, signed through a link."""

import copy
import re

import pypdfium2
import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import add_member
from callboard.documents.render import pdf_page_count
from callboard.reports import castsheet
from callboard.reports.models import CastTime
from callboard.reports.services import (
    CastTimesProblems,
    ReportError,
    cast_sign_link,
    cast_sign_link_send,
    cast_time_reopen,
    cast_time_sign,
    cast_times_prefill,
    cast_times_save,
    report_start,
    set_time_record,
)


@pytest.fixture
def report(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes in (("first_shot", 7 * 60 + 20), ("meal_out", 13 * 60 + 10)):
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes)
    set_time_record(actor=coordinator, report=report, kind="meal_in", minutes=13 * 60 + 40)
    set_time_record(actor=coordinator, report=report, kind="camera_wrap", minutes=19 * 60)
    return report


def grid(report, changes=None):
    """The posted grid: every row as the page shows it, with ``changes`` {pk: {field: typed}}."""
    rows = {c.pk: castsheet.typed(c) for c in castsheet.cast_rows(report)}
    for pk, fields in (changes or {}).items():
        rows[pk] |= fields
    return rows


def test_the_day_s_cast_come_from_the_call_sheet_with_the_day_s_meals(report, coordinator):
    assert cast_times_prefill(actor=coordinator, report=report) == 2  # Mary and George, day 1
    rows = castsheet.cast_rows(report)
    assert [(c.cast_number, c.character, c.status) for c in rows] == [
        ("1", "MARY", "SWF"),
        ("2", "GEORGE", "SWF"),
    ]
    mary = rows[0]
    assert (mary.report_makeup, mary.on_set) == (390, 480)  # her calls on the sheet
    assert (mary.meal_out, mary.meal_in, mary.dismiss) == (790, 820, 1140)  # from set
    # Lunch went out 6 h 40 min after her 6:30 makeup call: two half-hour units late.
    assert mary.meal_penalties == 2 and not mary.rest_invaded
    assert cast_times_prefill(actor=coordinator, report=report) == 0  # kept, not doubled


def test_changing_a_time_recomputes_the_penalties_by_the_engine(report, coordinator):
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    cast_times_save(
        actor=coordinator,
        report=report,
        rows=grid(report, {mary.pk: {"meal_out": "12:50", "meal_in": "13:20"}}),
    )
    mary.refresh_from_db()
    assert mary.meal_penalties == 1  # 20 minutes after 12:30: one half-hour unit
    assert AuditEvent.objects.filter(object_id=str(mary.pk)).exists()


def test_bad_times_are_refused_row_by_row_and_nothing_is_saved(report, coordinator):
    cast_times_prefill(actor=coordinator, report=report)
    mary, george = castsheet.cast_rows(report)
    with pytest.raises(CastTimesProblems) as refused:
        cast_times_save(
            actor=coordinator,
            report=report,
            rows=grid(
                report,
                {
                    mary.pk: {"meal_out": "13:00", "meal_in": "12:30"},
                    george.pk: {"dismiss": "5:30", "on_set": "7:00", "report_makeup": "6:00"},
                },
            ),
        )
    problems = refused.value.problems
    assert "1st meal in (12:30 PM) is before 1st meal out (1:00 PM)" in problems[mary.pk]["order"]
    assert "before the report (6:00 AM)" in problems[george.pk]["dismiss"]
    mary.refresh_from_db()
    assert mary.meal_out == 790  # unchanged


def test_a_dismissal_after_midnight_is_typed_past_24(report, coordinator):
    cast_times_prefill(actor=coordinator, report=report)
    george = castsheet.cast_rows(report)[1]
    cast_times_save(
        actor=coordinator, report=report, rows=grid(report, {george.pk: {"dismiss": "25:30"}})
    )
    george.refresh_from_db()
    assert george.dismiss == 25 * 60 + 30
    # No second meal before 1:30 AM: the schedule runs again from lunch in (1:40 PM + 6 h).
    assert george.meal_penalties > 3


def test_rest_from_the_previous_day_is_measured_by_the_engine(report, coordinator, on_set):
    from callboard.callsheets.services import callsheet_create
    from callboard.callsheets.tests.ready import make_ready, publish_despite

    cast_times_prefill(actor=coordinator, report=report)
    george = castsheet.cast_rows(report)[1]
    cast_times_save(
        actor=coordinator, report=report, rows=grid(report, {george.pk: {"dismiss": "23:30"}})
    )
    on_set(2026, 12, 11, 18, 0)
    day_two = publish_despite(
        make_ready(callsheet_create(actor=None, scenario=report.call_sheet.scenario, day_number=2))
    )
    second = report_start(actor=coordinator, call_sheet=day_two)
    george_two = CastTime.objects.create(report=second, person=george.person, cast_number="2")
    cast_times_save(
        actor=coordinator,
        report=second,
        rows=grid(
            second,
            {george_two.pk: {"report_makeup": "7:00", "on_set": "7:30", "dismiss": "15:00"}},
        ),
    )
    george_two.refresh_from_db()
    assert george_two.rest_invaded  # 11:30 PM to 7:00 AM: 7 h 30 of the 12 h
    # Day one's dismissal corrected to 6:00 PM: 13 h of rest, day two's row follows.
    cast_times_save(
        actor=coordinator, report=report, rows=grid(report, {george.pk: {"dismiss": "18:00"}})
    )
    george_two.refresh_from_db()
    assert not george_two.rest_invaded


def test_a_performer_signs_by_link_and_the_row_is_then_frozen(
    report, coordinator, client, django_capture_on_commit_callbacks
):
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert cast_sign_link_send(actor=coordinator, cast_time=mary)
    # The link as the e-mail carries it (one made again a second later signs a new time).
    body = OutboundEmail.objects.get(to=mary.person.email).body
    link = re.search(r"https?://\S+/l/exhibit-g/\S+", body).group(0)
    assert link.startswith(cast_sign_link(actor=coordinator, cast_time=mary).rsplit(":", 2)[0])
    path = re.sub(r"^https?://[^/]+", "", link)
    page = client.get(path)
    assert page.status_code == 200 and b"1:10 PM" in page.content
    assert client.post(path, {"name": " "}).status_code == 400
    client.post(path, {"name": "Donna Reed"})
    mary.refresh_from_db()
    assert mary.signed_name == "Donna Reed" and mary.signed_at
    assert AuditEvent.objects.filter(actor_label__contains="(link)").exists()
    with pytest.raises(CastTimesProblems) as refused:
        cast_times_save(
            actor=coordinator, report=report, rows=grid(report, {mary.pk: {"dismiss": "20:00"}})
        )
    assert "signed this row" in refused.value.problems[mary.pk]["signed"]
    with pytest.raises(ReportError, match="Already signed"):
        cast_time_sign(cast_time=mary, name="Someone Else", via="x")
    with pytest.raises(ReportError, match="Say why"):
        cast_time_reopen(actor=coordinator, cast_time=mary, reason="")
    cast_time_reopen(actor=coordinator, cast_time=mary, reason="Dismissal was 8 PM, not 7")
    cast_times_save(
        actor=coordinator, report=report, rows=grid(report, {mary.pk: {"dismiss": "20:00"}})
    )
    mary.refresh_from_db()
    assert mary.dismiss == 1200 and not mary.signed_at


def test_the_grid_page_saves_and_refuses_for_the_2nd_ad(report, client, production):
    second_ad = add_member(production, Role.SECOND_AD)
    client.force_login(second_ad)
    url = reverse(
        "reports:exhibit_g", kwargs={"production": production.slug, "report_pk": report.pk}
    )
    client.post(url, {"action": "prefill"})
    mary = CastTime.objects.get(report=report, cast_number="1")
    fields = {f"r{mary.pk}_{k}": v for k, v in castsheet.typed(mary).items()}
    bad = client.post(url, {"action": "save", "row": mary.pk, **fields, f"r{mary.pk}_dismiss": "5"})
    assert bad.status_code == 400 and b"before the report" in bad.content
    good = client.post(
        url, {"action": "save", "row": mary.pk, **fields, f"r{mary.pk}_outfits": "2"}
    )
    assert good.status_code == 302
    mary.refresh_from_db()
    assert mary.outfits == 2
    pdf = client.get(url.replace("exhibit-g/", "exhibit-g.pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf_page_count(pdf.content) == 1


def test_a_crew_member_may_not_change_the_exhibit_g(report, member_client, production):
    client = member_client(Role.CREW)
    url = reverse(
        "reports:exhibit_g", kwargs={"production": production.slug, "report_pk": report.pk}
    )
    assert client.post(url, {"action": "prefill"}).status_code == 403
    assert not CastTime.objects.exists()


def test_a_forged_or_withdrawn_signing_link_opens_nothing(report, coordinator, client):
    from callboard.core.links import link_grant_revoke
    from callboard.core.models import LinkGrant

    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    link = cast_sign_link(actor=coordinator, cast_time=mary)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path[:-3] + "xx/").status_code == 410
    link_grant_revoke(grant=LinkGrant.objects.get(subject_id=mary.pk, purpose="reports.exhibit_g"))
    assert client.post(path, {"name": "Donna Reed"}).status_code == 410
    mary.refresh_from_db()
    assert not mary.signed_at


def test_the_week_s_exhibit_gs_come_as_one_pdf(report, coordinator, on_set):
    from callboard.callsheets.services import callsheet_create
    from callboard.callsheets.tests.ready import make_ready, publish_despite

    cast_times_prefill(actor=coordinator, report=report)
    on_set(2026, 12, 11, 18, 0)
    day_two = publish_despite(
        make_ready(callsheet_create(actor=None, scenario=report.call_sheet.scenario, day_number=2))
    )
    second = report_start(actor=coordinator, call_sheet=day_two)
    cast_times_prefill(actor=coordinator, report=second)
    week = castsheet.week_reports(second)
    assert [r.day_number for r in week] == [1, 2]
    assert pdf_page_count(castsheet.exhibit_g_pdf(week)) == 2


def test_every_performer_with_times_gets_their_link_at_once(
    report, coordinator, django_capture_on_commit_callbacks
):
    from callboard.reports.services import cast_sign_links_send

    cast_times_prefill(actor=coordinator, report=report)
    mary, george = castsheet.cast_rows(report)
    george.person.email = ""
    george.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        sent, already, unreachable = cast_sign_links_send(actor=coordinator, report=report)
    assert (sent, already, unreachable) == (
        [mary.person.display_name],
        [],
        [george.person.display_name],
    )
    assert "/l/exhibit-g/" in OutboundEmail.objects.get(to=mary.person.email).body


def _exhibit_g_client(client, production, report):
    second_ad = add_member(production, Role.SECOND_AD)
    client.force_login(second_ad)
    return reverse(
        "reports:exhibit_g", kwargs={"production": production.slug, "report_pk": report.pk}
    )


def test_send_all_twice_sends_each_performer_one_message(
    report, coordinator, client, production, django_capture_on_commit_callbacks
):
    cast_times_prefill(actor=coordinator, report=report)
    mary, george = castsheet.cast_rows(report)
    url = _exhibit_g_client(client, production, report)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send_all"})
        second = client.post(url, {"action": "send_all"}, follow=True)
    assert b"Sent already, not again" in second.content
    for row in (mary, george):
        assert OutboundEmail.objects.filter(to=row.person.email).count() == 1


def test_a_double_click_on_send_sends_once_and_send_again_sends_one_more(
    report, coordinator, client, production, django_capture_on_commit_callbacks
):
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    url = _exhibit_g_client(client, production, report)
    first = {"action": "send", "cast_time": mary.pk, "resend": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, first)
        twice = client.post(url, first, follow=True)
    assert b"was sent this link already" in twice.content
    assert OutboundEmail.objects.filter(to=mary.person.email).count() == 1
    page = client.get(url)
    assert b'name="resend" value="1"' in page.content and b"Send again" in page.content
    again = {"action": "send", "cast_time": mary.pk, "resend": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, again)
        client.post(url, again)
    assert OutboundEmail.objects.filter(to=mary.person.email).count() == 2


def test_a_submitted_report_s_exhibit_g_is_not_changed_but_still_signed(
    report, coordinator, client, production
):
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    report.status = report.Status.SUBMITTED
    report.save()
    url = _exhibit_g_client(client, production, report)
    fields = {f"r{mary.pk}_{k}": v for k, v in castsheet.typed(mary).items()}
    refused = client.post(
        url, {"action": "save", "row": mary.pk, **fields, f"r{mary.pk}_dismiss": "20:00"}
    )
    assert refused.status_code == 400
    assert b"is with the UPM for approval" in refused.content
    assert b"Return to draft" in refused.content
    mary.refresh_from_db()
    assert mary.dismiss == 19 * 60
    cast_time_sign(cast_time=mary, name="Donna Reed", via="Donna Reed (link)")
    mary.refresh_from_db()
    assert mary.signed_name == "Donna Reed"
    with pytest.raises(ReportError, match="with the UPM"):
        cast_time_reopen(actor=coordinator, cast_time=mary, reason="Wrong dismissal")


def test_a_signature_after_approval_is_written_into_the_approved_snapshot(
    report, coordinator, production
):
    from callboard.reports.dprpdf import dpr_pdf
    from callboard.reports.queries import report_document
    from callboard.reports.services import report_approve, report_submit

    from .dpr_days import day_filled

    upm = add_member(production, Role.UPM)
    cast_times_prefill(actor=coordinator, report=report)
    mary, george = castsheet.cast_rows(report)
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    approved, _ = report_approve(actor=upm, report=report)
    frozen = copy.deepcopy(approved.snapshot)
    before = {c["person_id"]: c for c in frozen["cast"]}
    assert before[mary.person_id]["signed"] == ""
    cast_time_sign(cast_time=mary, name="Donna Reed", via="Donna Reed (link)")
    approved.refresh_from_db()
    after = {c["person_id"]: c for c in approved.snapshot["cast"]}
    assert after[mary.person_id]["signed"].startswith("Donna Reed, ")
    # Only the signature: every other value, every other row and the rest as approved.
    assert {**after[mary.person_id], "signed": ""} == before[mary.person_id]
    assert after[george.person_id] == before[george.person_id]
    assert {k: v for k, v in approved.snapshot.items() if k != "cast"} == {
        k: v for k, v in frozen.items() if k != "cast"
    }
    pdf = pypdfium2.PdfDocument(dpr_pdf(report_document(approved)))
    assert "Donna Reed" in "".join(page.get_textpage().get_text_range() for page in pdf)


def test_an_approved_report_s_exhibit_g_is_frozen(report, coordinator):
    cast_times_prefill(actor=coordinator, report=report)
    report.status = report.Status.APPROVED
    report.save()
    with pytest.raises(ReportError, match="approved"):
        cast_times_save(actor=coordinator, report=report, rows=grid(report, {}))
    with pytest.raises(ReportError, match="approved"):
        cast_times_prefill(actor=coordinator, report=report)


def test_a_link_to_a_corrected_version_signs_nothing(report, coordinator):
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    report.status = report.Status.REPLACED  # as report_correct leaves the old version
    report.save()
    with pytest.raises(ReportError, match="corrected after this link was sent"):
        cast_time_sign(cast_time=mary, name="Donna Reed", via="Donna Reed (link)")
    mary.refresh_from_db()
    assert not mary.signed_at


def test_a_signature_is_not_written_over_by_the_2nd_ad_s_save_read_before_it(report, coordinator):
    """The 2nd AD's page was read before the performer signed; saving it afterwards neither
    clears the signature nor changes the signed times (the two saves, one after the other)."""
    cast_times_prefill(actor=coordinator, report=report)
    mary = castsheet.cast_rows(report)[0]
    page_as_read = grid(report, {mary.pk: {"dismiss": "20:00"}})
    cast_time_sign(cast_time=mary, name="Donna Reed", via="Donna Reed (link)")
    with pytest.raises(CastTimesProblems):
        cast_times_save(actor=coordinator, report=report, rows=page_as_read)
    mary.refresh_from_db()
    assert mary.signed_name == "Donna Reed" and mary.dismiss != 1200
