"""Reads for travel: a show's bookings and calls turned into the checks' travellers (one query
per table, whatever the number of travellers), and the findings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued, published_calls
from callboard.locations.models import Location
from callboard.people.models import Person

from . import airports, checks, proposals
from .models import Booking, TravelProfile, TravelSettings


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


def trips(production) -> list[proposals.Trip]:
    """What each distant hire's run needs, leg by leg, against what is booked."""
    wanted = runs(production)
    if not wanted:
        return []
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
        home = set(homes.get(run.person_id) or ()) or ({flights[0].origin} if flights else set())
        stays = list(traveller.stays) if traveller else []
        out.append(proposals.trip(run, flights, stays, home))
    return out
