"""An item whose link was never sent, has expired or was withdrawn shows where it stands and
to ask the office; "My things" makes no packet or time-card link itself (their services
also e-mail and change the item), so nothing is sent or changed by looking."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.core.links import link_grant_revoke
from callboard.core.models import LinkGrant, OutboundEmail
from callboard.paperwork.models import Packet
from callboard.paperwork.services import packet_create
from callboard.payroll import services as payroll

from .conftest import published_sheet, send_card, send_packet

pytestmark = pytest.mark.django_db


def _grants() -> int:
    return LinkGrant.objects.exclude(purpose="calendar").count()


def test_an_expired_packet_link_says_ask_the_office_and_changes_nothing(
    ann_client, ann, production, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    LinkGrant.objects.filter(pk=packet.grant_id).update(expires_at=timezone.now())
    grants, mails = _grants(), OutboundEmail.objects.count()
    listing = ann_client.get(f"/p/{production.slug}/me/").content.decode()
    assert "Your link has expired: ask the office to send it again." in listing
    assert f"/me/packet/{packet.pk}/" not in listing
    page = ann_client.get(f"/p/{production.slug}/me/packet/{packet.pk}/")
    assert page.status_code == 200 and b"Your link has expired" in page.content
    assert b"/l/packet/" not in page.content
    packet.refresh_from_db()
    assert packet.status == Packet.Status.SENT  # not "opened": she did not open it
    assert (_grants(), OutboundEmail.objects.count()) == (grants, mails)


def test_a_withdrawn_card_link_reads_as_a_summary_with_what_to_do(
    ann_client, ann, production, this_week, django_capture_on_commit_callbacks
):
    card = send_card(ann, this_week, django_capture_on_commit_callbacks)
    link_grant_revoke(grant=card.grant)
    page = ann_client.get(f"/p/{production.slug}/me/timecards/{card.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="days"' in html
    assert "The office withdrew your link: ask them to send it again." in html
    assert "/l/timecard/" not in html and 'name="signature"' not in html


def test_a_packet_and_card_never_sent_say_so(ann_client, ann, production, this_week):
    packet_create(
        actor=None, production=production, person=ann, kinds=["start_form"], start_date=None
    )
    card = payroll.timecard_prepare(actor=None, person=ann, week_start=this_week)
    grants = _grants()
    html = ann_client.get(f"/p/{production.slug}/me/").content.decode()
    assert "Not sent yet: the office sends it before your first day." in html
    assert "Not sent to you yet: ask the office to send it." in html  # the card
    page = ann_client.get(f"/p/{production.slug}/me/timecards/{card.pk}/").content.decode()
    assert "Not sent to you yet: ask the office to send it." in page
    assert _grants() == grants


def test_a_call_sheet_not_sent_to_her_shows_her_call_and_no_link(ann_client, ann, production):
    sheet = published_sheet(production, production.today() + timedelta(days=2), {ann: "05:45"})
    html = ann_client.get(f"/p/{production.slug}/me/").content.decode()
    assert "Your call 05:45 call" in html and "Not sent" in html
    assert f"/me/callsheets/{sheet.pk}/" not in html
