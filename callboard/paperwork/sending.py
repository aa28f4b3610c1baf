"""What a person gets about their start packet: the packet's own signed link (it opens their
packet on the phone and tracks the delivery), by e-mail or text — first when it is sent, then
as a reminder while forms are still to do. The first send and its reminders share the link."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import Packet, PacketForm

KIND = "packet"
REMINDER_KIND = "packet_reminder"
LINK_DAYS = 21


def packet_link(grant) -> str:
    return settings.SITE_URL + reverse("packet_by_link", args=[link_token(grant)])


def composer(dispatch):
    packet = Packet.objects.select_related("production").get(pk=dispatch.object_id)
    production = packet.production
    office = production.office_phone or production.office_email or "the production office"

    def compose(delivery) -> Message:
        link = packet_link(delivery.grant)
        body = (
            f"Hello {delivery.person.display_name},\n\nPlease fill in and sign your start "
            f"paperwork for {production.title} — it takes about 15 minutes on your phone, and "
            f"you can save and come back.\n\n{link}\n\nThe link works for {LINK_DAYS} days. "
            f"Questions: {office}.\n"
        )
        text = f"{production.title}: your start paperwork (about 15 minutes): {link}"
        return Message(dispatch.subject, body, text)

    return compose


def reminder_composer(dispatch):
    packet = Packet.objects.select_related("production").get(pk=dispatch.object_id)
    done = (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED)
    waiting = packet.forms.exclude(status__in=done).count()

    def compose(delivery) -> Message:
        link = packet_link(delivery.grant)
        body = (
            f"Hello {delivery.person.display_name},\n\n{waiting} form(s) of your start paperwork "
            f"are still to do. You can pick up where you left off:\n\n{link}\n"
        )
        text = f"{packet.production.title}: {waiting} form(s) of your start paperwork to do: {link}"
        return Message(dispatch.subject, body, text)

    return compose
