"""A member whose login matches nobody on the list is told why and what to do, and has no
item addresses to try."""

import pytest

from callboard.core.capabilities import Role

from .conftest import send_packet

pytestmark = pytest.mark.django_db


def test_the_page_says_the_email_is_not_on_the_list(member_client, production):
    client = member_client(Role.CREW)
    page = client.get(f"/p/{production.slug}/me/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "You are not on the cast or crew list of The Test Show under" in html
    assert "ask the production office" in html


def test_item_addresses_are_404_without_an_entry(
    member_client, ann, production, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    client = member_client(Role.COORDINATOR)  # may manage paperwork, but it is not theirs
    assert client.get(f"/p/{production.slug}/me/packet/{packet.pk}/").status_code == 404
