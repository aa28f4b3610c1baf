"""What a traveller gets when their memo is sent: their segments in a few lines (each time in
its place's zone), what changed when it is a revision, their link (the phone page, the PDF and
the calendar), and the PDF — all from the version's frozen document."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from . import memo, memopdf
from .models import TravelMemo
from .queries import MEMO_KIND

KIND = MEMO_KIND


def composer(dispatch):
    sent = TravelMemo.objects.select_related("production", "person").get(pk=dispatch.object_id)
    document = sent.document
    pdf = memopdf.memo_pdf(document)
    name = memopdf.file_name(document)
    revised = (
        f"REVISED (version {sent.version}). What changed:\n"
        + "".join(f"  - {c}\n" for c in sent.changes)
        + "\n"
        if sent.version > 1
        else ""
    )
    lines = "".join(memo.segment_lines(s) for s in document["segments"]) or (
        "No travel is booked for you now.\n"
    )
    per_diem = memo.per_diem_text(document.get("per_diem"))
    contact = document["contact"]
    reach = " · ".join(x for x in (contact["phone"], contact["email"]) if x)
    body = (
        f"{revised}{sent.production.title} — your travel, {document['traveller']['name']}.\n\n"
        f"{lines}\n"
        + (f"Per diem: {per_diem}\n\n" if per_diem else "")
        + f"Travel questions: {contact['name']}{f' ({reach})' if reach else ''}.\n\n"
    )
    segments = document["segments"]
    first = f" — {segments[0]['title']}, {segments[0]['when']}" if segments else ""

    def compose(delivery) -> Message:
        token = link_token(delivery.grant)
        link = settings.SITE_URL + reverse("travel_memo_by_link", args=[token])
        calendar = settings.SITE_URL + reverse("travel_memo_calendar", args=[token])
        text = (
            f"{sent.production.title}: your travel memo"
            f"{f' (REVISED v{sent.version})' if sent.version > 1 else ''}"
            f"{first}. {link}"
        )
        return Message(
            dispatch.subject,
            f"{body}Open it on your phone and say you have it (one tap):\n{link}\n\n"
            f"Add it to your calendar (each time in its own zone):\n{calendar}\n\n"
            "The memo is attached.\n",
            text,
            [(name, pdf, "application/pdf")],
        )

    return compose
