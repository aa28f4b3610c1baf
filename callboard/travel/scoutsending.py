"""What each attendee of a scout gets: the day in a few lines, the scout schedule PDF, and a
link to the phone page (opening it is tracked; one tap confirms they have it) and to the day
as a calendar — all from the version's frozen document (SentScout)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from . import queries, scoutpdf

KIND = "scout"


def composer(dispatch):
    sent = queries.sent_scout(dispatch)
    scout, document = sent.scout, sent.document
    pdf = scoutpdf.scout_pdf(document)
    name = scoutpdf.file_name(
        show=scout.production.slug, kind=scout.kind, day=scout.date, version=sent.version
    )
    stops = [item for item in document["items"] if item["kind"] == "stop"]
    route = "\n".join(
        f"  {item['number']}. {item['arrives'] or '—'} {item['name']}" for item in stops
    )
    body = (
        f"{scout.production.title} — {document['title']}.\n\n"
        f"Call {document['call']} at {document['meeting_place']}.\n\n{route}\n\n"
        "The schedule is attached"
    )
    text = (
        f"{scout.production.title}: {document['kind'].lower()} {scout.date:%a %b %-d}, "
        f"call {document['call']} at {document['meeting_place']}."
    )

    def compose(delivery) -> Message:
        token = link_token(delivery.grant)
        link = settings.SITE_URL + reverse("scout_by_link", args=[token])
        calendar = settings.SITE_URL + reverse("scout_calendar", args=[token])
        van = next(
            (v["name"] for v in document["vans"] if delivery.person_id in v["rider_ids"]), ""
        )
        rides = f"\nYou ride in {van}.\n" if van else ""
        return Message(
            dispatch.subject,
            f"{body}; open it on your phone here (one tap says you have it):\n{link}\n{rides}"
            f"\nAdd the day to your calendar:\n{calendar}\n",
            f"{text}{' ' + van + '.' if van else ''} {link}",
            [(name, pdf, "application/pdf")],
        )

    return compose
