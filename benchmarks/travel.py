"""Issue 19: the travel checks for 200 travellers over a 60-day shoot, and the rooming list of
a hotel for 150 people (XLSX and PDF). Run by benchmarks/run.py, which passes its seeding
helpers; `python benchmarks/travel.py` runs these figures alone.

The checks are measured twice:
- the pure part (travel.checks.findings) on the whole show built as the checks' dataclasses:
  each traveller's flights in and out (a fifth of them fly home and back mid-shoot), a hotel,
  their pickups, and a call every weekday they are in town — 60 days of calls, which would
  otherwise need 60 published call sheets;
- travel.queries.travel_findings on the same bookings in the database (no call sheets
  published, so it reads the bookings, the profiles and the people and runs the checks)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

SHOOT_START = dt.date(2027, 3, 1)
SHOOT_DAYS = 60
SET = ZoneInfo("America/Los_Angeles")
# (home airport, its zone, hours in the air to LAX, international)
HOMES = [
    ("JFK", "America/New_York", 6.0, False),
    ("ORD", "America/Chicago", 4.5, False),
    ("ATL", "America/New_York", 5.0, False),
    ("SEA", "America/Los_Angeles", 3.0, False),
    ("DEN", "America/Denver", 2.5, False),
    ("BOS", "America/New_York", 6.5, False),
    ("LHR", "Europe/London", 11.0, True),
]


def _median_ms(fn, runs: int, before_each=None) -> float:
    fn()  # warm
    samples = []
    for _ in range(runs):
        if before_each:
            before_each()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def plan(count: int = 200, seed: int = 19) -> list[dict]:
    """Each traveller's trips (day in, day out, counted from the first shoot day) and terms."""
    rng = random.Random(seed)
    people = []
    for i in range(count):
        home, zone, hours, international = HOMES[i % len(HOMES)]
        first = rng.randint(-4, 20)
        last = rng.randint(min(first + 14, SHOOT_DAYS), SHOOT_DAYS + 2)
        trips = [(first, last)]
        if i % 5 == 0 and last - first > 20:  # home for a long weekend mid-shoot
            middle = first + (last - first) // 2
            trips = [(first, middle), (middle + 3, last)]
        people.append(
            {
                "home": home,
                "zone": zone,
                "hours": hours,
                "international": international,
                "trips": trips,
                "late": i % 17 == 0,  # flies in the afternoon of a call day
                "cabin": "business" if i % 9 == 0 else "",
                "passport": dt.date(2027, 5, 1) if i % 14 == 6 else dt.date(2031, 1, 1),
            }
        )
    return people


def _day(offset: int) -> dt.date:
    return SHOOT_START + dt.timedelta(days=offset)


def _legs(traveller: dict):
    """Each flight as (origin, destination, departs, arrives): aware, each in its zone."""
    home_zone = ZoneInfo(traveller["zone"])
    air = dt.timedelta(hours=traveller["hours"])
    for n, (first, last) in enumerate(traveller["trips"]):
        hour = 14 if traveller["late"] and n == 0 else 8
        departs = dt.datetime.combine(_day(first), dt.time(hour), tzinfo=home_zone)
        yield traveller["home"], "LAX", departs, (departs + air).astimezone(SET)
        back = dt.datetime.combine(_day(last), dt.time(16), tzinfo=SET)
        yield "LAX", traveller["home"], back, (back + air).astimezone(home_zone)


def _calls(traveller: dict):
    for first, last in traveller["trips"]:
        for offset in range(max(first, 0), min(last, SHOOT_DAYS)):
            day = _day(offset)
            if day.weekday() < 5:
                yield dt.datetime.combine(day, dt.time(7), tzinfo=SET)


def pure_travellers(people: list[dict]):
    from callboard.travel import checks

    travellers = []
    for i, t in enumerate(people):
        flights = tuple(
            checks.Flight(f"{i}-f{n}", f"AA {100 + n}", o, d, dep, arr, "coach", t["international"])
            for n, (o, d, dep, arr) in enumerate(_legs(t))
        )
        first, last = t["trips"][0][0], t["trips"][-1][1]
        rentals = tuple(
            checks.Rental(f"{i}-r{n}", "transfer", f.arrives, f.arrives + dt.timedelta(hours=1))
            for n, f in enumerate(flights)
            if f.destination == "LAX"
        )
        travellers.append(
            checks.Traveller(
                id=i,
                name=f"Traveller {i}",
                home_airports=frozenset({t["home"]}),
                cabin_required=t["cabin"],
                passport_expires=t["passport"],
                flights=flights,
                stays=(checks.Stay(f"{i}-h", "Hotel Bench", _day(first), _day(last)),),
                rentals=rentals,
                calls=tuple(checks.Call(at, "Stage 5", 45) for at in _calls(t)),
            )
        )
    rooms = [
        checks.BlockRoom(f"block-{n}", "Hotel Bench", _day(0), _day(10 + n)) for n in range(10)
    ]
    return travellers, rooms


def seed_bookings(production, people: list[dict], seed_people) -> int:
    """The plan as bookings in the database (bulk): flights, a hotel, the pickups, the
    travel profiles, and ten block rooms. Returns the number of bookings."""
    from callboard.people.models import Person
    from callboard.travel.models import Booking, TravelProfile

    seed_people(production, len(people), random.Random(190), start=10_000)
    persons = list(Person.objects.filter(production=production).order_by("pk"))[-len(people) :]
    TravelProfile.objects.bulk_create(
        TravelProfile(
            production=production,
            person=p,
            home_airports=t["home"],
            cabin_required=t["cabin"],
            passport_expires=t["passport"],
        )
        for p, t in zip(persons, people, strict=True)
    )
    bookings = []
    for p, t in zip(persons, people, strict=True):
        for n, (origin, destination, departs, arrives) in enumerate(_legs(t)):
            bookings.append(
                Booking(
                    production=production,
                    person=p,
                    kind=Booking.Kind.FLIGHT,
                    carrier="AA",
                    number=str(100 + n),
                    origin=origin,
                    destination=destination,
                    starts_at=departs,
                    ends_at=arrives,
                    starts_tz=departs.tzinfo.key,
                    ends_tz=arrives.tzinfo.key,
                    cabin="coach",
                    cost=Decimal("450.00"),
                    account_code="4510",
                )
            )
            if destination == "LAX":
                bookings.append(
                    Booking(
                        production=production,
                        person=p,
                        kind=Booking.Kind.TRANSFER,
                        pickup_place="LAX",
                        dropoff_place="Hotel Bench",
                        starts_at=arrives + dt.timedelta(minutes=20),
                        ends_at=arrives + dt.timedelta(minutes=80),
                        starts_tz=SET.key,
                        ends_tz=SET.key,
                    )
                )
        bookings.append(
            Booking(
                production=production,
                person=p,
                kind=Booking.Kind.HOTEL,
                hotel="Hotel Bench",
                room_type="King",
                check_in=_day(t["trips"][0][0]),
                check_out=_day(t["trips"][-1][1]),
                nightly_rate=Decimal("219.00"),
                confirmation=f"HB-{p.pk}",
            )
        )
    bookings += [
        Booking(
            production=production,
            kind=Booking.Kind.HOTEL,
            hotel="Hotel Bench",
            room_type="Queen",
            check_in=_day(0),
            check_out=_day(10 + n),
            nightly_rate=Decimal("199.00"),
        )
        for n in range(10)
    ]
    Booking.objects.bulk_create(bookings)
    return len(bookings)


def travel_check_figures(owned, client, user, seed_people) -> list[tuple]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from callboard.travel import checks
    from callboard.travel.queries import travel_findings

    people = plan(200)
    travellers, rooms = pure_travellers(people)
    calls = sum(len(t.calls) for t in travellers)
    found = checks.findings(travellers, rooms)
    pure_ms = _median_ms(lambda: checks.findings(travellers, rooms), runs=9)

    production = owned(client, user, "Travel Show")
    count = seed_bookings(production, people, seed_people)
    with CaptureQueriesContext(connection) as queries:
        in_db = travel_findings(production)
    db_ms = _median_ms(lambda: travel_findings(production), runs=7)
    return [
        (
            "Travel checks, 200 travellers / 60 days (pure checks)",
            "≤ 300 ms",
            pure_ms,
            300,
            f"{sum(len(t.flights) for t in travellers)} flights, {calls} calls, "
            f"{len(found)} findings",
        ),
        (
            "Travel checks, 200 travellers (travel_findings, DB)",
            "≤ 300 ms",
            db_ms,
            300,
            f"{count} bookings, no call sheets, {len(queries)} SQL queries, {len(in_db)} findings",
        ),
    ]


def rooming_figures(owned, client, user, seed_people) -> list[tuple]:
    from callboard.documents.render import pdf_page_count
    from callboard.people.models import Person
    from callboard.travel.models import Booking

    production = owned(client, user, "Rooming Show")
    seed_people(production, 150, random.Random(150), start=20_000)
    rng = random.Random(151)
    rooms = []
    for n, person in enumerate(Person.objects.filter(production=production)):
        check_in = _day(rng.randint(-3, 20))
        rooms.append(
            Booking(
                production=production,
                person=person,
                kind=Booking.Kind.HOTEL,
                hotel="Hotel Bench",
                room_type=rng.choice(["King", "Queen", "Double Queen", "Suite"]),
                check_in=check_in,
                check_out=check_in + dt.timedelta(days=rng.randint(3, 40)),
                nightly_rate=Decimal(rng.choice(["189.00", "219.00", "249.00", "399.00"])),
                confirmation=f"HB-{40_000 + n}",
                notes="Ground floor, please" if n % 11 == 0 else "",
            )
        )
    Booking.objects.bulk_create(rooms)
    base = f"/p/{production.slug}/travel/rooming/export"
    one = Booking.objects.filter(production=production).first()
    runs = iter(range(1000))

    def change_a_room():  # typst memoises: each run's list differs, as after a real change
        Booking.objects.filter(pk=one.pk).update(notes=f"Late arrival, run {next(runs)}")

    def get(fmt):
        response = client.get(f"{base}.{fmt}?hotel=Hotel+Bench")
        assert response.status_code == 200, response.status_code
        return response

    xlsx_ms = _median_ms(lambda: get("xlsx"), runs=7, before_each=change_a_room)
    pdf_ms = _median_ms(lambda: get("pdf"), runs=7, before_each=change_a_room)
    pages = pdf_page_count(get("pdf").content)
    return [
        ("Rooming list XLSX, 150 people (server time)", "≤ 300 ms", xlsx_ms, 300, ""),
        (
            "Rooming list PDF, 150 people (server time)",
            "≤ 300 ms",
            pdf_ms,
            300,
            f"{pages} pages",
        ),
    ]


def travel_figures(owned, client, user, seed_people) -> list[tuple]:
    return travel_check_figures(owned, client, user, seed_people) + rooming_figures(
        owned, client, user, seed_people
    )


if __name__ == "__main__":  # these figures alone, on run.py's fresh database
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # noqa: E402  (sets Django up on a fresh SQLite database)
    from django.core.management import call_command  # noqa: E402
    from django.test import Client  # noqa: E402

    from callboard.core.testing import make_user  # noqa: E402

    call_command("migrate", verbosity=0)
    bench_client, bench_user = Client(), make_user("bench-travel@example.test")
    bench_client.force_login(bench_user)
    for name, budget, measured, limit, note in travel_figures(
        run.owned, bench_client, bench_user, run.seed_people
    ):
        verdict = "ok" if measured <= limit else "OVER BUDGET"
        print(f"{name:<58} {budget:>9} {measured:>8.0f} ms  {verdict}  {note}")
