"""Opening a sent copy through its signed link: the one lookup every app's by-link page uses
(a DPR, a travel memo, a scout schedule), so each refuses a forged, expired, revoked or
other-kind link the same way."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.links import LinkInvalid, link_grant_resolve

from .models import Delivery
from .services import LINK_PURPOSE


def delivery_by_link(request, token: str, *, kind: str, what: str):
    """(the delivery the link was sent with, None), or (None, the page saying why it does not
    open): 410 for a link that no longer works, 404 for one that is not for ``what``."""
    try:
        grant = link_grant_resolve(token, purpose=LINK_PURPOSE)
    except LinkInvalid as exc:
        return None, render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    delivery = (
        Delivery.objects.filter(grant=grant, dispatch__kind=kind)
        .select_related("person", "dispatch", "dispatch__production")
        .first()
    )
    if delivery is None:
        page: HttpResponse = render(
            request, "core/link_invalid.html", {"reason": f"This link is not for {what}."},
            status=404,
        )  # fmt: skip
        return None, page
    return delivery, None
