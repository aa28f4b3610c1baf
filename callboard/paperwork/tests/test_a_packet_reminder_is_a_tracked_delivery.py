"""Issue 16: a packet's reminder went out by send_mail, untracked. Now each reminder is a
delivery of distribution's carrying the packet's own link (the first send's), and a task run
twice for the same reminder (a retry) sends it once."""

from datetime import date

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.paperwork.models import PacketEvent
from callboard.paperwork.services import packet_create, packet_send
from callboard.paperwork.tasks import packet_remind
from callboard.people.testing import make_person


def _sent(production, capture):
    person = make_person(production, email="late@example.test")
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["nda", "start_form"],
        start_date=date(2026, 3, 2),
    )
    with capture(execute=True):
        packet_send(actor=None, packet=packet)
    packet.refresh_from_db()
    return packet


def _reminders():
    return OutboundEmail.objects.filter(to="late@example.test", subject__startswith="Reminder")


@pytest.mark.django_db
def test_a_reminder_is_a_delivery_with_the_packets_link(
    production, django_capture_on_commit_callbacks
):
    packet = _sent(production, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk)
    delivery = Delivery.objects.get(dispatch__kind="packet_reminder", dispatch__object_id=packet.pk)
    first = Delivery.objects.get(dispatch__kind="packet", dispatch__object_id=packet.pk)
    assert delivery.grant == packet.grant == first.grant  # one link, shared
    assert delivery.state == "sent" and delivery.address == "late@example.test"
    mail = _reminders().get()
    assert "2 form(s)" in mail.body and "/l/packet/" in mail.body
    assert PacketEvent.objects.filter(packet=packet, event="Reminder 1 sent").count() == 1


@pytest.mark.django_db
def test_a_retried_reminder_sends_once(production, django_capture_on_commit_callbacks):
    packet = _sent(production, django_capture_on_commit_callbacks)
    for _ in range(2):  # the same task, run again
        with django_capture_on_commit_callbacks(execute=True):
            packet_remind.call(packet_id=packet.pk, count=0)
    assert _reminders().count() == 1
    assert Delivery.objects.filter(dispatch__kind="packet_reminder").count() == 1
    assert PacketEvent.objects.filter(packet=packet, event__startswith="Reminder").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=1)  # the next one is a new message
    assert _reminders().count() == 2


@pytest.mark.django_db
def test_no_reminder_past_the_third_or_with_a_dead_link(
    production, django_capture_on_commit_callbacks
):
    packet = _sent(production, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=3)
    assert not _reminders().exists()
    packet.grant.revoked_at = packet.grant.created_at
    packet.grant.save()
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=0)
    assert not _reminders().exists()
