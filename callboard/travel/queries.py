"""Reads for travel: a show's bookings and calls turned into the checks' travellers (one query
per table, whatever the number of travellers), and the findings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q, Sum

from callboard.callsheets.queries import published_calls
from callboard.locations.coordinates import format_coordinates
from callboard.people.models import Person

from . import airports, checks, scoutroute
from .models import Booking, Scout, TravelProfile


def _check_flight(booking: Booking) -> checks.Flight:
    return checks.Flight(
        ref=str(booking.pk),
        name=f"{booking.carrier} {booking.number}",
        origin=booking.origin,
        destination=booking.destination,
        departs=booking.starts_at.astimezone(ZoneInfo(booking.starts_tz)),
        arrives=booking.ends_at.astimezone(ZoneInfo(booking.ends_tz)),
        cabin=booking.cabin or "coach",
        international=airports.airport(booking.origin).country
        != airports.airport(booking.destination).country,
    )


def live_bookings(production):
    return Booking.objects.filter(production=production).exclude(status=Booking.Status.CANCELLED)


def travellers(production) -> tuple[list[checks.Traveller], list[checks.BlockRoom]]:
    """Everyone with a booking (local hires left out), with their published calls over the
    span of their bookings; and the block rooms nobody is in."""
    bookings = list(live_bookings(production))
    by_person: dict[int, list[Booking]] = defaultdict(list)
    rooms = []
    for booking in bookings:
        if booking.person_id is None:
            rooms.append(
                checks.BlockRoom(
                    str(booking.pk), booking.hotel, booking.check_in, booking.check_out
                )
            )
        else:
            by_person[booking.person_id].append(booking)
    profiles = {p.person_id: p for p in TravelProfile.objects.filter(person_id__in=list(by_person))}
    people = Person.objects.filter(pk__in=list(by_person)).in_bulk()
    calls = _calls(production, bookings)
    out = []
    for person_id, own in by_person.items():
        profile = profiles.get(person_id)
        if profile is not None and profile.local_hire:
            continue
        out.append(
            checks.Traveller(
                id=person_id,
                name=people[person_id].display_name,
                home_airports=profile.home_codes if profile else frozenset(),
                cabin_required=profile.cabin_required if profile else "",
                passport_expires=profile.passport_expires if profile else None,
                flights=tuple(_check_flight(b) for b in own if b.kind == Booking.Kind.FLIGHT),
                stays=tuple(
                    checks.Stay(str(b.pk), b.hotel, b.check_in, b.check_out)
                    for b in own
                    if b.kind == Booking.Kind.HOTEL
                ),
                rentals=tuple(
                    checks.Rental(str(b.pk), b.kind, b.starts_at, b.ends_at)
                    for b in own
                    if b.kind in (Booking.Kind.CAR, Booking.Kind.TRANSFER)
                ),
                calls=tuple(calls.get(person_id, ())),
            )
        )
    return out, rooms


def _calls(production, bookings: list[Booking]) -> dict[int, list[checks.Call]]:
    """Each traveller's calls on the published call sheets over the bookings' span."""
    days = [b.check_in for b in bookings if b.check_in] + [
        b.starts_at.astimezone(production.tzinfo).date() for b in bookings if b.starts_at
    ]
    ends = [b.check_out for b in bookings if b.check_out] + [
        b.ends_at.astimezone(production.tzinfo).date() for b in bookings if b.ends_at
    ]
    if not days:
        return {}
    start = min(days) - dt.timedelta(days=1)
    span = (max(ends) - start).days + 2
    zone = production.tzinfo
    calls: dict[int, list[checks.Call]] = defaultdict(list)
    for call in published_calls(production=production, start=start, days=span):
        if call.working and call.call is not None:
            moment = dt.datetime.combine(call.date, call.call, tzinfo=zone)
            calls[call.person_id].append(checks.Call(moment, call.location or "set"))
    return calls


def travel_findings(production) -> list[checks.Finding]:
    people, rooms = travellers(production)
    return checks.findings(people, rooms)


def actualised() -> Q:
    """A booking whose cost the ledger has: linked to an approved (or batched) invoice line
    that is not void, or to a receipt line whose receipt is not void."""
    from callboard.accounting.models import Invoice

    return Q(
        invoice_line__isnull=False,
        invoice_line__invoice__status__in=[Invoice.Status.APPROVED, Invoice.Status.BATCHED],
        invoice_line__invoice__voided_at__isnull=True,
    ) | Q(receipt_line__isnull=False, receipt_line__receipt__voided_at__isnull=True)


def booking_commitments(production) -> dict[str, Decimal]:
    """What booked travel commits, by account code, until it is actualised: registered with
    accounting's cost report (accounting.queries.commitments_register). Proposed bookings are
    not promised to anyone yet, and cancelled ones never count."""
    rows = (
        Booking.objects.filter(
            production=production, status=Booking.Status.BOOKED, cost__isnull=False
        )
        .exclude(account_code="")
        .exclude(pk__in=Booking.objects.filter(actualised()).values("pk"))
        .values("account_code")
        .annotate(total=Sum("cost"))
        .order_by()
    )
    return {row["account_code"]: row["total"] for row in rows}


# --------------------------------------------------------------------------- scouts


def live_scouts(production):
    return Scout.objects.filter(production=production, deleted_at__isnull=True)


def stop_sets(location_ids: list[int]) -> dict[int, list[dict]]:
    """For each location, the schedule's sets it is a candidate for (chosen first) and the
    scenes of each set: what the scout looks at there. One query per table."""
    from callboard.locations.models import Candidate
    from callboard.schedule.models import Strip

    candidates = list(
        Candidate.objects.filter(location_id__in=location_ids)
        .select_related("element")
        .order_by("-chosen", "element__name")
    )
    scenes: dict[int, list[str]] = defaultdict(list)
    through = Strip.elements.through.objects.filter(
        element_id__in=[c.element_id for c in candidates],
        strip__kind=Strip.Kind.SCENE,
        strip__omitted=False,
    ).order_by("strip__position", "strip_id")
    for element_id, number in through.values_list("element_id", "strip__scene_number"):
        if number and number not in scenes[element_id]:
            scenes[element_id].append(number)
    out: dict[int, list[dict]] = defaultdict(list)
    for c in candidates:
        out[c.location_id].append(
            {"set": c.element.name, "chosen": c.chosen, "scenes": scenes.get(c.element_id, [])}
        )
    return out


def _clock(value: dt.time | None) -> str:
    return f"{value:%-I:%M %p}" if value else ""


def _leaves(day: dt.date, arrives: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(day, arrives) + dt.timedelta(minutes=minutes)).time()


def scout_document(scout: Scout) -> dict:
    """The scout as its schedule prints it (PDF, phone page, e-mail): plain JSON data. Lunch
    goes between the stops by its time (after the last stop when the stops have no times)."""
    production = scout.production
    stops = list(scout.stops.select_related("location"))
    sets = stop_sets([s.location_id for s in stops])
    start = (
        (scout.meeting_latitude, scout.meeting_longitude)
        if scout.meeting_latitude is not None
        else None
    )
    items = []
    for stop in stops:
        place = stop.location
        leaves = _leaves(scout.date, stop.arrives, stop.minutes) if stop.arrives else None
        distance = ""
        if start and place.latitude is not None:
            distance = f"{scoutroute.miles(*start, place.latitude, place.longitude):.1f} mi"
        items.append(
            {
                "kind": "stop",
                "number": str(stop.position),
                "name": place.name,
                "address": place.address,
                "coordinates": format_coordinates(place.latitude, place.longitude),
                "distance": distance,
                "arrives": _clock(stop.arrives),
                "leaves": _clock(leaves),
                "minutes": str(stop.minutes),
                "sets": [
                    {
                        "set": s["set"] + (" (chosen)" if s["chosen"] else ""),
                        "scenes": ", ".join(s["scenes"]),
                    }
                    for s in sets.get(place.pk, [])
                ],
                "contact": " · ".join(p for p in (place.contact_name, place.contact_phone) if p),
                "parking": place.basecamp,
                "_at": stop.arrives,
            }
        )
    if scout.lunch_place or scout.lunch_time:
        lunch = {
            "kind": "lunch",
            "name": scout.lunch_place or "Lunch",
            "arrives": _clock(scout.lunch_time),
            "minutes": str(scout.lunch_minutes),
        }
        at = next(
            (
                i
                for i, item in enumerate(items)
                if scout.lunch_time and item["_at"] and item["_at"] > scout.lunch_time
            ),
            len(items),
        )
        items.insert(at, lunch)
    warnings = []
    previous = None
    for item in items:
        at = item.pop("_at", None)
        if item["kind"] != "stop" or at is None:
            continue
        if previous is not None and at < previous[1]:
            warnings.append(
                f"{item['name']} arrives at {item['arrives']}, before {previous[0]} is done "
                f"({_clock(previous[1])}): change the times or the order."
            )
        previous = (item["name"], _leaves(scout.date, at, int(item["minutes"])))
    vans = [
        {
            "name": van.name,
            "driver": van.driver,
            "riders": [r.person.display_name for r in van.riders.all()],
            "rider_ids": [r.person_id for r in van.riders.all()],
        }
        for van in scout.vans.prefetch_related("riders__person")
    ]
    return {
        "production": {"title": production.title},
        "title": f"{scout.get_kind_display()} — {scout.date:%A %B %-d, %Y}",
        "kind": scout.get_kind_display(),
        "date": f"{scout.date:%A %B %-d, %Y}",
        "call": _clock(scout.call_time),
        "meeting_place": scout.meeting_place,
        "meeting_coordinates": format_coordinates(scout.meeting_latitude, scout.meeting_longitude),
        "version": str(scout.version),
        "notes": scout.notes,
        "items": items,
        "warnings": warnings,
        "vans": vans,
        "printed": f"{dt.datetime.now(production.tzinfo):%b %-d, %Y %-I:%M %p}",
    }
