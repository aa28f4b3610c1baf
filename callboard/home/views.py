"""A member's own things on a production. Each item opens the same page its e-mailed link
opens, through the live grant the office made; without one, the page says where it stands and
what to do. Nobody reaches another person's items: every lookup is by the member's own
person on this production."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from callboard.callsheets.calendar import calendar_link
from callboard.core.capabilities import Cap
from callboard.core.links import link_token
from callboard.core.tenancy import production_view
from callboard.office.supplies.queries import person_unreturned
from callboard.people.queries import production_dashboard

from . import queries


@production_view(Cap.PRODUCTION_VIEW)
def production_home(request) -> HttpResponse:
    """The production's front page: where the show stands, and the week's work from every
    app, each line only for a role that may do it, linking to where it is done."""
    membership = request.membership
    today = request.production.today()  # the production's day, not the server's
    context = production_dashboard(
        production=request.production, today=today, membership=membership
    )
    if membership.can(Cap.SCRIPTS_VIEW):
        context["script"] = request.production.script_versions.first()
    context["attention"] = queries.needs_attention(membership, today) + queries.list_attention(
        membership, context
    )
    context["attention_shown"] = any(membership.can(c) for c in queries.ATTENTION_CAPS)
    return render(request, "home/production.html", context)


def _own_person(request):
    person = queries.member_person(request.membership)
    if person is None:
        raise Http404("You are not on this production's cast or crew list.")
    return person


@production_view(Cap.PRODUCTION_VIEW)
def mine(request) -> HttpResponse:
    person = queries.member_person(request.membership)
    if person is None:
        return render(request, "home/no_person.html", {"nav": "mine"})
    calls = queries.person_calls(person)
    today = request.production.today()
    return render(
        request,
        "home/mine.html",
        {
            "nav": "mine",
            "person": person,
            "packets": queries.person_packets(person),
            "cards": queries.person_cards(person),
            "upcoming": [c for c in calls if c.sheet.date >= today],
            "earlier": [c for c in calls if c.sheet.date < today][::-1],
            # The feed link the call-sheet e-mails carry (one per person, made on first need).
            "calendar": (feed := calendar_link(person)),
            "webcal": "webcal://" + feed.split("://", 1)[1],  # phones subscribe on this scheme
            "union": queries.person_union_days(person),
            "held": person_unreturned(person),  # what the office issued them, still out
        },
    )


def _no_link(request, what: str, status: str, state: str) -> HttpResponse:
    """Where an item stands when its link is not live, and what to do about it."""
    context = {"nav": "mine", "what": what, "status": status, "todo": queries.NO_LINK[state]}
    return render(request, "home/no_link.html", context)


@production_view(Cap.PRODUCTION_VIEW)
def packet_open(request, packet_pk: int) -> HttpResponse:
    person = _own_person(request)
    packet = queries.person_packet(person, packet_pk)
    if packet is None:
        raise Http404("No such packet of yours.")
    state = queries.link_state(packet.grant)
    if state == "live":
        return redirect(reverse("packet_by_link", args=[link_token(packet.grant)]))
    return _no_link(request, "Start paperwork", packet.get_status_display(), state)


@production_view(Cap.PRODUCTION_VIEW)
def timecard_open(request, card_pk: int) -> HttpResponse:
    """An open card goes to its link page; a locked one (approved and on) reads as a summary,
    as does one whose link is not live, with what to do."""
    person = _own_person(request)
    card = queries.person_card(person, card_pk)
    if card is None:
        raise Http404("No such time card of yours.")
    state = queries.link_state(card.grant)
    if state == "live" and not card.is_locked:
        return redirect(reverse("timecard_by_link", args=[link_token(card.grant)]))
    worked = {d["date"]: d["worked_hours"] for d in card.pay.get("days", [])}
    return render(
        request,
        "home/timecard.html",
        {
            "nav": "mine",
            "item": queries.CardItem(card, queries.card_hours(card), state),
            "days": [(d, worked.get(d["date"])) for d in card.days],
        },
    )


@production_view(Cap.PRODUCTION_VIEW)
def callsheet_open(request, sheet_pk: int) -> HttpResponse:
    person = _own_person(request)
    sheet = queries.published_sheet(request.production, sheet_pk)
    if sheet is None:
        raise Http404("No such published call sheet.")
    delivery = queries.sheet_delivery(person, sheet)
    state = queries.link_state(delivery and delivery.grant)
    if state == "live":
        return redirect(reverse("call_sheet_by_link", args=[link_token(delivery.grant)]))
    what = f"Call sheet #{sheet.number}, {sheet.date:%a %b} {sheet.date.day}"
    status = "Not sent to you" if delivery is None else delivery.state.capitalize()
    return _no_link(request, what, status, state)
