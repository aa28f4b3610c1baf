"""The office's travel lists, read from the bookings: the rooming list of one hotel (to send
to the hotel), the day's movement list (arrivals and departures, for transportation) and the
travel report over a range of dates (every booking, its cost and account, with totals).

Each list is a dataclass of rows already in the words and local times the pages, the
spreadsheets and the PDFs print (travel/exports.py writes the files); a whole list costs a
handful of queries whatever the number of travellers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q

from callboard.core.clock import zone_abbreviation

from .checks import home_of
from .models import Booking, TravelProfile
from .queries import hotel_key, live_bookings

ZERO = Decimal("0.00")
BILLING_GUEST = "Room and tax to the production; incidentals to the guest"
BILLING_BLOCK = "Room and tax to the production"
# A flight out of the airport a traveller landed at within this long is a connection: they
# are changing planes, not arriving (nor leaving) where they landed.
CONNECTION = dt.timedelta(hours=6)
# A ride that starts this long before landing still counts as the pickup (the driver waits);
# a ride earlier in the day (to set, in the morning) does not.
PICKUP_SLACK = dt.timedelta(hours=2)
LONGEST_REPORT_DAYS = 366


class ListError(ValueError):
    """Dates or a hotel a list cannot be made for: the message says why, in words."""


def day_text(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def local_moment(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment.astimezone(ZoneInfo(zone)) if zone else moment


def clock_text(moment: dt.datetime) -> str:
    """'2:35 PM PDT': the time of day on the clock of the moment's own zone."""
    return f"{moment:%-I:%M %p} {zone_abbreviation(moment)}"


def when_text(booking: Booking) -> str:
    """A booking's span as the lists print it, each end in its own place's time."""
    if booking.kind == Booking.Kind.HOTEL:
        return f"{day_text(booking.check_in)} – {day_text(booking.check_out)}"
    starts = local_moment(booking.starts_at, booking.starts_tz)
    ends = local_moment(booking.ends_at, booking.ends_tz)
    ending = clock_text(ends)
    if ends.date() != starts.date():
        ending = f"{day_text(ends.date())} {ending}"
    return f"{day_text(starts.date())} {clock_text(starts)} → {ending}"


def booking_cost(booking: Booking) -> Decimal | None:
    """What a booking costs: the cost typed on it; a hotel without one, its nights at the
    nightly rate; None when nothing says."""
    if booking.cost is not None:
        return booking.cost
    if booking.kind == Booking.Kind.HOTEL and booking.nightly_rate is not None:
        return booking.nightly_rate * (booking.check_out - booking.check_in).days
    return None


# The rooming list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomingRow:
    booking_id: int
    guest: str  # the person's full name, as on their ID; "" for a room held for nobody
    arrival: dt.date
    departure: dt.date
    nights: int
    room_type: str
    nightly_rate: Decimal | None
    cost: Decimal | None
    confirmation: str
    billing: str
    notes: str
    status: str  # "Booked" or "Proposed"

    @property
    def block(self) -> bool:
        return not self.guest

    @property
    def guest_text(self) -> str:
        return self.guest or "Block room — no guest yet"


@dataclass
class RoomingList:
    hotel: str
    rows: list[RoomingRow]
    room_nights: int = 0
    cost: Decimal = ZERO
    unpriced: int = 0  # rooms with neither a cost nor a nightly rate: left out of the cost

    @property
    def first_arrival(self) -> dt.date | None:
        return min((r.arrival for r in self.rows), default=None)

    @property
    def last_departure(self) -> dt.date | None:
        return max((r.departure for r in self.rows), default=None)


def _live_hotels(production):
    return live_bookings(production).filter(kind=Booking.Kind.HOTEL).select_related("person")


def hotels(production) -> list[tuple[str, int]]:
    """Each hotel with live rooms, as first typed, and how many rooms: the chooser's list."""
    found: dict[str, list] = {}
    names = _live_hotels(production).order_by("check_in", "id").values_list("hotel", flat=True)
    for name in names:
        found.setdefault(hotel_key(name), [" ".join(name.split()), 0])[1] += 1
    return sorted(((name, count) for name, count in found.values()), key=lambda h: h[0].lower())


def rooming_list(production, hotel: str) -> RoomingList:
    """Every live room at the hotel: named guests by surname, then the rooms held for nobody,
    with the totals the hotel bills against."""
    key = hotel_key(hotel)
    if not key:
        raise ListError("Choose a hotel.")
    rooms = [b for b in _live_hotels(production) if hotel_key(b.hotel) == key]
    if not rooms:
        raise ListError(f"Nobody is booked at “{hotel.strip()}”.")
    rooms.sort(
        key=lambda b: (
            b.person is None,
            (b.person.last_name.lower(), b.person.first_name.lower()) if b.person else ("", ""),
            b.check_in,
            b.pk,
        )
    )
    out = RoomingList(hotel=" ".join(rooms[0].hotel.split()), rows=[])
    for b in rooms:
        nights = (b.check_out - b.check_in).days
        cost = booking_cost(b)
        out.rows.append(
            RoomingRow(
                booking_id=b.pk,
                guest=b.person.full_name if b.person else "",
                arrival=b.check_in,
                departure=b.check_out,
                nights=nights,
                room_type=b.room_type,
                nightly_rate=b.nightly_rate,
                cost=cost,
                confirmation=b.confirmation,
                billing=BILLING_GUEST if b.person else BILLING_BLOCK,
                notes=b.notes,
                status=b.get_status_display(),
            )
        )
        out.room_nights += nights
        if cost is None:
            out.unpriced += 1
        else:
            out.cost += cost
    return out


def rooming_fingerprint(rooms: RoomingList) -> str:
    """A hash of what the list tells the hotel (not which booking row says it, nor when it was
    printed): a sent list is "changed since" when today's hash differs."""
    said = {
        "hotel": rooms.hotel,
        "rows": [{k: v for k, v in asdict(r).items() if k != "booking_id"} for r in rooms.rows],
    }
    text = json.dumps(said, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# The movement list --------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    arriving: bool
    at: dt.datetime  # aware, on the airport's clock
    person_id: int
    name: str
    role: str  # character or position
    phone: str
    flight: str  # "DL 402"
    origin: str
    destination: str
    other_end: str  # an arrival's departure ("JFK 8:00 AM EST"), a departure's landing
    record_locator: str
    hotel: str
    ground: str  # the pickup (or ride to the airport), a rental car, or what is missing
    no_pickup: bool  # an arrival with nobody to meet it: transportation must act

    @property
    def airport(self) -> str:
        return self.destination if self.arriving else self.origin

    @property
    def time(self) -> str:
        return clock_text(self.at)


@dataclass(frozen=True)
class Leg:
    """A flight as a ride is matched to it: landing (or leaving) at an airport, at a moment
    on that airport's clock."""

    person_id: int
    arriving: bool
    at: dt.datetime
    airport: str
    flight: str  # "DL 402"

    @property
    def text(self) -> str:
        verb = "landing" if self.arriving else "leaving"
        return f"{self.flight} {verb} {self.airport} {clock_text(self.at)}"


@dataclass(frozen=True)
class Ride:
    """A transfer's pickup, or a rental car's pick-up or return, at a moment on its place's
    clock."""

    ref: int
    person_id: int
    kind: str  # one of RIDE_KINDS
    at: dt.datetime


TRANSFER, CAR_PICKUP, CAR_RETURN = "Transfer", "Rental pick-up", "Rental return"
RIDE_KINDS = (TRANSFER, CAR_PICKUP, CAR_RETURN)
# Near a flight: a pickup from two hours before landing (the driver waits) to three after; a
# ride to the airport or a car returned up to five hours before take-off.
MEETS_ARRIVAL = (dt.timedelta(hours=-2), dt.timedelta(hours=3))
MEETS_DEPARTURE = (dt.timedelta(hours=-5), dt.timedelta(0))


def ride_meets(ride: Ride, leg: Leg) -> bool:
    """The ride meets the flight: the same traveller, the same day (each on its own clock),
    near the landing (a transfer or a car picked up) or the take-off (a transfer or a car
    returned)."""
    if ride.person_id != leg.person_id or ride.at.date() != leg.at.date():
        return False
    if (leg.arriving and ride.kind == CAR_RETURN) or (not leg.arriving and ride.kind == CAR_PICKUP):
        return False
    early, late = MEETS_ARRIVAL if leg.arriving else MEETS_DEPARTURE
    return early <= ride.at - leg.at <= late


def rides_matched(rides: list[Ride], legs: list[Leg]) -> dict[int, Leg | None]:
    """Each ride's flight (by the ride's ref): of the flights it meets, the nearest in time;
    None when it meets none."""
    matched: dict[int, Leg | None] = {}
    for ride in rides:
        meets = [leg for leg in legs if ride_meets(ride, leg)]
        matched[ride.ref] = min(meets, key=lambda leg: abs(ride.at - leg.at), default=None)
    return matched


@dataclass(frozen=True)
class GroundMove:
    """A transfer, or a rental car picked up or returned, on the day, on its place's clock."""

    kind: str  # one of RIDE_KINDS
    at: dt.datetime  # aware, on the clock of where it happens
    person_id: int
    name: str
    role: str
    phone: str
    place: str  # "LAX arrivals, door 4 → Chateau Marmont"
    driver: str
    vehicle: str  # with the rental company for a car
    confirmation: str
    meets: str  # "DL 402 landing LAX 11:30 AM PST", or ""

    @property
    def time(self) -> str:
        return clock_text(self.at)


@dataclass
class MovementList:
    day: dt.date
    arrivals: list[Movement] = field(default_factory=list)
    departures: list[Movement] = field(default_factory=list)
    ground: list[GroundMove] = field(default_factory=list)  # in time order

    @property
    def no_pickups(self) -> int:
        return sum(m.no_pickup for m in self.arrivals)


def _ride_text(ride: Booking) -> str:
    starts = local_moment(ride.starts_at, ride.starts_tz)
    if ride.kind == Booking.Kind.CAR:
        text = f"Rental car{' ' + ride.carrier if ride.carrier else ''}, picked up "
        text += f"{clock_text(starts)}"
        return text + (f" at {ride.pickup_place}" if ride.pickup_place else "")
    parts = [f"Pickup {clock_text(starts)}"]
    if ride.pickup_place:
        parts.append(f"at {ride.pickup_place}")
    if ride.dropoff_place:
        parts.append(f"→ {ride.dropoff_place}")
    text = " ".join(parts)
    crew = ", ".join(p for p in (ride.driver, ride.vehicle) if p)
    if crew:
        text += f" ({crew})"
    return text + (f", conf. {ride.confirmation}" if ride.confirmation else "")


def _stay_for(stays: list[Booking], day: dt.date, arriving: bool) -> str:
    """The hotel a traveller sleeps in after arriving that day, or leaves that day."""
    for stay in stays:
        if arriving and stay.check_in <= day < stay.check_out:
            return " ".join(stay.hotel.split())
        if not arriving and stay.check_in < day <= stay.check_out:
            return " ".join(stay.hotel.split())
    return ""


def movement_list(production, day: dt.date) -> MovementList:
    """Every flight that lands away from its traveller's home, or leaves from away, on the
    day (each on its airport's own clock), with who, their hotel and their ride."""
    window_start = dt.datetime.combine(day - dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    window_end = window_start + dt.timedelta(days=5)
    live = live_bookings(production)
    near = live.filter(
        Q(kind__in=[Booking.Kind.FLIGHT, Booking.Kind.TRANSFER, Booking.Kind.CAR])
        & Q(starts_at__lt=window_end, ends_at__gt=window_start)
    ).values_list("person_id", flat=True)
    people_ids = set(near)
    out = MovementList(day=day)
    if not people_ids:
        return out
    by_person: dict[int, list[Booking]] = defaultdict(list)
    for b in live.filter(person_id__in=people_ids).select_related("person"):
        by_person[b.person_id].append(b)
    homes = {
        p.person_id: p.home_codes for p in TravelProfile.objects.filter(person_id__in=people_ids)
    }
    for person_id, own in by_person.items():
        flights = sorted(
            (b for b in own if b.kind == Booking.Kind.FLIGHT), key=lambda b: b.starts_at
        )
        if not flights:
            continue
        person = flights[0].person
        home = home_of(homes.get(person_id, ()), flights[0].origin)
        stays = sorted((b for b in own if b.kind == Booking.Kind.HOTEL), key=lambda b: b.check_in)
        rides = sorted(
            (
                b
                for b in own
                if b.kind in (Booking.Kind.TRANSFER, Booking.Kind.CAR)
                and local_moment(b.starts_at, b.starts_tz).date() == day
            ),
            key=lambda b: b.starts_at,
        )
        # connects[i]: flight i's traveller changes planes onto flight i + 1
        connects = [
            b.origin == a.destination and b.starts_at - a.ends_at <= CONNECTION
            for a, b in zip(flights, flights[1:], strict=False)
        ] + [False]
        for i, flight in enumerate(flights):
            lands = local_moment(flight.ends_at, flight.ends_tz)
            leaves = local_moment(flight.starts_at, flight.starts_tz)
            connects_on = connects[i]
            connected_from = i > 0 and connects[i - 1]
            first, last = i, i
            while first > 0 and connects[first - 1]:
                first -= 1
            while connects[last]:
                last += 1
            start, finish = flights[first], flights[last]
            via = [f.destination for f in flights[first:last]]
            common = {
                "person_id": person_id,
                "name": person.display_name,
                "role": person.character or person.position,
                "phone": person.phone,
                "flight": f"{flight.carrier} {flight.number}",
                "origin": flight.origin,
                "destination": flight.destination,
                "record_locator": flight.record_locator,
            }
            if lands.date() == day and flight.destination not in home and not connects_on:
                ride = next(
                    (r for r in rides if r.starts_at >= flight.ends_at - PICKUP_SLACK), None
                )
                if ride is not None:
                    ground = _ride_text(ride)
                elif rides:
                    earlier = local_moment(rides[0].starts_at, rides[0].starts_tz)
                    ground = (
                        f"No pickup booked (the day's ride at {clock_text(earlier)} "
                        "is before landing)"
                    )
                else:
                    ground = "No pickup booked"
                out.arrivals.append(
                    Movement(
                        arriving=True,
                        at=lands,
                        other_end=f"dep. {start.origin} "
                        f"{clock_text(local_moment(start.starts_at, start.starts_tz))}"
                        + (f" via {', '.join(via)}" if via else ""),
                        hotel=_stay_for(stays, day, arriving=True),
                        ground=ground,
                        no_pickup=ride is None,
                        **common,
                    )
                )
            if leaves.date() == day and flight.origin not in home and not connected_from:
                ride = next((r for r in reversed(rides) if r.starts_at <= flight.starts_at), None)
                out.departures.append(
                    Movement(
                        arriving=False,
                        at=leaves,
                        other_end=f"arr. {finish.destination} "
                        f"{clock_text(local_moment(finish.ends_at, finish.ends_tz))}"
                        + (f" via {', '.join(via)}" if via else ""),
                        hotel=_stay_for(stays, day, arriving=False),
                        ground=_ride_text(ride) if ride else "No ride to the airport booked",
                        no_pickup=False,
                        **common,
                    )
                )
    out.arrivals.sort(key=lambda m: (m.at, m.name))
    out.departures.sort(key=lambda m: (m.at, m.name))
    out.ground = _ground(by_person, day)
    return out


def _ground(by_person: dict[int, list[Booking]], day: dt.date) -> list[GroundMove]:
    """The day's transfers and rental cars picked up or returned, each with the flight it
    meets (any of the traveller's: the car to their home airport too), in time order."""
    rides, bookings, legs = [], {}, []
    for own in by_person.values():
        for b in own:
            if b.kind == Booking.Kind.FLIGHT:
                flight = f"{b.carrier} {b.number}"
                lands, leaves = (
                    local_moment(b.ends_at, b.ends_tz),
                    local_moment(b.starts_at, b.starts_tz),
                )
                legs.append(Leg(b.person_id, True, lands, b.destination, flight))
                legs.append(Leg(b.person_id, False, leaves, b.origin, flight))
                continue
            if b.kind == Booking.Kind.TRANSFER:
                moments = [(TRANSFER, local_moment(b.starts_at, b.starts_tz))]
            elif b.kind == Booking.Kind.CAR:
                moments = [
                    (CAR_PICKUP, local_moment(b.starts_at, b.starts_tz)),
                    (CAR_RETURN, local_moment(b.ends_at, b.ends_tz)),
                ]
            else:
                continue
            for kind, at in moments:
                if at.date() == day:
                    ride = Ride(ref=len(rides), person_id=b.person_id, kind=kind, at=at)
                    rides.append(ride)
                    bookings[ride.ref] = b
    matched = rides_matched(rides, legs)
    moves = []
    for ride in rides:
        b, leg = bookings[ride.ref], matched[ride.ref]
        if ride.kind == TRANSFER:
            place = " → ".join(p for p in (b.pickup_place, b.dropoff_place) if p)
        else:
            place = b.pickup_place if ride.kind == CAR_PICKUP else b.dropoff_place
        moves.append(
            GroundMove(
                kind=ride.kind,
                at=ride.at,
                person_id=b.person_id,
                name=b.person.display_name,
                role=b.person.character or b.person.position,
                phone=b.person.phone,
                place=place,
                driver=b.driver,
                vehicle=" ".join(p for p in (b.carrier, b.vehicle) if p),
                confirmation=b.confirmation,
                meets=leg.text if leg else "",
            )
        )
    moves.sort(key=lambda m: (m.at, m.name, RIDE_KINDS.index(m.kind)))
    return moves


# The travel report --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    booking_id: int
    traveller: str  # "" for a room held for nobody
    kind: str  # the kind's label
    what: str
    when: str
    starts: dt.date
    ends: dt.date
    status: str
    confirmation: str
    cost: Decimal | None
    account_code: str
    account: str  # the account's description in the chart of accounts

    @property
    def traveller_text(self) -> str:
        return self.traveller or "Block room (no guest)"


@dataclass
class Total:
    label: str
    bookings: int = 0
    cost: Decimal = ZERO
    unpriced: int = 0

    def add(self, cost: Decimal | None) -> None:
        self.bookings += 1
        if cost is None:
            self.unpriced += 1
        else:
            self.cost += cost


@dataclass
class TravelReport:
    start: dt.date
    end: dt.date
    rows: list[ReportRow]
    by_kind: list[Total]
    by_account: list[Total]
    total: Total
    travellers: int


def check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ListError(f"The range ends ({day_text(end)}) before it starts ({day_text(start)}).")
    days = (end - start).days + 1
    if days > LONGEST_REPORT_DAYS:
        raise ListError(
            f"The range is {days} days; a travel report covers at most {LONGEST_REPORT_DAYS}."
        )


def _span(booking: Booking) -> tuple[dt.date, dt.date]:
    if booking.kind == Booking.Kind.HOTEL:
        return booking.check_in, booking.check_out
    return (
        local_moment(booking.starts_at, booking.starts_tz).date(),
        local_moment(booking.ends_at, booking.ends_tz).date(),
    )


def travel_report(production, start: dt.date, end: dt.date) -> TravelReport:
    """Every live booking touching the range (a flight leaving or landing in it, a hotel stay
    with a night or a check-out in it), by traveller, with its whole cost; totals by kind and
    by account."""
    from callboard.accounting.models import Account

    check_range(start, end)
    loose_start = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    loose_end = dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    candidates = (
        live_bookings(production)
        .filter(
            Q(kind=Booking.Kind.HOTEL, check_in__lte=end, check_out__gte=start)
            | (~Q(kind=Booking.Kind.HOTEL) & Q(starts_at__lt=loose_end, ends_at__gt=loose_start))
        )
        .select_related("person")
    )
    bookings = []
    for b in candidates:
        first, last = _span(b)
        if first <= end and last >= start:
            bookings.append((b, first, last))
    bookings.sort(
        key=lambda item: (
            item[0].person is None,
            (item[0].person.last_name.lower(), item[0].person.first_name.lower())
            if item[0].person
            else ("", ""),
            item[0].person_id or 0,
            item[1],
            item[0].pk,
        )
    )
    codes = {b.account_code for b, _, _ in bookings if b.account_code}
    described = dict(
        Account.objects.filter(production=production, code__in=codes).values_list(
            "code", "description"
        )
    )
    rows, kinds, accounts, total = [], {}, {}, Total("All travel")
    for b, first, last in bookings:
        cost = booking_cost(b)
        row = ReportRow(
            booking_id=b.pk,
            traveller=b.person.display_name if b.person else "",
            kind=b.get_kind_display(),
            what=b.title,
            when=when_text(b),
            starts=first,
            ends=last,
            status=b.get_status_display(),
            confirmation=b.confirmation or b.record_locator,
            cost=cost,
            account_code=b.account_code,
            account=described.get(b.account_code, ""),
        )
        rows.append(row)
        kinds.setdefault(b.kind, Total(row.kind)).add(cost)
        label = f"{b.account_code} {row.account}".strip() if b.account_code else "(no account)"
        accounts.setdefault(b.account_code, Total(label)).add(cost)
        total.add(cost)
    order = list(Booking.Kind.values)
    return TravelReport(
        start=start,
        end=end,
        rows=rows,
        by_kind=[kinds[k] for k in sorted(kinds, key=order.index)],
        by_account=[accounts[c] for c in sorted(accounts, key=lambda c: (not c, c))],
        total=total,
        travellers=len({b.person_id for b, _, _ in bookings if b.person_id}),
    )
