"""A packet's To-check items block its approval until someone whose role may override them
does so with a reason, shown to the next approvers; nobody approves two steps, nor their own
packet."""

from datetime import date

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, Membership
from callboard.core.testing import add_member, make_user
from callboard.paperwork.models import Packet
from callboard.paperwork.queries import packet_findings
from callboard.paperwork.services import PacketError, packet_approve, packet_create
from callboard.people.testing import make_person


@pytest.fixture
def submitted(production):
    person = make_person(production, first_name="Ann", last_name="Lee", email="ann@example.test")
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["nda", "emergency_contact"],
        start_date=date(2026, 3, 2),
    )
    for form, name in zip(packet.forms.all(), ["Ann Lee", "Anne Lee"], strict=True):
        form.values["legal_name"] = name
        form.status = "submitted"
        form.save()
    packet.status = Packet.Status.SUBMITTED
    packet.save()
    return packet


def _url(packet):
    return f"/p/{packet.production.slug}/paperwork/{packet.pk}/"


def test_the_coordinator_cannot_approve_over_an_open_warning(submitted, client, production):
    coordinator = add_member(production, Role.COORDINATOR)
    client.force_login(coordinator)
    page = client.get(_url(submitted)).content.decode()
    assert "Anne Lee" in page and "blocks approval" in page  # no override form for them
    client.post(f"{_url(submitted)}approve/")
    submitted.refresh_from_db()
    assert submitted.approvals == []
    warning = packet_findings(submitted)[0]
    client.post(
        f"{_url(submitted)}override/",
        {"warning": warning, "reason": "Spelling is fine, I checked"},
    )
    client.post(f"{_url(submitted)}approve/")
    submitted.refresh_from_db()
    assert submitted.approvals == []  # a coordinator may not override


def test_the_upm_overrides_with_a_reason_the_next_approvers_read(submitted, client, production):
    upm = add_member(production, Role.UPM)
    client.force_login(upm)
    warning = packet_findings(submitted)[0]
    client.post(f"{_url(submitted)}override/", {"warning": warning, "reason": ""})
    assert not AuditEvent.objects.filter(changes__has_key="warning_overridden").exists()
    client.post(
        f"{_url(submitted)}override/",
        {"warning": warning, "reason": "Anne is her name on the passport"},
    )
    coordinator = add_member(production, Role.COORDINATOR)
    client.force_login(coordinator)
    page = client.get(_url(submitted)).content.decode()
    assert "Anne is her name on the passport" in page
    client.post(f"{_url(submitted)}approve/")
    submitted.refresh_from_db()
    assert [a["role"] for a in submitted.approvals] == ["coordinator"]
    assert AuditEvent.objects.filter(changes__has_key="warning_overridden").exists()


def test_one_studio_admin_cannot_approve_two_steps(submitted, production):
    submitted.forms.filter(values__legal_name="Anne Lee").update(values={"legal_name": "Ann Lee"})
    admin = add_member(production, Role.STUDIO_ADMIN)
    packet = packet_approve(actor=admin, role="coordinator", packet=submitted)
    with pytest.raises(PacketError, match="second person"):
        packet_approve(actor=admin, role="upm", packet=packet)
    packet = packet_approve(actor=add_member(production, Role.UPM), role="upm", packet=packet)
    assert packet.next_approver == "payroll"


def test_nobody_approves_their_own_packet(submitted, production):
    submitted.forms.filter(values__legal_name="Anne Lee").update(values={"legal_name": "Ann Lee"})
    ann = make_user("ANN@example.test")
    Membership.objects.create(production=production, user=ann, role=Role.COORDINATOR)
    with pytest.raises(PacketError, match="someone else"):
        packet_approve(actor=ann, role="coordinator", packet=submitted)
