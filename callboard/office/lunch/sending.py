"""What a person gets when the office opens a lunch: the restaurant, the cut-off and their
link to order on their phone (no account needed)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from ..models import Lunch
from .queries import LUNCH_KIND, cutoff_text

KIND = LUNCH_KIND


def composer(dispatch):
    lunch = Lunch.objects.select_related("production", "restaurant__vendor").get(
        pk=dispatch.object_id
    )
    title = lunch.production.title
    when = cutoff_text(lunch)

    def compose(delivery) -> Message:
        token = link_token(delivery.grant)
        link = settings.SITE_URL + reverse("office_lunch_by_link", args=[token])
        return Message(
            dispatch.subject,
            f"{title} — lunch on {lunch.date:%A, %B %-d} is from {lunch.restaurant}.\n\n"
            f"Order on your phone by {when}:\n{link}\n\n"
            "Your allergies and preferences go on your order too; only the production office "
            "sees them.\n",
            f"{title}: lunch from {lunch.restaurant} — order by {when}: {link}",
        )

    return compose
