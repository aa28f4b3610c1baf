"""What a person gets when the office asks them to check their contact details: their own
link (the details link's grant), made when the message is sent."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

KIND = "details_link"
DETAILS_LINK_DAYS = 7


def composer(dispatch):
    production = dispatch.production
    office = f"\n{production.office_phone}" if production.office_phone else ""

    def compose(delivery) -> Message:
        person = delivery.person
        url = settings.SITE_URL + reverse(
            "person_details_by_link", args=[link_token(delivery.grant)]
        )
        body = (
            f"Hello {person.preferred_name or person.first_name},\n\n"
            f"The production office of {production.title} keeps your contact details for the "
            "crew list, call sheets and emergencies. "
            "Please check them and correct anything out of date:\n\n"
            f"{url}\n\nThe link is personal, needs no password "
            f"and works for {DETAILS_LINK_DAYS} days.\n\n"
            f"{production.title} production office{office}"
        )
        text = f"{production.title}: please check your contact details: {url}"
        return Message(dispatch.subject, body, text)

    return compose
