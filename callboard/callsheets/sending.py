"""What each recipient of a call sheet gets: their own call time, their link, what changed,
and the PDF (rendered once per send)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from . import printing
from .calendar import calendar_link
from .models import CallSheet
from .queries import clock, issued
from .sides import day_sides

KIND = "callsheet"


def composer(dispatch):
    sheet = CallSheet.objects.select_related("production", "scenario").get(pk=dispatch.object_id)
    sent = issued(sheet)
    pdf = printing.call_sheet_pdf(sent.document)
    calls = sent.calls
    days_total = sent.document["sheet"]["day_of"].rsplit(" ", 1)[-1]
    name = printing.file_name(
        show=sheet.production.slug,
        number=sheet.number,
        version=sheet.version,
        draft=not sheet.is_published,
    )
    changes = "".join(f"\n  - {c}" for c in sheet.changes)

    def compose(delivery) -> Message:
        link = settings.SITE_URL + reverse("call_sheet_by_link", args=[link_token(delivery.grant)])
        own = calls.get(delivery.person_id)
        working = own is None or own.working  # marked N/W: no call to give
        if own is not None:
            call = own.text
        elif delivery.person.kind == delivery.person.Kind.CAST:
            call = "not called today"
        else:
            call = clock(sheet.crew_call)
        revised = (
            f"REVISED (version {sheet.version}). What changed:{changes}\n\n" if changes else ""
        )
        yours = f"Your call: {call}" if working else "You are not working today."
        body = (
            f"{revised}{sheet.production.title} — call sheet #{sheet.number}, "
            f"{sheet.date:%A %B %-d}, day {sheet.day_number} of {days_total}.\n\n"
            f"{yours}\nCrew call: {clock(sheet.crew_call)}\n"
            f"Location: {sheet.location_name or '—'} {sheet.set_address}\n\n"
            f"Open it and confirm you have it (one tap):\n{link}\n\n"
            f"All your calls in your calendar (subscribe once):\n{calendar_link(delivery.person)}"
            f"\n\n{dispatch.message}".rstrip()
            + "\n"
        )
        text = (
            f"{sheet.production.title} {sheet.date:%a %-m/%-d}: "
            f"{f'your call {call}.' if working else 'you are not working today.'} "
            f"{'REVISED. ' if sheet.version > 1 else ''}Confirm: {link}"
        )
        attachments = [(name, pdf, "application/pdf")]
        if delivery.person_id in sent.sides_for:  # working cast get sides, their name on them
            sides = day_sides(sheet.production, sent, watermark=delivery.person.display_name)
            if sides is not None:
                attachments.append((f"sides-day-{sheet.day_number}.pdf", sides, "application/pdf"))
        return Message(dispatch.subject, body, text, attachments)

    return compose
