"""Things that happen on a production that other systems may want to hear about (the API's
webhooks). The app where it happens names the event and its data, after its own write; the
listeners (registered from an upper app's ``AppConfig.ready``) run once the transaction has
committed, so a rolled-back approval announces nothing. Core knows no listener by name."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import transaction


class Event(StrEnum):
    CALLSHEET_PUBLISHED = "callsheet.published"
    DELIVERY_CONFIRMED = "delivery.confirmed"
    DPR_APPROVED = "dpr.approved"
    STATUS_REPORT_SENT = "status_report.sent"
    TIMECARD_APPROVED = "timecard.approved"
    PACKET_APPROVED = "packet.approved"
    PO_APPROVED = "po.approved"
    INVOICE_APPROVED = "invoice.approved"


EVENT_LABELS = {
    Event.CALLSHEET_PUBLISHED: "Call sheet published",
    Event.DELIVERY_CONFIRMED: "Delivery confirmed",
    Event.DPR_APPROVED: "DPR approved",
    Event.STATUS_REPORT_SENT: "Status report sent",
    Event.TIMECARD_APPROVED: "Time card approved",
    Event.PACKET_APPROVED: "Start packet approved",
    Event.PO_APPROVED: "PO approved",
    Event.INVOICE_APPROVED: "Invoice approved",
}


@dataclass(frozen=True)
class Happened:
    production_id: int
    event: Event
    data: dict  # JSON-ready: ids, numbers, names; never private data


_LISTENERS: list[Callable[[Happened], None]] = []


def event_listen(listener: Callable[[Happened], None]) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def event_emit(*, production, event: Event, data: dict) -> None:
    """Announce ``event`` once the current transaction commits (at once outside one)."""
    happened = Happened(production_id=production.pk, event=Event(event), data=data)

    def tell():
        for listener in _LISTENERS:
            listener(happened)

    transaction.on_commit(tell)


def api_url(production, path: str) -> str:
    """The API's address of a record, for an event's ``url``: "callsheets/12" →
    https://site/api/productions/<slug>/callsheets/12."""
    return f"{settings.SITE_URL}/api/productions/{production.slug}/{path}"
