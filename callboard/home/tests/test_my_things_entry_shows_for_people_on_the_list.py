"""The "My things" entry (top bar and the show's home) appears for members who are on the
cast or crew list, and not for the others."""

import pytest

from callboard.core.capabilities import Role

pytestmark = pytest.mark.django_db


def test_a_member_on_the_list_sees_the_entry(ann_client, ann, production):
    html = ann_client.get(f"/p/{production.slug}/").content.decode()
    assert html.count(f'href="/p/{production.slug}/me/"') == 2


def test_a_member_not_on_the_list_does_not(member_client, production):
    html = member_client(Role.COORDINATOR).get(f"/p/{production.slug}/").content.decode()
    assert "My things" not in html
