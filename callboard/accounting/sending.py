"""What the float holder gets when the office sends their envelope's receipts link: the link
(the envelope's own signed link, so it opens the phone page and tracks the delivery)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import Envelope

KIND = "receipts_link"


def composer(dispatch):
    envelope = Envelope.objects.select_related("production").get(pk=dispatch.object_id)
    production, code = envelope.production, envelope.code

    def compose(delivery) -> Message:
        link = settings.SITE_URL + reverse("receipts_by_link", args=[link_token(delivery.grant)])
        body = (
            f"Hello {delivery.person.display_name},\n\nAdd each petty-cash receipt to envelope "
            f"{code} from your phone: take a photo, say where and what it was for.\n\n{link}\n"
        )
        text = f"{production.title}: add your receipts to envelope {code}: {link}"
        return Message(dispatch.subject, body, text)

    return compose
