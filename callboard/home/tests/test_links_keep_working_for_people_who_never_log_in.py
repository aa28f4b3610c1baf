"""The e-mailed links open without an account, before and after the person also used "My
things": logging in adds a way in and takes none away."""

from datetime import timedelta

import pytest

from callboard.people.testing import make_person

from .conftest import ANN, emailed_link, published_sheet, send_card, send_packet, send_sheet

pytestmark = pytest.mark.django_db


def test_a_person_without_a_login_opens_every_link(
    client, production, this_week, django_capture_on_commit_callbacks
):
    bo = make_person(
        production, first_name="Bo", email="bo@example.test", rate=300, rate_unit="day"
    )
    send_packet(bo, django_capture_on_commit_callbacks)
    packet_link = emailed_link("bo@example.test", "/l/packet/")
    send_card(bo, this_week, django_capture_on_commit_callbacks)
    card_link = emailed_link("bo@example.test", "/l/timecard/")
    assert client.get(packet_link).status_code == 200
    assert client.get(card_link).status_code == 200


def test_the_emailed_links_still_open_after_she_used_my_things(
    client, ann_client, ann, production, this_week, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    packet_link = emailed_link(ANN, "/l/packet/")
    card = send_card(ann, this_week, django_capture_on_commit_callbacks)
    card_link = emailed_link(ANN, "/l/timecard/")
    sheet = published_sheet(production, production.today() + timedelta(days=1), {ann: "06:30"})
    send_sheet(sheet, [ann])
    slug = production.slug
    for url in (
        f"/p/{slug}/me/",
        f"/p/{slug}/me/packet/{packet.pk}/",
        f"/p/{slug}/me/timecards/{card.pk}/",
        f"/p/{slug}/me/callsheets/{sheet.pk}/",
    ):
        assert ann_client.get(url).status_code in (200, 302)
    client.logout()
    assert client.get(packet_link).status_code == 200
    assert client.get(card_link).status_code == 200
