"""What a person gets when their start packet is sent: the packet's own signed link (it opens
their packet on the phone and tracks the delivery), by e-mail or text."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import Packet

KIND = "packet"
LINK_DAYS = 21


def composer(dispatch):
    packet = Packet.objects.select_related("production").get(pk=dispatch.object_id)
    production = packet.production
    office = production.office_phone or production.office_email or "the production office"

    def compose(delivery) -> Message:
        link = settings.SITE_URL + reverse("packet_by_link", args=[link_token(delivery.grant)])
        body = (
            f"Hello {delivery.person.display_name},\n\nPlease fill in and sign your start "
            f"paperwork for {production.title} — it takes about 15 minutes on your phone, and "
            f"you can save and come back.\n\n{link}\n\nThe link works for {LINK_DAYS} days. "
            f"Questions: {office}.\n"
        )
        text = f"{production.title}: your start paperwork (about 15 minutes): {link}"
        return Message(dispatch.subject, body, text)

    return compose
