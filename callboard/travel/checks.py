"""The travel checks, each finding explained in a coordinator's words. Framework-free: the
caller hands over each traveller's bookings and calls as dataclasses (times aware, each in
its place's zone) and gets findings back, so the checks run fast for a whole show and are
tested without a database.

What is checked, per traveller:
- ``late_arrival``: a flight that lands too late for the call it flies to make (landing +
  the transfer time the office typed for the call's location, after the call), or a call
  before the traveller's first flight in;
- ``no_return``: flights that do not end at the traveller's point of origin;
- ``no_hotel``: a night away from home with no hotel booked;
- ``empty_room``: a hotel night with nobody in the room (the traveller is not in town yet,
  or has left; or a block room nobody was put in);
- ``overlap``: two flights, two hotel stays or two rentals of one kind at the same time;
- ``class_below``: a cabin below the one the deal (or the union) requires;
- ``passport``: an international flight with no passport expiry on file, or a passport
  that expires within six months of the flight.

Presence comes from the flights: between landing away from home and the next flight out,
the traveller is in town. Someone who drives in has no flights, so no nights are expected of
them and their rooms are not questioned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

CABINS = ("coach", "premium", "business", "first")  # lowest first
LONGEST_FLIGHT = dt.timedelta(hours=20)  # Singapore–New York is under 19 h


@dataclass(frozen=True)
class Flight:
    ref: str
    name: str  # "AA 123"
    origin: str  # IATA codes
    destination: str
    departs: dt.datetime  # aware, in the origin's zone
    arrives: dt.datetime  # aware, in the destination's zone
    cabin: str = "coach"
    international: bool = False


@dataclass(frozen=True)
class Stay:
    ref: str
    hotel: str
    check_in: dt.date
    check_out: dt.date


@dataclass(frozen=True)
class Rental:
    ref: str
    kind: str  # "car" or "transfer": overlaps are only questioned within a kind
    starts: dt.datetime
    ends: dt.datetime


@dataclass(frozen=True)
class Call:
    at: dt.datetime  # aware, in the production's zone
    location: str
    transfer_minutes: int = 0  # from the airport to this location, as the office typed it
    draft: bool = False  # from a call sheet not published yet (the plan may still move)


@dataclass(frozen=True)
class Traveller:
    id: int
    name: str
    home_airports: frozenset[str] = frozenset()  # empty: the first flight's origin
    cabin_required: str = ""
    passport_expires: dt.date | None = None
    flights: tuple[Flight, ...] = ()
    stays: tuple[Stay, ...] = ()
    rentals: tuple[Rental, ...] = ()
    calls: tuple[Call, ...] = ()


@dataclass(frozen=True)
class BlockRoom:
    """A room the production holds at a hotel with nobody put in it yet."""

    ref: str
    hotel: str
    check_in: dt.date
    check_out: dt.date


LABELS = {
    "late_arrival": "Late for the call",
    "no_return": "No flight home",
    "no_hotel": "No hotel",
    "empty_room": "Empty room",
    "overlap": "Overlap",
    "class_below": "Below the deal",
    "passport": "Passport",
}


@dataclass(frozen=True)
class Finding:
    code: str
    traveller_id: int | None
    message: str
    refs: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return LABELS[self.code]


def flight_errors(flight: Flight) -> list[str]:
    """What makes a typed flight impossible (said before anything is saved)."""
    length = flight.arrives - flight.departs
    if length <= dt.timedelta(0):
        return [f"{flight.name} lands before it takes off (times are each airport's own)."]
    if length > LONGEST_FLIGHT:
        hours = length.total_seconds() / 3600
        return [f"{flight.name} would be {hours:.0f} hours in the air: check the dates and times."]
    return []


def _day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%-I:%M %p")


def _nights(nights: list[dt.date]) -> str:
    """'Tue 10 Mar', 'Tue 10 – Thu 12 Mar', or runs joined by commas."""
    runs: list[list[dt.date]] = []
    for night in sorted(nights):
        if runs and night - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(night)
        else:
            runs.append([night])
    return ", ".join(
        _day(run[0]) if len(run) == 1 else f"{_day(run[0])} – {_day(run[-1])}" for run in runs
    )


def _dates(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    """Each night from start up to (not including) end."""
    day = start
    while day < end:
        yield day
        day += dt.timedelta(days=1)


def home_of(typed: Iterable[str], first_origin: str | None) -> set[str]:
    """Where a traveller comes from: the airports typed on their travel terms, else where their
    first flight leaves (the one rule the checks, the trips and the movement list follow)."""
    return set(typed) or ({first_origin} if first_origin else set())


def _home(traveller: Traveller, flights: list[Flight]) -> set[str]:
    return home_of(traveller.home_airports, flights[0].origin if flights else None)


@dataclass(frozen=True)
class Away:
    """One stretch away from home: the day they travel out (the flight's local date at home) to
    the day they are back (the flight home's local date where it lands), both travel days."""

    leaves: dt.date
    returns: dt.date


@dataclass(frozen=True)
class AwaySpan:
    """A traveller's time away from home, the one rule the checks and the per diem follow.
    ``trips``: each stretch away, in order (two when they fly home for a weekend and back; none
    when every flight lands at home);
    ``nights``: the nights they are in town, None when no flight says (someone who drives in);
    ``note``: why an end is a guess (no flight home booked yet)."""

    trips: tuple[Away, ...]
    nights: frozenset[dt.date] | None
    note: str = ""


def away_span(traveller: Traveller) -> AwaySpan | None:
    """When the traveller is away from home, from their flights: out on the day they fly away,
    back on the day the flight home lands. Rentals never stretch it (a car returned after the
    flight home is not a day away), nor do hotel nights after it. With no flight home booked
    yet, the last stretch ends at the last hotel check-out (said so). Someone with hotels and no
    flights (they drove in) is away from each check-in to its check-out. None with neither."""
    flights = sorted(traveller.flights, key=lambda f: f.departs)
    check_outs = [s.check_out for s in traveller.stays]
    if not flights:
        trips: list[Away] = []
        for stay in sorted(traveller.stays, key=lambda s: s.check_in):
            if trips and stay.check_in <= trips[-1].returns:
                trips[-1] = Away(trips[-1].leaves, max(trips[-1].returns, stay.check_out))
            else:
                trips.append(Away(stay.check_in, stay.check_out))
        if not trips:
            return None
        return AwaySpan(
            tuple(trips), None, "No flight booked: counted from hotel check-in to check-out."
        )
    home = _home(traveller, flights)
    trips = []
    leaves = None
    for flight in flights:
        if flight.destination not in home:
            leaves = leaves or flight.departs.date()
        elif leaves is not None:
            trips.append(Away(leaves, flight.arrives.date()))
            leaves = None
    note = ""
    last = flights[-1]
    if leaves is not None:
        # Flown in, the flight home not booked yet (no_return says so): in town until the last
        # hotel check-out, so the rooms booked ahead are not called empty either.
        end = max([last.arrives.date(), *check_outs])
        trips.append(Away(leaves, end))
        note = (
            f"No flight home booked yet: counted to {_day(end)}, the last hotel check-out."
            if check_outs and end > last.arrives.date()
            else f"No flight home and no hotel booked yet: counted to {_day(end)} only."
        )
    nights: set[dt.date] = set()
    for landed, leaves_again in zip(flights, flights[1:], strict=False):
        if landed.destination not in home:
            nights.update(_dates(landed.arrives.date(), leaves_again.departs.date()))
    if last.destination not in home:
        nights.update(_dates(last.arrives.date(), max(check_outs, default=last.arrives.date())))
    return AwaySpan(tuple(trips), frozenset(nights), note)


def _late_arrivals(traveller: Traveller, flights: list[Flight]) -> list[Finding]:
    findings = []
    calls = sorted(traveller.calls, key=lambda c: c.at)
    home = _home(traveller, flights)
    inbound = [f for f in flights if f.destination not in home]
    if inbound:
        first_in = inbound[0]
        for call in calls:
            if call.at >= first_in.departs:
                break
            findings.append(
                Finding(
                    "late_arrival",
                    traveller.id,
                    f"{traveller.name} is called {_day(call.at.date())} at {_clock(call.at)} "
                    f"({call.location}) but flies in on {first_in.name}, "
                    f"{_day(first_in.departs.date())}.",
                    (first_in.ref,),
                )
            )
    for flight in inbound:
        call = next((c for c in calls if c.at > flight.departs), None)
        if call is None:
            continue
        ready = flight.arrives + dt.timedelta(minutes=call.transfer_minutes)
        if ready > call.at:
            reaches = (
                f" + {call.transfer_minutes} min to {call.location} = "
                f"{_clock(ready.astimezone(call.at.tzinfo))}"
                if call.transfer_minutes
                else ""
            )
            findings.append(
                Finding(
                    "late_arrival",
                    traveller.id,
                    f"{traveller.name}: {flight.name} lands at {flight.destination} "
                    f"{_clock(flight.arrives)}{reaches}, after the "
                    f"{_clock(call.at)} call on {_day(call.at.date())}"
                    f"{' (draft call sheet)' if call.draft else ''}.",
                    (flight.ref,),
                )
            )
    return findings


def _no_return(traveller: Traveller, flights: list[Flight]) -> list[Finding]:
    if not flights:
        return []
    home = _home(traveller, flights)
    last = flights[-1]
    if last.destination in home:
        return []
    return [
        Finding(
            "no_return",
            traveller.id,
            f"{traveller.name} has no booking back to {' or '.join(sorted(home))} after "
            f"{last.name} to {last.destination} on {_day(last.departs.date())}.",
            (last.ref,),
        )
    ]


def _hotel_nights(traveller: Traveller, away: set[dt.date] | None) -> list[Finding]:
    if away is None:
        return []
    booked: dict[dt.date, list[Stay]] = {}
    for stay in traveller.stays:
        for night in _dates(stay.check_in, stay.check_out):
            booked.setdefault(night, []).append(stay)
    findings = []
    missing = sorted(away - booked.keys())
    if missing:
        findings.append(
            Finding(
                "no_hotel",
                traveller.id,
                f"{traveller.name} has no hotel on the night of {_nights(missing)}.",
            )
        )
    for stay in traveller.stays:
        empty = [n for n in _dates(stay.check_in, stay.check_out) if n not in away]
        if empty:
            findings.append(
                Finding(
                    "empty_room",
                    traveller.id,
                    f"{stay.hotel}: {traveller.name}'s room is paid for the night of "
                    f"{_nights(empty)}, when {traveller.name} is not in town.",
                    (stay.ref,),
                )
            )
    return findings


def _overlaps(traveller: Traveller, flights: list[Flight]) -> list[Finding]:
    findings = []

    def told(what: str, a: str, b: str) -> None:
        findings.append(Finding("overlap", traveller.id, f"{traveller.name}: {what}.", (a, b)))

    for i, a in enumerate(flights):
        for b in flights[i + 1 :]:
            if b.departs >= a.arrives:
                break
            told(f"{a.name} and {b.name} are in the air at the same time", a.ref, b.ref)
    stays = sorted(traveller.stays, key=lambda s: s.check_in)
    for i, a in enumerate(stays):
        for b in stays[i + 1 :]:
            if b.check_in >= a.check_out:
                break
            told(f"{a.hotel} and {b.hotel} are both booked from {_day(b.check_in)}", a.ref, b.ref)
    for kind in {r.kind for r in traveller.rentals}:
        rentals = sorted((r for r in traveller.rentals if r.kind == kind), key=lambda r: r.starts)
        for i, a in enumerate(rentals):
            for b in rentals[i + 1 :]:
                if b.starts >= a.ends:
                    break
                told(f"two {kind} bookings overlap from {_day(b.starts.date())}", a.ref, b.ref)
    return findings


def _cabin(traveller: Traveller, flights: list[Flight]) -> list[Finding]:
    if traveller.cabin_required not in CABINS:
        return []
    required = CABINS.index(traveller.cabin_required)
    return [
        Finding(
            "class_below",
            traveller.id,
            f"{traveller.name}: {f.name} is booked in {f.cabin}; the deal says "
            f"{traveller.cabin_required}.",
            (f.ref,),
        )
        for f in flights
        if f.cabin in CABINS and CABINS.index(f.cabin) < required
    ]


def _six_months_after(day: dt.date) -> dt.date:
    month = day.month + 6
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _passport(traveller: Traveller, flights: list[Flight]) -> list[Finding]:
    findings = []
    for flight in (f for f in flights if f.international):
        flown = flight.departs.date()
        if traveller.passport_expires is None:
            message = (
                f"{traveller.name} flies abroad on {flight.name} ({_day(flown)}) with no "
                "passport expiry on file."
            )
        elif traveller.passport_expires < _six_months_after(flown):
            message = (
                f"{traveller.name}'s passport expires {traveller.passport_expires:%-d %b %Y}, "
                f"within six months of {flight.name} on {_day(flown)}."
            )
        else:
            continue
        findings.append(Finding("passport", traveller.id, message, (flight.ref,)))
    return findings


def traveller_findings(traveller: Traveller) -> list[Finding]:
    flights = sorted(traveller.flights, key=lambda f: f.departs)
    span = away_span(traveller)
    away = span.nights if span is not None else None
    return [
        *_late_arrivals(traveller, flights),
        *_no_return(traveller, flights),
        *_hotel_nights(traveller, away),
        *_overlaps(traveller, flights),
        *_cabin(traveller, flights),
        *_passport(traveller, flights),
    ]


def block_room_findings(rooms: Iterable[BlockRoom]) -> list[Finding]:
    return [
        Finding(
            "empty_room",
            None,
            f"{room.hotel}: a room is held with nobody in it on the night of "
            f"{_nights(list(_dates(room.check_in, room.check_out)))}.",
            (room.ref,),
        )
        for room in rooms
        if room.check_out > room.check_in
    ]


def findings(travellers: Iterable[Traveller], rooms: Iterable[BlockRoom] = ()) -> list[Finding]:
    """Every finding for a show's travellers and its unfilled block rooms."""
    out = [f for t in travellers for f in traveller_findings(t)]
    return out + block_room_findings(rooms)
