"""What a hotel gets when its rooming list is sent: the rooms in a few lines, and the list as
it was sent (the PDF and the spreadsheet kept with the version, never made again)."""

from __future__ import annotations

from callboard.distribution.registry import Message

from .exports import CONTENT_TYPES
from .models import RoomingListSend
from .queries import ROOMING_KIND

KIND = ROOMING_KIND


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def composer(dispatch):
    sent = RoomingListSend.objects.select_related("production").get(pk=dispatch.object_id)
    production = sent.production
    attachments = [
        (sent.pdf.name.rsplit("/", 1)[-1], _read(sent.pdf), CONTENT_TYPES["pdf"]),
        (sent.xlsx.name.rsplit("/", 1)[-1], _read(sent.xlsx), CONTENT_TYPES["xlsx"]),
    ]
    revised = (
        f"This is version {sent.version} of the list: it replaces every version before it.\n\n"
        if sent.version > 1
        else ""
    )
    reach = " · ".join(x for x in (production.office_phone, production.office_email) if x)
    body = (
        f"{revised}The rooming list of {production.title} at {sent.hotel} is attached "
        "(PDF, and the same as a spreadsheet).\n\n"
        "Room and tax to the production's master account; incidentals to each guest.\n"
        "Please confirm each room and send changes to the production office"
        f"{f' ({reach})' if reach else ''}.\n"
    )
    message = Message(
        dispatch.subject,
        body,
        f"{production.title}: rooming list v{sent.version} for {sent.hotel} sent by e-mail.",
        attachments,
    )
    return lambda delivery: message
