"""Per diem for a distant hire: meals and incidentals for each day away, by the production's
rate for the city. Framework-free and Decimal end to end.

The rule (GSA's by default; a production or a union may set its own):
- every day away is paid at the city's daily rate: from the day they travel out to the day they
  travel home (checks.away_span says which days those are, from the flights);
- the travel days (out and home) are paid at a fraction of it (GSA: 75%);
- a meal the production provides (catering on a shoot day, a hotel breakfast it paid) is
  taken off at that meal's amount in the city's breakdown, never below zero for the day.
Local hires get none. Per diem is reimbursement: it is never part of the overtime base or
the fringes, so it is paid beside the time card's wages (by week) or as a check request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MEALS = ("breakfast", "lunch", "dinner")


class PerDiemError(ValueError):
    pass


@dataclass(frozen=True)
class CityRate:
    """A city's daily meals-and-incidentals rate and the breakdown provided meals come off."""

    city: str
    daily: Decimal
    breakfast: Decimal = Decimal("0")
    lunch: Decimal = Decimal("0")
    dinner: Decimal = Decimal("0")


@dataclass(frozen=True)
class PerDiemRule:
    travel_day_fraction: Decimal = Decimal("0.75")
    deduct_provided_meals: bool = True


GSA = PerDiemRule()


@dataclass(frozen=True)
class PerDiemDay:
    date: dt.date
    amount: Decimal
    note: str  # why it is not the full rate ("travel day at 75%; lunch provided −$19.00")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def per_diem_days(
    *,
    first_day: dt.date,
    last_day: dt.date,
    rate: CityRate,
    rule: PerDiemRule = GSA,
    provided: Mapping[dt.date, frozenset[str]] | None = None,
) -> list[PerDiemDay]:
    """Each day's per diem from the first travel day to the last, both included."""
    if last_day < first_day:
        raise PerDiemError("The last travel day is before the first.")
    if rate.daily < 0 or any(getattr(rate, m) < 0 for m in MEALS):
        raise PerDiemError(f"{rate.city}'s per diem rate cannot be negative.")
    provided = provided or {}
    days = []
    day = first_day
    while day <= last_day:
        notes = []
        amount = rate.daily
        if day in (first_day, last_day) and rule.travel_day_fraction != 1:
            amount = rate.daily * rule.travel_day_fraction
            notes.append(f"travel day at {rule.travel_day_fraction * 100:.0f}%")
        if rule.deduct_provided_meals:
            for meal in MEALS:
                if meal in provided.get(day, ()) and getattr(rate, meal):
                    amount -= getattr(rate, meal)
                    notes.append(f"{meal} provided −${getattr(rate, meal):.2f}")
        days.append(PerDiemDay(day, _money(max(amount, Decimal("0"))), "; ".join(notes)))
        day += dt.timedelta(days=1)
    return days


def per_diem_away(
    *,
    trips: Iterable[tuple[dt.date, dt.date]],
    rate: CityRate,
    rule: PerDiemRule = GSA,
    provided: Mapping[dt.date, frozenset[str]] | None = None,
) -> list[PerDiemDay]:
    """The per diem of each stretch away (its travel out and home at the travel-day rate); the
    days at home between two stretches are not paid, and a day that ends one and starts the
    next is paid once."""
    days: dict[dt.date, PerDiemDay] = {}
    for first_day, last_day in trips:
        for day in per_diem_days(
            first_day=first_day, last_day=last_day, rate=rate, rule=rule, provided=provided
        ):
            if day.date not in days or day.amount > days[day.date].amount:
                days[day.date] = day
    return [days[d] for d in sorted(days)]


def by_week(days: list[PerDiemDay]) -> dict[dt.date, Decimal]:
    """The per diem of each workweek (keyed by its Sunday), as it is paid with the time card."""
    weeks: dict[dt.date, Decimal] = {}
    for day in days:
        sunday = day.date - dt.timedelta(days=(day.date.weekday() + 1) % 7)
        weeks[sunday] = weeks.get(sunday, Decimal("0")) + day.amount
    return weeks
