"""Reminders for unfinished start packets, by a scheduled background task: two days after
sending, then every two days, three times at most, until the packet is submitted. Each reminder
is a delivery of distribution's (services.packet_reminder_send), so a retried task sends one."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import Packet

REMIND_EVERY = timedelta(days=2)
MAX_REMINDERS = 3
WAITING = (
    Packet.Status.SENT,
    Packet.Status.OPENED,
    Packet.Status.IN_PROGRESS,
    Packet.Status.NEEDS_CORRECTION,
)


def schedule_reminder(packet_id: int, count: int = 0) -> bool:
    """Queue the next reminder; False where the task backend cannot defer (tests, inline)."""
    if not packet_remind.get_backend().supports_defer:
        return False
    later = packet_remind.using(run_after=timezone.now() + REMIND_EVERY)
    later.enqueue(packet_id=packet_id, count=count)
    return True


def reminder_due(packet: Packet | None, count: int) -> bool:
    """Only while the packet waits for the person, its link still works, and fewer than three
    reminders went."""
    if packet is None or packet.status not in WAITING or packet.grant is None:
        return False
    grant = packet.grant
    return (
        count < MAX_REMINDERS
        and not grant.revoked_at
        and grant.expires_at >= timezone.now()
        and bool(packet.person.email)
    )


@task()
def packet_remind(*, packet_id: int, count: int = 0) -> None:
    # services imports this module (to schedule the first reminder): imported here, not above.
    from .services import packet_reminder_send

    packet = (
        Packet.objects.select_related("person", "production", "grant").filter(pk=packet_id).first()
    )
    if not reminder_due(packet, count):
        return
    packet_reminder_send(packet=packet, count=count)
    # Also after a retry that sent nothing (the run before may have died before this line):
    # the next reminder is keyed too, so a second one queued sends nothing either.
    if count + 1 < MAX_REMINDERS:
        schedule_reminder(packet_id, count + 1)
