"""Issue 16: a packet's reminder went out by send_mail, untracked. Now each reminder is a
delivery of distribution's carrying the packet's own link (the first send's), and a task run
twice for the same reminder (a retry) sends it once."""

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.paperwork.models import PacketEvent
from callboard.paperwork.tasks import packet_remind
from callboard.paperwork.testing import sent_packet


def _reminders():
    return OutboundEmail.objects.filter(to="late@example.test", subject__startswith="Reminder")


@pytest.mark.django_db
def test_a_reminder_is_a_delivery_with_the_packets_link(
    production, django_capture_on_commit_callbacks
):
    packet, _ = sent_packet(production, django_capture_on_commit_callbacks, "late@example.test")
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
    packet, _ = sent_packet(production, django_capture_on_commit_callbacks, "late@example.test")
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
    packet, _ = sent_packet(production, django_capture_on_commit_callbacks, "late@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=3)
    assert not _reminders().exists()
    packet.grant.revoked_at = packet.grant.created_at
    packet.grant.save()
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=0)
    assert not _reminders().exists()
