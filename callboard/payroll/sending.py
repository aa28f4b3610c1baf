"""What a person gets when their time card is sent: the link to their card (the card's own
signed link, so it opens the phone card and tracks the delivery), by e-mail or text."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import TimeCard

KIND = "timecard"


def composer(dispatch):
    card = TimeCard.objects.select_related("production", "person").get(pk=dispatch.object_id)
    production, week = card.production, card.week_start
    office = production.office_phone or production.office_email or "the production office"

    def compose(delivery) -> Message:
        link = settings.SITE_URL + reverse("timecard_by_link", args=[link_token(delivery.grant)])
        body = (
            f"Hello {delivery.person.display_name},\n\nYour time card for the week of "
            f"{week:%A %B} {week.day} is ready, filled in from the call sheets. Check each "
            "day's call, meals and wrap, correct what is different, and sign it.\n\n"
            f"{link}\n\nQuestions: {office}.\n"
        )
        text = f"{production.title}: your time card, week of {week:%b} {week.day}: {link}"
        return Message(dispatch.subject, body, text)

    return compose
