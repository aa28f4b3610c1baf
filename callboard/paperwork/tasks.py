"""Reminders for unfinished start packets, by a scheduled background task: two days after
sending, then every two days, three times at most, until the packet is submitted."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from callboard.core.links import link_token

from .models import Packet, PacketEvent

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


@task()
def packet_remind(*, packet_id: int, count: int = 0) -> None:
    packet = (
        Packet.objects.select_related("person", "production", "grant").filter(pk=packet_id).first()
    )
    if packet is None or packet.status not in WAITING or packet.grant is None:
        return
    if (
        packet.grant.revoked_at
        or packet.grant.expires_at < timezone.now()
        or not packet.person.email
    ):
        return
    link = settings.SITE_URL + reverse("packet_by_link", args=[link_token(packet.grant)])
    waiting = [f for f in packet.forms.all() if f.status not in ("submitted", "approved")]
    send_mail(
        f"Reminder: your start paperwork for {packet.production.title}",
        f"Hello {packet.person.display_name},\n\n{len(waiting)} form(s) of your start paperwork "
        f"are still to do. You can pick up where you left off:\n\n{link}\n",
        None,
        [packet.person.email],
    )
    PacketEvent.objects.create(packet=packet, event=f"Reminder {count + 1} sent", who="Callboard")
    if count + 1 < MAX_REMINDERS:
        schedule_reminder(packet_id, count + 1)
