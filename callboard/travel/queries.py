"""Reads for travel: a show's bookings and calls turned into the checks' travellers (one query
per table, whatever the number of travellers), and the findings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q, Sum
from django.utils import timezone

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued, published_calls
from callboard.locations.coordinates import format_coordinates
from callboard.locations.models import Location
from callboard.people.models import Person

from . import airports, checks, memo, perdiem, proposals, scoutroute
from .models import (
    Booking,
    PerDiemPayment,
    PerDiemRate,
    RoomingListSend,
    Scout,
    SentScout,
    TravelMemo,
    TravelProfile,
    TravelSettings,
)

MEMO_KIND = "travel_memo"  # the distribution kind a memo is sent as (sending.py composes it)
ROOMING_KIND = "rooming_list"  # a rooming list sent to its hotel (roomingsending.py)


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


def traveller_of(person, own: list[Booking], profile, calls=()) -> checks.Traveller:
    """A person's live bookings (and calls) as the checks and the per diem read them."""
    return checks.Traveller(
        id=person.pk,
        name=person.display_name,
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
        calls=tuple(calls),
    )


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
        out.append(traveller_of(people[person_id], own, profile, calls.get(person_id, ())))
    return out, rooms


def _calls(production, bookings: list[Booking]) -> dict[int, list[checks.Call]]:
    """Each traveller's calls over the bookings' span: on the published call sheets, and on
    the draft of a day not published yet."""
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
    # The call sheet names its place as the location is named (callsheets fills it from there).
    transfer = {
        name: minutes or 0
        for name, minutes in Location.objects.active()
        .filter(production=production)
        .values_list("name", "airport_transfer_minutes")
    }
    calls: dict[int, list[checks.Call]] = defaultdict(list)
    published = set()
    for call in published_calls(production=production, start=start, days=span):
        published.add(call.date)
        if call.working and call.call is not None:
            moment = dt.datetime.combine(call.date, call.call, tzinfo=zone)
            where = call.location or "set"
            calls[call.person_id].append(checks.Call(moment, where, transfer.get(where, 0)))
    # A day not published yet is planned on its draft: travel is booked before the sheet goes.
    drafts = CallSheet.objects.filter(
        production=production,
        status=CallSheet.Status.DRAFT,
        date__gte=start,
        date__lt=start + dt.timedelta(days=span),
    ).exclude(date__in=published)
    latest = {sheet.date: sheet for sheet in drafts.order_by("date", "version")}
    for day, sheet in latest.items():
        try:
            planned = issued(sheet).calls
        except LookupError:  # the day is no longer on the board
            continue
        where = sheet.location_name or "set"
        for person_id, call in planned.items():
            if call.working and call.first is not None:
                moment = dt.datetime.combine(day, call.first, tzinfo=zone)
                calls[person_id].append(
                    checks.Call(moment, where, transfer.get(where, 0), draft=True)
                )
    return calls


def travel_findings(production) -> list[checks.Finding]:
    people, rooms = travellers(production)
    return checks.findings(people, rooms)


def travel_settings(production) -> TravelSettings:
    return TravelSettings.objects.filter(production=production).first() or TravelSettings(
        production=production
    )


def runs(production) -> list[proposals.Run]:
    """Each distant hire's run of days: cast from the first scenario's DOOD (its travel days
    too), crew from their start and end dates. Local hires and people with no travel terms
    are not travellers."""
    from callboard.schedule.models import Scenario
    from callboard.schedule.queries import category_for, scenario_dood, scenario_plan

    distant = {
        p.person_id: p
        for p in TravelProfile.objects.filter(production=production, local_hire=False)
    }
    people = Person.objects.active().filter(pk__in=list(distant)).in_bulk()
    found: dict[int, proposals.Run] = {}
    scenario = Scenario.objects.filter(production=production).first()
    cast = category_for(production, "cast")
    if scenario is not None and cast is not None:
        plan = scenario_plan(scenario)
        if plan.rules():
            dood = scenario_dood(plan, cast)
            for element, row in zip(dood.elements, dood.rows, strict=True):
                person = people.get(element.person_id)
                # The DOOD's start is the start of pay (a travel day may be it): the run is
                # from the first work day to the last, its travel days around them.
                worked = [d for d, code in row.codes.items() if "W" in code]
                if person is None or not worked:
                    continue
                travel = frozenset(d for d, code in row.codes.items() if code == "TR")
                found[person.pk] = proposals.Run(
                    person.pk, person.display_name, min(worked), max(worked), travel
                )
    for person in people.values():
        if person.pk not in found and person.start_date and person.end_date:
            found[person.pk] = proposals.Run(
                person.pk, person.display_name, person.start_date, person.end_date
            )
    return sorted(found.values(), key=lambda r: (r.first_day, r.name))


def trips(production, people: list[checks.Traveller] | None = None) -> list[proposals.Trip]:
    """What each distant hire's run needs, leg by leg, against what is booked (``people``: the
    travellers already read, as the Travel page has them for the checks)."""
    wanted = runs(production)
    if not wanted:
        return []
    if people is None:
        people, _ = travellers(production)
    booked = {t.id: t for t in people}
    homes = {
        p.person_id: p.home_codes
        for p in TravelProfile.objects.filter(person_id__in=[r.person_id for r in wanted])
    }
    out = []
    for run in wanted:
        traveller = booked.get(run.person_id)
        flights = sorted(traveller.flights, key=lambda f: f.departs) if traveller else []
        home = checks.home_of(homes.get(run.person_id, ()), flights[0].origin if flights else None)
        stays = list(traveller.stays) if traveller else []
        out.append(proposals.trip(run, flights, stays, home))
    return out


# The travel memo --------------------------------------------------------------------------

HOTEL_CHECK_IN = dt.time(15)  # where a stay sorts among the day's flights and pickups


def _segment(booking: Booking, production) -> dict:
    """One booking as the memo prints it, each time in the zone of its place."""
    segment = {
        "id": booking.pk,
        "kind": booking.kind,
        "kind_label": booking.get_kind_display(),
        "title": booking.title,
        "confirmation": booking.confirmation,
        "proposed": booking.status == Booking.Status.PROPOSED,
        "details": [],
        "location": "",
    }
    details = segment["details"]
    if booking.kind == Booking.Kind.HOTEL:
        segment["when"] = memo.nights_text(booking.check_in, booking.check_out)
        segment["check_in"] = booking.check_in.isoformat()
        segment["check_out"] = booking.check_out.isoformat()
        segment["location"] = booking.hotel
        segment["sort"] = dt.datetime.combine(
            booking.check_in, HOTEL_CHECK_IN, tzinfo=production.tzinfo
        )
        if booking.room_type:
            details.append(booking.room_type)
        if booking.person_id is None:
            details.append("room held for the production")
        return segment
    starts = memo.local(booking.starts_at, booking.starts_tz)
    ends = memo.local(booking.ends_at, booking.ends_tz)
    segment.update(
        starts=starts.isoformat(),
        ends=ends.isoformat(),
        starts_tz=booking.starts_tz,
        ends_tz=booking.ends_tz,
        sort=booking.starts_at,
    )
    if booking.kind == Booking.Kind.FLIGHT:
        origin, destination = (
            airports.airport(booking.origin),
            airports.airport(booking.destination),
        )
        segment["title"] = f"{booking.carrier} {booking.number} {origin.code}–{destination.code}"
        segment["destination"] = destination.code
        segment["when"] = memo.flight_when(origin.code, destination.code, starts, ends)
        segment["location"] = (
            f"{origin.name} ({origin.code}) → {destination.name} ({destination.code})"
        )
        details.append(f"{origin.city} → {destination.city}")
        if booking.cabin:
            details.append(booking.get_cabin_display())
        if booking.seat:
            details.append(f"seat {booking.seat}")
        if booking.record_locator:
            details.append(f"record locator {booking.record_locator}")
    else:
        words = (
            ("Pick up", "Return") if booking.kind == Booking.Kind.CAR else ("Pickup", "Drop-off")
        )
        segment["when"] = memo.ground_when(
            *words, starts, ends, booking.pickup_place, booking.dropoff_place
        )
        segment["location"] = booking.pickup_place
        if booking.driver:  # (the vehicle is in the title)
            details.append(f"driver {booking.driver}")
    return segment


def _contact(production) -> dict:
    """Who the traveller calls about travel: the travel coordinator on the crew list, else the
    production coordinator, at the production office's phone and e-mail (theirs when the
    office has none)."""
    office = Person.objects.active().filter(production=production)
    person = (
        office.filter(position__icontains="travel coordinator").first()
        or office.filter(position__iexact="production coordinator").first()
        or office.filter(position__icontains="production coordinator").first()
    )
    return {
        "name": person.display_name if person else "Production office",
        "role": person.position if person else "",
        "phone": production.office_phone or (person.phone if person else ""),
        "email": production.office_email or (person.email if person else ""),
        "address": production.office_address,
    }


def _money_text(amount) -> str:
    return f"${amount:,.2f}"


def per_diem_rate_for(traveller: checks.Traveller, rates: list[PerDiemRate]):
    """The per diem rate of a traveller's time away: the rate for the city their first flight
    away from home lands in (the rate's city names the airport's city: "Atlanta" or
    "Atlanta, GA"), else the production's only rate; None when there is none or several and
    none matches."""
    flights = sorted(traveller.flights, key=lambda f: f.departs)
    home = checks.home_of(traveller.home_airports, flights[0].origin if flights else None)
    away = [f for f in flights if f.destination not in home]
    if away:
        city = airports.airport(away[0].destination).city.casefold()
        for rate in rates:
            named = rate.city.casefold()
            if named == city or named.split(",")[0].strip() == city:
                return rate
    return rates[0] if len(rates) == 1 else None


@dataclass(frozen=True)
class PerDiem:
    rate: PerDiemRate
    days: list[perdiem.PerDiemDay]
    note: str  # why the span is a guess (no flight home yet), or ""


def per_diem_of(
    production, traveller: checks.Traveller, provided=None, *, profile, rates=None
) -> PerDiem | None:
    """A distant hire's per diem for their days away (checks.away_span: from the day they fly
    out to the day they fly home, never stretched by a car or a hotel night after the flight
    home), the travel days at the rate's travel-day percentage; ``provided``: {date: meals} the
    production provides. None for a local hire, nobody away, or no rate that applies.
    ``rates``: the production's rates already read (a list of many travellers reads them once)."""
    if profile is None or profile.local_hire:
        return None  # per diem is for distant hires, who have travel terms saying so
    span = checks.away_span(traveller)
    if span is None or not span.trips:
        return None
    if rates is None:
        rates = list(PerDiemRate.objects.filter(production=production))
    rate = per_diem_rate_for(traveller, rates)
    if rate is None:
        return None
    days = perdiem.per_diem_away(
        trips=[(trip.leaves, trip.returns) for trip in span.trips],
        rate=perdiem.CityRate(rate.city, rate.daily, rate.breakfast, rate.lunch, rate.dinner),
        rule=perdiem.PerDiemRule(travel_day_fraction=Decimal(rate.travel_day_percent) / 100),
        provided=provided,
    )
    return PerDiem(rate, days, span.note)


def _per_diem(
    production, person, bookings: list[Booking], profile=False, rates=None
) -> dict | None:
    """The memo's per diem. Meals the production provides come off when it is paid (with the
    time card), so the memo says so rather than guessing them."""
    if profile is False:
        profile = TravelProfile.objects.filter(person=person).first()
    found = per_diem_of(
        production, traveller_of(person, bookings, profile), profile=profile, rates=rates
    )
    if found is None:
        return None
    rate, days = found.rate, found.days
    return {
        "city": rate.city,
        "daily": _money_text(rate.daily),
        "days": len(days),
        "first": memo.day_text(days[0].date),
        "last": memo.day_text(days[-1].date),
        "travel_day_percent": rate.travel_day_percent,
        "total": _money_text(sum((d.amount for d in days), Decimal("0"))),
        "note": " ".join(
            filter(
                None,
                (
                    found.note,
                    # Worded as before, so a memo already sent is not shown as changed.
                    f"First and last travel days at {rate.travel_day_percent}%. Meals the "
                    "production provides come off when it is paid with your time card.",
                ),
            )
        ),
    }


def memo_document(
    production, person, *, bookings=None, contact=None, profile=False, rates=None
) -> dict:
    """Everything a traveller's memo says, as plain JSON data (the PDF, the phone page and the
    calendar read it; a sent version keeps it frozen): the show, the traveller, every live
    booking in order with each time in its place's zone, the travel contact and the per diem.
    ``bookings`` (theirs), ``contact``, ``profile`` and ``rates``: already read (the Travel
    page reads them once for every traveller)."""
    if bookings is None:
        bookings = list(live_bookings(production).filter(person=person))
    segments = sorted((_segment(b, production) for b in bookings), key=lambda s: s["sort"])
    for segment in segments:
        del segment["sort"]
    now = timezone.localtime(timezone.now(), production.tzinfo)
    return {
        "production": {
            "id": production.pk,
            "title": production.title,
            "company": production.company,
        },
        "traveller": {
            "id": person.pk,
            "name": person.display_name,
            "role": person.character or person.position,
        },
        "contact": contact if contact is not None else _contact(production),
        "segments": segments,
        "per_diem": _per_diem(production, person, bookings, profile, rates),
        "prepared_at": now.isoformat(),
        "prepared": f"{memo.day_text(now)} {now.year} {memo.clock_text(now)}",
    }


def memo_state(production, person) -> dict:
    """The traveller's memo as the office sees it: today's document, the versions sent (the
    latest first, each with its delivery), and whether today's differs from the last sent."""
    from callboard.distribution.models import Delivery

    document = memo_document(production, person)
    sent = list(TravelMemo.objects.filter(production=production, person=person))
    deliveries = {
        d.dispatch.object_id: d
        for d in Delivery.objects.filter(
            dispatch__production=production,
            dispatch__kind=MEMO_KIND,
            dispatch__object_id__in=[m.pk for m in sent],
        ).select_related("dispatch")
    }
    last = sent[0] if sent else None
    changed = last is not None and last.fingerprint != memo.fingerprint(document)
    return {
        "document": document,
        "sent": [{"memo": m, "delivery": deliveries.get(m.pk)} for m in sent],
        "last": last,
        "changed": changed,
        "changes": memo.changes_between(last.document, document) if changed else [],
        "next_version": (last.version + 1) if last else 1,
    }


# Rooming lists to hotels ------------------------------------------------------------------


def hotel_key(name: str) -> str:
    """One hotel however its name was typed ('Chateau  Marmont', 'chateau marmont')."""
    return " ".join(name.split()).casefold()


def hotel_vendor(production, hotel: str):
    """The hotel on the vendor list (its name typed the same, however spaced or cased), or
    None: where the hotel's reservations e-mail lives."""
    from callboard.people.models import Vendor

    key = hotel_key(hotel)
    vendors = Vendor.objects.active().filter(production=production).prefetch_related("contacts")
    return next((v for v in vendors if hotel_key(v.name) == key), None)


def vendor_reservations_address(vendor) -> str:
    """Where a rooming list goes: a contact titled for reservations, else the vendor's own
    e-mail, else its main contact's; "" when the vendor list has no address."""
    if vendor is None:
        return ""
    contacts = list(vendor.contacts.all())
    desk = next((c.email for c in contacts if c.email and "reserv" in c.title.lower()), "")
    main = next((c.email for c in contacts if c.email), "")
    return desk or vendor.email or main


def rooming_sends(production, hotel: str) -> list[dict]:
    """Every version of the hotel's rooming list sent, the latest first, with its delivery."""
    from callboard.distribution.models import Delivery

    sent = list(RoomingListSend.objects.filter(production=production, hotel_key=hotel_key(hotel)))
    deliveries = {
        d.dispatch.object_id: d
        for d in Delivery.objects.filter(
            dispatch__production=production,
            dispatch__kind=ROOMING_KIND,
            dispatch__object_id__in=[s.pk for s in sent],
        ).select_related("dispatch")
    }
    return [{"sent": s, "delivery": deliveries.get(s.pk)} for s in sent]


def memo_states(production, people) -> dict[int, dict]:
    """Each traveller's memo in short, for the Travel page (person pk -> the last version
    sent or None, its delivery, and whether today's memo differs from it), in the same few
    queries for one traveller or two hundred."""
    from callboard.distribution.models import Delivery

    people = list(people)
    ids = [p.pk for p in people]
    bookings: dict[int, list[Booking]] = defaultdict(list)
    for booking in live_bookings(production).filter(person_id__in=ids):
        bookings[booking.person_id].append(booking)
    profiles = {p.person_id: p for p in TravelProfile.objects.filter(person_id__in=ids)}
    rates = list(PerDiemRate.objects.filter(production=production))
    contact = _contact(production)
    last: dict[int, TravelMemo] = {}
    # The document is what a memo is compared by its fingerprint: no need to read it here.
    for sent in TravelMemo.objects.filter(production=production, person_id__in=ids).defer(
        "document", "changes"
    ):
        last.setdefault(sent.person_id, sent)  # ordered by person, the latest version first
    deliveries = {
        d.dispatch.object_id: d
        for d in Delivery.objects.filter(
            dispatch__production=production,
            dispatch__kind=MEMO_KIND,
            dispatch__object_id__in=[m.pk for m in last.values()],
        ).select_related("dispatch")
    }
    states = {}
    for person in people:
        sent = last.get(person.pk)
        changed = False
        if sent is not None:
            document = memo_document(
                production,
                person,
                bookings=bookings[person.pk],
                contact=contact,
                profile=profiles.get(person.pk),
                rates=rates,
            )
            changed = sent.fingerprint != memo.fingerprint(document)
        states[person.pk] = {
            "last": sent,
            "delivery": deliveries.get(sent.pk) if sent else None,
            "changed": changed,
        }
    return states


# Per diem --------------------------------------------------------------------------------


def per_diem_weeks(production) -> list[dict]:
    """Each distant hire's per diem by workweek, lunch taken off on the days they are called
    (catering feeds them), with the weeks already asked for as a check request."""
    people, _ = travellers(production)
    called = {t.id: {c.at.date(): frozenset({"lunch"}) for c in t.calls} for t in people}
    paid = {
        (p.person_id, p.week_start): p
        for p in PerDiemPayment.objects.filter(production=production).select_related(
            "check_request"
        )
    }
    persons = Person.objects.filter(pk__in=[t.id for t in people]).in_bulk()
    # Read once for every traveller (the page lists the whole show).
    profiles = {p.person_id: p for p in TravelProfile.objects.filter(person_id__in=list(persons))}
    rates = list(PerDiemRate.objects.filter(production=production))
    rows = []
    for traveller in sorted(people, key=lambda t: t.name):
        person = persons[traveller.id]
        found = per_diem_of(
            production,
            traveller,
            provided=called.get(person.pk),
            profile=profiles.get(person.pk),
            rates=rates,
        )
        if found is None:
            continue
        days = found.days
        weeks = [
            {"start": start, "amount": amount, "payment": paid.get((person.pk, start))}
            for start, amount in sorted(perdiem.by_week(days).items())
        ]
        rows.append(
            {
                "person": person,
                "city": found.rate.city,
                "note": found.note,
                "days": days,
                "weeks": weeks,
                "total": sum((d.amount for d in days), Decimal("0")),
            }
        )
    return rows


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
                "location_id": place.pk,
                "at": f"{stop.arrives:%H:%M}" if stop.arrives else "",
                "_at": stop.arrives,
            }
        )
    if scout.lunch_place or scout.lunch_time:
        lunch = {
            "kind": "lunch",
            "name": scout.lunch_place or "Lunch",
            "arrives": _clock(scout.lunch_time),
            "at": f"{scout.lunch_time:%H:%M}" if scout.lunch_time else "",
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
        "production": {"title": production.title, "id": production.pk},
        "scout_id": scout.pk,
        # For the calendar: the day, and every time on it in the production's zone (the
        # locations are the production's: they have no zone of their own)
        "day": scout.date.isoformat(),
        "zone": production.time_zone,
        "call_at": f"{scout.call_time:%H:%M}",
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


def paying_lines(booking: Booking) -> tuple[list, list]:
    """The invoice lines (approved or sent to accounting, not void) and card or cash receipt
    lines (not void) that may have paid for the booking: on its account when it has one, and
    not already paying another booking."""
    from callboard.accounting.models import Invoice, InvoiceLine, ReceiptLine

    invoices = InvoiceLine.objects.filter(
        invoice__production=booking.production,
        invoice__status__in=[Invoice.Status.APPROVED, Invoice.Status.BATCHED],
        invoice__voided_at__isnull=True,
    ).select_related("invoice__vendor", "account")
    receipts = ReceiptLine.objects.filter(
        receipt__production=booking.production, receipt__voided_at__isnull=True
    ).select_related("receipt", "account")
    if booking.account_code:
        invoices = invoices.filter(account__code=booking.account_code)
        receipts = receipts.filter(account__code=booking.account_code)
    taken = Booking.objects.exclude(pk=booking.pk)
    invoices = invoices.exclude(
        pk__in=taken.filter(invoice_line__isnull=False).values("invoice_line")
    )
    receipts = receipts.exclude(
        pk__in=taken.filter(receipt_line__isnull=False).values("receipt_line")
    )
    return list(invoices.order_by("-invoice__date")[:200]), list(
        receipts.order_by("-receipt__date")[:200]
    )


def sent_scout(dispatch) -> SentScout:
    """The scout as a send carried it. Sends made before versions were kept have no frozen
    copy: they read the scout as it stands (the best record there is), unsaved, so a link
    sent then still opens and a resend still composes."""
    sent = SentScout.objects.select_related("scout__production").filter(dispatch=dispatch).first()
    if sent is not None:
        return sent
    scout = Scout.objects.select_related("production").get(pk=dispatch.object_id)
    version = dispatch.key.rpartition(":v")[2]
    return SentScout(
        scout=scout,
        version=int(version) if version.isdigit() else 1,
        document=scout_document(scout),
        dispatch=dispatch,
    )
