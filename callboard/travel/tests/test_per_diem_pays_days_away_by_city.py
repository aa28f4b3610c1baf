"""Per diem for a distant hire: the city's rate each day away, the first and last travel day
at 75% as GSA pays, provided meals taken off, totalled by workweek."""

import datetime as dt
from decimal import Decimal

import pytest

from callboard.travel.perdiem import (
    CityRate,
    PerDiemError,
    PerDiemRule,
    by_week,
    per_diem_days,
)

ATLANTA = CityRate(
    "Atlanta", Decimal("79"), Decimal("18"), Decimal("20"), Decimal("36")
)  # a GSA $79 tier: $5 of it incidentals


def test_a_week_away_pays_the_travel_days_at_75_percent():
    days = per_diem_days(first_day=dt.date(2026, 3, 9), last_day=dt.date(2026, 3, 13), rate=ATLANTA)
    assert [d.amount for d in days] == [Decimal("59.25")] + [Decimal("79.00")] * 3 + [
        Decimal("59.25")
    ]
    assert days[0].note == "travel day at 75%"
    assert sum(d.amount for d in days) == Decimal("355.50")


def test_provided_meals_come_off_at_the_citys_breakdown_never_below_zero():
    shoot_day = dt.date(2026, 3, 10)
    days = per_diem_days(
        first_day=dt.date(2026, 3, 9),
        last_day=dt.date(2026, 3, 11),
        rate=ATLANTA,
        provided={
            shoot_day: frozenset({"lunch"}),
            dt.date(2026, 3, 11): frozenset({"breakfast", "lunch", "dinner"}),
        },
    )
    assert days[1].amount == Decimal("59.00") and days[1].note == "lunch provided −$20.00"
    assert days[2].amount == Decimal("0.00")


def test_a_production_rule_can_pay_travel_days_in_full_and_keep_meals():
    rule = PerDiemRule(travel_day_fraction=Decimal("1"), deduct_provided_meals=False)
    days = per_diem_days(
        first_day=dt.date(2026, 3, 9),
        last_day=dt.date(2026, 3, 10),
        rate=ATLANTA,
        rule=rule,
        provided={dt.date(2026, 3, 10): frozenset({"lunch"})},
    )
    assert [(d.amount, d.note) for d in days] == [(Decimal("79.00"), "")] * 2


def test_the_per_diem_is_paid_by_workweek_starting_sunday():
    days = per_diem_days(
        first_day=dt.date(2026, 3, 12), last_day=dt.date(2026, 3, 16), rate=ATLANTA
    )
    assert by_week(days) == {
        dt.date(2026, 3, 8): Decimal("59.25") + Decimal("79") * 2,  # Thu–Sat
        dt.date(2026, 3, 15): Decimal("79.00") + Decimal("59.25"),  # Sun, Mon
    }


def test_a_trip_ending_before_it_starts_is_refused():
    with pytest.raises(PerDiemError, match="last travel day is before the first"):
        per_diem_days(first_day=dt.date(2026, 3, 9), last_day=dt.date(2026, 3, 8), rate=ATLANTA)
