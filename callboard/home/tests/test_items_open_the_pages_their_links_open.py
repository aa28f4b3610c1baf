"""From "My things", each item opens the page its e-mailed link opens, through the same live
grant: what Ann does there is what she would do on the link."""

from datetime import timedelta

import pytest

from callboard.core.links import link_grant_resolve
from callboard.core.models import LinkGrant
from callboard.paperwork.models import Packet

from .conftest import ANN, emailed_link, published_sheet, send_card, send_packet, send_sheet

pytestmark = pytest.mark.django_db


def _grant_behind(location: str, prefix: str, purpose: str) -> LinkGrant:
    assert location.startswith(prefix), location
    return link_grant_resolve(location[len(prefix) :].split("/")[0], purpose=purpose)


def test_the_packet_opens_on_the_packets_link_page(
    ann_client, ann, production, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    response = ann_client.get(f"/p/{production.slug}/me/packet/{packet.pk}/")
    assert response.status_code == 302
    assert _grant_behind(response["Location"], "/l/packet/", "packet") == packet.grant
    page = ann_client.get(response["Location"])
    assert page.status_code == 200 and b"Crew start form" in page.content
    packet.refresh_from_db()
    assert packet.status == Packet.Status.OPENED  # as when she taps the e-mailed link
    # The same grant: no new link was made for her.
    assert (
        emailed_link(ANN, "/l/packet/") and LinkGrant.objects.filter(purpose="packet").count() == 1
    )


def test_this_weeks_card_opens_on_the_cards_link_page_where_she_signs(
    ann_client, ann, production, this_week, django_capture_on_commit_callbacks
):
    card = send_card(ann, this_week, django_capture_on_commit_callbacks)
    response = ann_client.get(f"/p/{production.slug}/me/timecards/{card.pk}/")
    assert _grant_behind(response["Location"], "/l/timecard/", "timecard") == card.grant
    page = ann_client.get(response["Location"]).content.decode()
    assert "Sign and submit" in page and 'name="signature"' in page


def test_a_call_sheet_opens_on_her_delivery_page(ann_client, ann, production):
    sheet = published_sheet(production, production.today() + timedelta(days=1), {ann: "06:30"})
    delivery = send_sheet(sheet, [ann])[ann.pk]
    response = ann_client.get(f"/p/{production.slug}/me/callsheets/{sheet.pk}/")
    assert _grant_behind(response["Location"], "/l/call/", "delivery") == delivery.grant
