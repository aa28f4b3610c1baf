"""What a guest gets when the office sends them their approved pass: when and where in a few
lines, the link to the pass's phone page (its QR code is what the guard scans), and the pass
card as a PDF. The text message carries the link alone."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.distribution.registry import Message
from callboard.office.models import Pass

from . import exports, queries, rules
from .services import GateError

KIND = queries.SEND_KIND


def composer(dispatch):
    pass_obj = Pass.objects.select_related("production", "gate").get(pk=dispatch.object_id)
    token = queries.pass_link_token(pass_obj)
    # Withdrawn (or run out) between the click and the worker: nothing goes (the page says so).
    if pass_obj.status != Pass.Status.APPROVED or token is None:
        raise GateError(f"Pass {pass_obj.code} no longer opens the gate: it was not sent.")
    production = pass_obj.production
    link = settings.SITE_URL + reverse("gate_pass_by_link", args=[token])
    card = exports.card_pdf(exports.card_document(pass_obj, link))
    dates = rules.date_span(pass_obj.start_date, pass_obj.end_date)
    where = ", ".join(x for x in (pass_obj.gate.name, pass_obj.gate.address) if x)
    arrive = f" from {pass_obj.arrival_time:%-I:%M %p}" if pass_obj.arrival_time else ""
    lines = [
        f"Pass: No. {pass_obj.code} — {pass_obj.name}",
        f"When: {dates}{arrive}",
        f"Gate: {where}",
        f"Stage / building: {pass_obj.stage}" if pass_obj.stage else "",
        f"Here to see: {pass_obj.host}",
        f"Vehicle: {pass_obj.vehicle_text} {pass_obj.plate}".rstrip(),
    ]
    reach = " · ".join(x for x in (production.office_phone, production.office_email) if x)
    body = (
        f"Hello {pass_obj.name},\n\n"
        f"Your pass for {production.title} is approved.\n\n"
        + "\n".join(x for x in lines if x)
        + "\n\nShow the QR code on this page at the gate (it works until the end of your "
        f"last day):\n{link}\n\nThe pass card is attached if you prefer to print it.\n\n"
        f"{production.title} production office{f' ({reach})' if reach else ''}\n"
    )
    text = f"{production.title}: your pass No. {pass_obj.code} for {dates} at {where}: {link}"
    message = Message(
        dispatch.subject, body, text, [(f"pass-{pass_obj.code}.pdf", card, "application/pdf")]
    )
    return lambda delivery: message
