"""Tenancy: a member of another show reaches nothing of this one's "My things", even with
the same e-mail on both lists."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.people.testing import make_person

from .conftest import ANN, send_packet

pytestmark = pytest.mark.django_db


def test_another_shows_member_gets_404_here(
    client, ann, production, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    other = make_production("Other Show")
    outsider = add_member(other, Role.CREW)
    client.force_login(outsider)
    assert client.get(f"/p/{production.slug}/me/").status_code == 404
    assert client.get(f"/p/{production.slug}/me/packet/{packet.pk}/").status_code == 404


def test_her_packet_here_is_404_under_her_other_show(
    ann_client, ann, ann_user, production, django_capture_on_commit_callbacks
):
    packet = send_packet(ann, django_capture_on_commit_callbacks)
    other = make_production("Other Show")
    add_member(other, Role.CREW, ann_user)
    make_person(other, email=ANN)
    assert ann_client.get(f"/p/{other.slug}/me/packet/{packet.pk}/").status_code == 404
    assert ann_client.get(f"/p/{other.slug}/me/").status_code == 200
