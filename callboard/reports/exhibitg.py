"""The Exhibit G's arithmetic, framework-free: a performer's typed times checked for order,
and their day, meal penalties and forced call by the pay engine's own rules (the rule set of
their deal; nothing here knows the amounts or the hours). The Exhibit G and the hot cost
read a performer's day from here alone.

Times are minutes after midnight of the shoot date (reports.settimes), so 1530 is 01:30 the
next morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from callboard.payroll.engine import Day, Line, Meal, day_penalties, meal_penalty_periods

from .settimes import format_minutes, moment

# The typed columns of a row, in the order the sheet prints them.
TIME_FIELDS = (
    "report_makeup",
    "on_set",
    "ndb_start",
    "ndb_end",
    "meal_out",
    "meal_in",
    "second_meal_out",
    "second_meal_in",
    "dismiss",
    "travel_out_leave",
    "travel_out_arrive",
    "travel_back_leave",
    "travel_back_arrive",
)
LABELS = {
    "report_makeup": "Report to makeup",
    "on_set": "On set",
    "ndb_start": "NDB start",
    "ndb_end": "NDB finish",
    "meal_out": "1st meal out",
    "meal_in": "1st meal in",
    "second_meal_out": "2nd meal out",
    "second_meal_in": "2nd meal in",
    "dismiss": "Dismiss on set",
    "travel_out_leave": "Travel out: leave",
    "travel_out_arrive": "Travel out: arrive",
    "travel_back_leave": "Travel back: leave",
    "travel_back_arrive": "Travel back: arrive",
}
# Pairs that must go forward when both are typed: (earlier, later).
ORDER = (
    ("report_makeup", "on_set"),
    ("ndb_start", "ndb_end"),
    ("meal_out", "meal_in"),
    ("meal_in", "second_meal_out"),
    ("second_meal_out", "second_meal_in"),
    ("on_set", "meal_out"),
    ("on_set", "dismiss"),
    ("report_makeup", "dismiss"),
    ("meal_in", "dismiss"),
    ("second_meal_in", "dismiss"),
    ("travel_out_leave", "travel_out_arrive"),
    ("travel_back_leave", "travel_back_arrive"),
    ("dismiss", "travel_back_leave"),
)


def meal_penalty_text(periods: int | None) -> str:
    """'MP 2': two meal penalties as the engine counts them under the person's rule set (each
    half-hour late under SAG-AFTRA or the IATSE, a premium under a non-union deal); '' for
    none, '?' when it cannot be known. The DPR, the Exhibit G and the hot cost all print it."""
    if periods is None:
        return "?"
    return f"MP {periods}" if periods else ""


def order_errors(times: dict[str, int | None]) -> list[str]:
    """Every pair of a performer's times out of order, and a meal with one end only."""
    errors = []
    for out, back in (("meal_out", "meal_in"), ("second_meal_out", "second_meal_in")):
        if (times.get(out) is None) != (times.get(back) is None):
            errors.append(f"{LABELS[out]} and {LABELS[back].lower()}: give both or neither.")
    for earlier, later in ORDER:
        first, then = times.get(earlier), times.get(later)
        if first is not None and then is not None and then < first:
            errors.append(
                f"{LABELS[later]} ({format_minutes(then)}) is before "
                f"{LABELS[earlier].lower()} ({format_minutes(first)})."
            )
    return errors


def work_start(times: dict[str, int | None]) -> int | None:
    """When the performer's day starts: the report to makeup, else on set."""
    for name in ("report_makeup", "on_set"):
        if times.get(name) is not None:
            return times[name]
    return None


def work_end(times: dict[str, int | None]) -> int | None:
    """When the day ends for rest: back from location when travelling, else dismissal."""
    for name in ("travel_back_arrive", "dismiss"):
        if times.get(name) is not None:
            return times[name]
    return None


@dataclass(frozen=True)
class Penalties:
    meal_penalties: int  # penalty periods, as the engine counts them for the rule set
    rest_invaded: bool  # a forced call (or rest invasion), computed or marked
    lines: tuple[Line, ...]  # the engine's lines (amounts, and why)
    day: Day | None = None  # the day the engine read: what the hot cost prices
    rest_from: dt.datetime | None = None  # the end rest was counted from (marked: call - 1 min)

    @property
    def meal_amount(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.kind == "meal_penalty"), Decimal(0))

    @property
    def forced_call_amount(self) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.kind == "forced_call"), Decimal(0))


NONE = Penalties(0, False, ())
REST_KINDS = ("rest_invasion", "forced_call")


def engine_day(date: dt.date, times: dict[str, int | None]) -> Day | None:
    """A performer's day as the pay engine reads it: from the report (breakfast, when one was
    given, moves the first meal's clock) to dismissal, with the meals taken; None until it
    has a start and a dismissal."""
    start, dismiss = work_start(times), times.get("dismiss")
    if start is None or dismiss is None or dismiss <= start:
        return None
    meals = tuple(
        Meal(moment(date, times[out]), moment(date, times[back]))
        for out, back in (("meal_out", "meal_in"), ("second_meal_out", "second_meal_in"))
        if times.get(out) is not None and times.get(back) is not None
    )
    ndb = None
    if times.get("ndb_start") is not None and times.get("ndb_end") is not None:
        ndb = (moment(date, times["ndb_start"]), moment(date, times["ndb_end"]))
    return Day(date, moment(date, start), moment(date, dismiss), meals, ndb)


def penalties(
    date: dt.date,
    times: dict[str, int | None],
    *,
    rules: str,
    day_rate: Decimal,
    previous_end: dt.datetime | None = None,
    forced_call: bool = False,
) -> Penalties:
    """A performer's meal penalties and forced call from their times, by the engine's rules.
    Rest is counted from ``previous_end`` (their last day's end on the production); a forced
    call the 2nd AD marked (the previous day was elsewhere) is charged as one even when the
    production's reports show no short rest. A day without a start and a dismissal has none."""
    day = engine_day(date, times)
    if day is None:
        return NONE
    if previous_end is not None and previous_end > day.call:
        previous_end = None  # a report out of order: no rest to measure
    lines = day_penalties(rules, day, previous_wrap=previous_end, day_rate=day_rate)
    if forced_call and not any(ln.kind in REST_KINDS for ln in lines):
        previous_end = day.call - dt.timedelta(minutes=1)
        lines = day_penalties(rules, day, previous_wrap=previous_end, day_rate=day_rate)
    invaded = any(ln.kind in REST_KINDS for ln in lines)
    return Penalties(
        meal_penalty_periods(rules, lines),
        invaded,
        lines,
        day,
        previous_end,
    )


def end_moment(date: dt.date, times: dict[str, int | None]) -> dt.datetime | None:
    """The end of a performer's day as a moment, for the next day's rest."""
    end = work_end(times)
    return None if end is None else moment(date, end)
