"""Changing the id in a "My things" address never opens someone else's packet, card or sheet
delivery: every lookup is by the member's own entry."""

from datetime import timedelta

import pytest

from callboard.core.models import LinkGrant
from callboard.people.testing import make_person

from .conftest import published_sheet, send_card, send_packet, send_sheet, worked_card

pytestmark = pytest.mark.django_db


def test_another_persons_packet_and_cards_are_404(
    ann_client, ann, production, this_week, django_capture_on_commit_callbacks
):
    zed = make_person(production, first_name="Zed", rate=300, rate_unit="day")
    packet = send_packet(zed, django_capture_on_commit_callbacks)
    open_card = send_card(zed, this_week, django_capture_on_commit_callbacks)
    approved = worked_card(zed, this_week - timedelta(days=7), approved=True)
    slug = production.slug
    before = LinkGrant.objects.filter(use_count__gt=0).count()
    assert ann_client.get(f"/p/{slug}/me/packet/{packet.pk}/").status_code == 404
    assert ann_client.get(f"/p/{slug}/me/timecards/{open_card.pk}/").status_code == 404
    assert ann_client.get(f"/p/{slug}/me/timecards/{approved.pk}/").status_code == 404
    assert LinkGrant.objects.filter(use_count__gt=0).count() == before  # no link of his used


def test_a_sheet_sent_to_someone_else_does_not_open_their_delivery(ann_client, ann, production):
    zed = make_person(production, first_name="Zed")
    sheet = published_sheet(production, production.today(), {zed: "09:00"})
    send_sheet(sheet, [zed])
    response = ann_client.get(f"/p/{production.slug}/me/callsheets/{sheet.pk}/")
    assert response.status_code == 200 and b"Not sent to you" in response.content
    assert b"/l/call/" not in response.content
