"""A studio admin whose login is linked to their crew entry (another e-mail) cannot approve
their own start packet; the office links a login on the person's page."""

from datetime import date

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.paperwork.models import Packet
from callboard.paperwork.services import PacketError, packet_approve, packet_create
from callboard.people.testing import make_person


def test_a_linked_login_cannot_approve_its_own_packet(production, coordinator_client):
    margot = make_person(production, first_name="Margot", email="margot@crewmail.example")
    admin = add_member(production, Role.STUDIO_ADMIN, make_user("admin@studio.example"))
    coordinator_client.post(f"/p/{production.slug}/people/{margot.pk}/login/", {"user": admin.pk})
    margot.refresh_from_db()
    assert margot.account == admin
    packet = packet_create(
        actor=None, production=production, person=margot, kinds=["nda"], start_date=date(2026, 3, 2)
    )
    packet.forms.update(status="submitted", values={"legal_name": "Margot X"})
    Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.SUBMITTED)
    with pytest.raises(PacketError, match="someone else"):
        packet_approve(actor=admin, role="coordinator", packet=packet)
    packet_approve(
        actor=add_member(production, Role.COORDINATOR), role="coordinator", packet=packet
    )


def test_only_a_member_can_be_linked(production, coordinator_client):
    person = make_person(production)
    stranger = make_user("stranger@example.test")
    response = coordinator_client.post(
        f"/p/{production.slug}/people/{person.pk}/login/", {"user": stranger.pk}
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.account is None
