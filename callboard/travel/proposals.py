"""Travel from the schedule: a distant hire's run of days (the DOOD's start to finish, with its
travel days, or a crew member's start and end dates) becomes the trip they need — fly in, a
hotel every night between, fly out — and what is already booked is matched against it, leg by
leg. Framework-free.

A travel day (TR) on or before the first work day is the day they fly in; on or after the last,
the day they fly out. Without one, the day before the first work day and the day after the last
(said so, so the office can check with the person)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .checks import Flight, Stay

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Run:
    person_id: int
    name: str
    first_day: dt.date
    last_day: dt.date
    travel_days: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Leg:
    kind: str  # "fly_in", "hotel", "fly_out"
    date: dt.date  # the flight's date; the hotel's check-in
    until: dt.date | None  # the hotel's check-out
    booked: str  # "booked", "partly" (hotel nights missing) or "" (to book)
    words: str


@dataclass(frozen=True)
class Trip:
    person_id: int
    name: str
    fly_in: dt.date
    fly_out: dt.date
    note: str  # why the dates are what they are, when they are a guess
    legs: tuple[Leg, ...]

    @property
    def to_book(self) -> bool:
        return any(leg.booked != "booked" for leg in self.legs)


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def trip_dates(run: Run) -> tuple[dt.date, dt.date, str]:
    """The trip the schedule asks for (the DOOD's travel days around the work): what to book.
    Not the span per diem pays: that is checks.away_span, the time away the bookings show."""
    before = [d for d in run.travel_days if d <= run.first_day]
    after = [d for d in run.travel_days if d >= run.last_day]
    notes = []
    if before:
        fly_in = max(before)
    else:
        fly_in = run.first_day - ONE_DAY
        notes.append("no travel day before the first work day: the day before")
    if after:
        fly_out = min(after)
    else:
        fly_out = run.last_day + ONE_DAY
        notes.append("no travel day after the last: the day after")
    return fly_in, fly_out, "; ".join(notes)


def trip(run: Run, flights: list[Flight], stays: list[Stay], home: set[str]) -> Trip:
    """The trip the run needs, each leg matched against the person's bookings: a flight away
    from home on the fly-in date, one home on the fly-out date, hotel nights in between."""
    fly_in, fly_out, note = trip_dates(run)
    inbound = any(f.departs.date() == fly_in and f.destination not in home for f in flights)
    outbound = any(f.departs.date() == fly_out and f.destination in home for f in flights)
    nights = {fly_in + ONE_DAY * n for n in range((fly_out - fly_in).days)}
    booked_nights = {
        s.check_in + ONE_DAY * n for s in stays for n in range((s.check_out - s.check_in).days)
    }
    missing = nights - booked_nights
    hotel = "booked" if not missing else ("partly" if missing != nights else "")
    legs = (
        Leg("fly_in", fly_in, None, "booked" if inbound else "", f"fly in {_day(fly_in)}"),
        Leg(
            "hotel",
            fly_in,
            fly_out,
            hotel,
            f"hotel {_day(fly_in)} – {_day(fly_out)}"
            + (f" ({len(missing)} night{'s' if len(missing) != 1 else ''} not booked)"
               if hotel == "partly" else ""),
        ),
        Leg("fly_out", fly_out, None, "booked" if outbound else "", f"fly out {_day(fly_out)}"),
    )  # fmt: skip
    return Trip(run.person_id, run.name, fly_in, fly_out, note, legs)
