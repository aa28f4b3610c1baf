"""The pay engine: time cards in, pay lines out.

Pure Python (no Django). Decimal end to end. The numbers of each rule set live
in ``rules/<name>.json``; this module only knows the shapes of the rules:

- ``daily``: bands of worked hours (``from_hours``, ``multiplier``, ``kind``);
- ``consecutive_day`` / ``worked_day``: other bands for the Nth consecutive day
  worked / the Nth day worked in the workweek (and their golden multiplier);
- ``weekly_overtime``: straight hours beyond a threshold in the workweek;
- ``golden``: hours worked after N elapsed hours from call;
- ``meal``: a one-hour ``premium`` or an escalating ``penalty`` schedule;
- ``rest``: ``invaded_hours`` paid again at base, or a ``forced_call`` charge.

Arithmetic: worked time = wrap - call - meals, rounded up to the tenth; the
base rate is rounded to 4 decimals half up, each multiplied rate is
base x multiplier rounded to 4 decimals, each line hours x rate rounded to the
cent half up; totals add lines.

Decisions (tested):

- Guarantee: unworked hours up to the daily guarantee are ``guarantee`` lines, split by
  band at that day's multipliers ($300/12 with 9 worked: 3.0 h x 32.1429 = 96.43, day
  300.00); each line stays hours x rate, so a day may land a cent per band under the deal.
- Meal penalties: one line per group of same-priced half-hour units (hours 0.5 per unit,
  rate = the per-hour equivalent, so hours x rate = amount); the schedule restarts for
  each meal; a missing meal is late until wrap. Under ca-nonunion a day with no meal and
  a wrap more than 6:00 after call also earns the meal premium; grace applies to
  iatse-basic only.
- Weekly overtime counts straight worked hours only (not guarantee or 7th-day hours).
- The 7th consecutive day is counted inside the workweek; every day must fall in the
  workweek starting at ``week_start`` (or the Sunday on or before the first day).
- A breakfast takes the date nearest the call; rest is measured from ``previous_wrap``,
  then from the previous day's wrap; a call before the previous wrap is refused.
- Forced call (sag-aftra-day): one line, the lesser of the day rate or the cap; for hourly
  and weekly deals the day rate is base x pay-hours of the guarantee, or weekly rate /
  days per week. Kit rental per day is multiplied by the days worked.
- Rule sets are chosen by name; their ``effective`` date is stored, not yet used to pick
  a version.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

RULES_DIR = Path(__file__).parent / "rules"

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
RATE_Q = Decimal("0.0001")
ZERO = Decimal("0")

TIME_KINDS = (
    "straight",
    "overtime",
    "double_time",
    "golden",
    "sixth_day",
    "seventh_day",
    "weekly_overtime",
    "guarantee",
)
PENALTY_KINDS = ("meal_penalty", "meal_premium", "rest_invasion", "forced_call")
PERS = ("hour", "day", "week")


class PayInputError(ValueError):
    """Bad input: ``field`` names the offending field (e.g. ``days[2].wrap``)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Deal:
    rate: Decimal
    per: str  # hour | day | week
    guaranteed_hours: Decimal
    days_per_week: int = 5


@dataclass(frozen=True)
class Meal:
    start: dt.datetime
    end: dt.datetime
    grace: bool = False


@dataclass(frozen=True)
class Day:
    date: dt.date
    call: dt.datetime
    wrap: dt.datetime
    meals: tuple[Meal, ...] = ()
    ndb: tuple[dt.datetime, dt.datetime] | None = None  # (start, end)


@dataclass(frozen=True)
class KitRental:
    amount: Decimal
    per: str  # day | week


@dataclass(frozen=True)
class Week:
    rules: str
    deal: Deal
    week_start: dt.date | None = None
    previous_wrap: dt.datetime | None = None
    days: tuple[Day, ...] = ()
    kit_rental: KitRental | None = None


class Line(NamedTuple):  # a NamedTuple: made thousands of times a batch, so cheap to build
    kind: str
    hours: Decimal
    multiplier: Decimal
    rate: Decimal
    amount: Decimal
    why: str


class DayPay(NamedTuple):
    date: dt.date
    worked_hours: Decimal
    elapsed_hours: Decimal
    lines: tuple[Line, ...]
    total: Decimal


@dataclass(frozen=True)
class Pay:
    rules: str
    base_rate: Decimal
    days: tuple[DayPay, ...]
    wages: Decimal
    penalties: Decimal
    kit_rental: Decimal
    gross: Decimal


class Band(NamedTuple):
    start: Decimal
    multiplier: Decimal
    kind: str


@dataclass(frozen=True)
class DayType:
    bands: tuple[Band, ...]
    golden_multiplier: Decimal | None
    label: str = ""


@dataclass(frozen=True)
class RuleSet:
    name: str
    effective: dt.date
    title: str
    data: dict = field(repr=False, compare=False)
    _types: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def normal_day(self) -> DayType:
        golden = self.data.get("golden")
        return DayType(
            _bands(self.data["daily"]),
            Decimal(golden["multiplier"]) if golden else None,
        )

    def day_type(self, consecutive: int, ordinal: int) -> DayType:
        key = (consecutive, ordinal)
        if key not in self._types:
            self._types[key] = self._day_type(consecutive, ordinal)
        return self._types[key]

    def _day_type(self, consecutive: int, ordinal: int) -> DayType:
        special = self.data.get("consecutive_day", {}).get(str(consecutive))
        if special is None:
            special = self.data.get("worked_day", {}).get(str(ordinal))
        if special is None:
            return self.normal_day
        golden = special.get("golden_multiplier")
        if golden is None and self.data.get("golden"):
            golden = self.data["golden"]["multiplier"]
        return DayType(
            _bands(special["daily"]),
            Decimal(golden) if golden is not None else None,
            special.get("label", ""),
        )


def _bands(raw: list[dict]) -> tuple[Band, ...]:
    return tuple(Band(Decimal(b["from_hours"]), Decimal(b["multiplier"]), b["kind"]) for b in raw)


def available_rules() -> list[str]:
    """Names of the registered rule sets (one JSON file each)."""
    return sorted(p.stem for p in RULES_DIR.glob("*.json"))


_RULES_CACHE: dict[str, RuleSet] = {}


def load_rules(name: str) -> RuleSet:
    if name in _RULES_CACHE:
        return _RULES_CACHE[name]
    if not isinstance(name, str) or name not in available_rules():
        raise PayInputError(
            "rules",
            f"unknown rule set {name!r}; known: {', '.join(available_rules())}",
        )
    data = json.loads((RULES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    rules = RuleSet(
        data["name"], dt.date.fromisoformat(data["effective"]), data.get("title", ""), data
    )
    _RULES_CACHE[name] = rules
    return rules


# --------------------------------------------------------------------------
# Arithmetic helpers


def q_rate(value: Decimal) -> Decimal:
    return value.quantize(RATE_Q, rounding=ROUND_HALF_UP)


def q_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def hours_up(delta: dt.timedelta) -> Decimal:
    """A duration in hours, rounded up to the next tenth (integer arithmetic: 360 s a tenth)."""
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return Decimal("0.0")
    return Decimal(-(-seconds // 360)).scaleb(-1)


def minutes_late(delta: dt.timedelta) -> int:
    """Lateness reads in whole minutes, any part of a minute counted."""
    return -(-int(delta.total_seconds()) // 60)


@functools.lru_cache(maxsize=256)
def _td(hours) -> dt.timedelta:
    """A number of hours (string or Decimal from the rules) as a timedelta."""
    return dt.timedelta(seconds=int(Decimal(hours) * 3600))


def fmt_hm(moment: dt.datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def fmt_h(hours: Decimal) -> str:
    return str(hours.quantize(TENTH))


def pay_hours(hours: Decimal, bands: tuple[Band, ...]) -> Decimal:
    """Straight-time equivalent of ``hours`` under the daily bands."""
    return sum(
        (h * band.multiplier for band, h in split_bands(ZERO, hours, bands)),
        ZERO,
    )


def split_bands(
    start: Decimal, end: Decimal, bands: tuple[Band, ...]
) -> list[tuple[Band, Decimal]]:
    """The hours from ``start`` to ``end`` cut at the band limits."""
    out = []
    for i, band in enumerate(bands):
        upper = bands[i + 1].start if i + 1 < len(bands) else None
        lo = max(start, band.start)
        hi = end if upper is None else min(end, upper)
        if hi > lo:
            out.append((band, hi - lo))
    return out


def base_rate(rules: RuleSet, deal: Deal) -> Decimal:
    if deal.per == "hour":
        return q_rate(deal.rate)
    ph = pay_hours(deal.guaranteed_hours, rules.normal_day.bands)
    if deal.per == "week":
        ph *= deal.days_per_week
    if ph <= 0:
        raise PayInputError("deal.guaranteed_hours", "must be more than 0 for a day or week deal")
    return q_rate(deal.rate / ph)


def day_rate(rules: RuleSet, deal: Deal, base: Decimal) -> Decimal:
    if deal.per == "day":
        return deal.rate
    if deal.per == "week":
        return q_cent(deal.rate / deal.days_per_week)
    return q_cent(base * pay_hours(deal.guaranteed_hours, rules.normal_day.bands))


# --------------------------------------------------------------------------
# Computing


class _Builder:
    def __init__(self, base: Decimal, rates: dict):
        self.base = base
        self.lines: list[Line] = []
        self._rates = rates  # multiplier -> rate, shared by the week's days

    def add(self, kind: str, hours: Decimal, multiplier: Decimal, why: str) -> None:
        if hours <= 0:
            return
        rate = self._rates.get(multiplier)
        if rate is None:
            rate = self._rates[multiplier] = q_rate(self.base * multiplier)
        self.lines.append(Line(kind, hours, multiplier, rate, q_cent(hours * rate), why))

    def flat(self, kind: str, hours: Decimal, rate: Decimal, why: str) -> None:
        """A charge not derived from the base rate (hours x a fixed rate)."""
        if hours <= 0:
            return
        rate = q_rate(rate)
        self.lines.append(Line(kind, hours, Decimal("1.0"), rate, q_cent(hours * rate), why))


def _overlap(a0: dt.datetime, a1: dt.datetime, b0: dt.datetime, b1: dt.datetime) -> dt.timedelta:
    return max(dt.timedelta(0), min(a1, b1) - max(a0, b0))


@functools.lru_cache(maxsize=1024)
def _band_why(band: Band, label: str, upper: Decimal | None) -> str:
    span = (
        f"worked hours {fmt_h(band.start)} to {fmt_h(upper)}"
        if upper
        else (f"worked hours after {fmt_h(band.start)}")
    )
    text = {
        "straight": f"straight time ({span})",
        "overtime": f"overtime at {band.multiplier}x ({span})",
        "double_time": f"double time at {band.multiplier}x ({span})",
        "sixth_day": f"{label or '6th day'}: every non-golden hour at {band.multiplier}x",
        "seventh_day": f"{label or '7th day'}: {band.multiplier}x ({span})",
    }.get(band.kind, f"{band.kind.replace('_', ' ')} at {band.multiplier}x ({span})")
    if label and band.kind in ("double_time", "overtime"):
        text += f" on the {label}"
    return text


def _upper(bands: tuple[Band, ...], band: Band) -> Decimal | None:
    i = bands.index(band)
    return bands[i + 1].start if i + 1 < len(bands) else None


@functools.lru_cache(maxsize=32)
def _penalty_terms(rules_name: str) -> tuple:
    """An escalating meal-penalty schedule's numbers, read once per rule set."""
    meal = load_rules(rules_name).data["meal"]
    unit = dt.timedelta(minutes=int(meal["unit_minutes"]))
    unit_seconds = Decimal(int(unit.total_seconds()))
    return (
        unit,
        tuple(Decimal(x) for x in meal["schedule"]),
        dt.timedelta(minutes=int(meal.get("grace_minutes", 0))),
        _td(meal["next_due_hours"]),
        Decimal(3600) / unit_seconds,
        unit_seconds / Decimal(3600),
    )


def _meal_lines(b: _Builder, rules: RuleSet, day: Day) -> None:
    meal = rules.data.get("meal")
    if not meal:
        return
    anchor = day.call
    anchor_text = f"call {fmt_hm(day.call)}"
    if day.ndb and day.ndb[1] > anchor:
        anchor = day.ndb[1]
        anchor_text = f"end of breakfast {fmt_hm(anchor)}"
    first_due = anchor + _td(meal["first_due_hours"])
    meals = sorted(day.meals, key=lambda m: m.start)

    if meal["type"] == "premium":
        if meals:
            stop = meals[0].start
            what = f"first meal started {fmt_hm(stop)}"
        else:
            stop = day.wrap
            what = f"no meal before wrap {fmt_hm(stop)}"
        if stop > first_due and int(meal.get("max_per_day", 1)) > 0:
            b.add(
                "meal_premium",
                Decimal(meal["premium_hours"]).quantize(TENTH),
                Decimal(meal["multiplier"]),
                f"{what}, {minutes_late(stop - first_due)} min late (due {fmt_hm(first_due)}, "
                f"{meal['first_due_hours']}:00 after {anchor_text}): "
                f"{meal['premium_hours']} extra hour at the base rate (one a day)",
            )
        return

    # escalating penalties per unit late
    unit, schedule, grace, next_after, per_hour, half = _penalty_terms(rules.name)
    due = first_due
    for meal_no, m in enumerate([*meals, None], start=1):
        stop = m.start if m else day.wrap
        if stop > due and not (m and m.grace and m.start <= due + grace):
            late = stop - due
            units = -(-int(late.total_seconds()) // int(unit.total_seconds()))
            what = (
                f"meal {meal_no} started {fmt_hm(m.start)}"
                if m
                else f"no meal {meal_no} before wrap {fmt_hm(day.wrap)}"
            )
            # group consecutive units charged the same amount
            groups: list[list] = []
            for k in range(units):
                amt = schedule[min(k, len(schedule) - 1)]
                if groups and groups[-1][0] == amt:
                    groups[-1][1] += 1
                else:
                    groups.append([amt, 1, k + 1])
            for amt, count, first_unit in groups:
                last_unit = first_unit + count - 1
                which = f"unit {first_unit}" if count == 1 else f"units {first_unit}-{last_unit}"
                b.flat(
                    "meal_penalty",
                    (half * count).quantize(TENTH),
                    amt * per_hour,
                    f"{what}, due {fmt_hm(due)}, {minutes_late(late)} min late: "
                    f"{which} of {units} half-hours at ${amt} each",
                )
        if m is None:
            break
        due = m.end + next_after


def _rest_lines(
    b: _Builder, rules: RuleSet, day: Day, prev_wrap: dt.datetime | None, dayrate: Decimal
) -> None:
    rest = rules.data.get("rest")
    if not rest or prev_wrap is None:
        return
    need = _td(rest["hours"])
    gap = day.call - prev_wrap
    if gap >= need:
        return
    invaded = hours_up(need - gap)
    why = (
        f"only {hours_up(gap) if gap > dt.timedelta(0) else Decimal('0.0')} h from wrap "
        f"{prev_wrap:%a %b} {prev_wrap.day}, {fmt_hm(prev_wrap)} to call {fmt_hm(day.call)}; "
        f"{rest['hours']} h rest required, {invaded} h invaded"
    )
    if rest["type"] == "invaded_hours":
        b.add("rest_invasion", invaded, Decimal(rest["multiplier"]), why + ", paid again at base")
    elif rest["type"] == "forced_call":
        cap = Decimal(rest["cap"])
        charge = min(dayrate, cap)
        b.flat(
            "forced_call",
            Decimal("1.0"),
            charge,
            why + f": forced call, the lesser of the day rate ${dayrate} and ${cap}",
        )


def day_penalties(
    rules_name: str,
    day: Day,
    *,
    previous_wrap: dt.datetime | None = None,
    day_rate: Decimal = ZERO,
) -> tuple[Line, ...]:
    """One day's meal-penalty and rest lines under a rule set, without its wages (the
    Exhibit G and the hot cost read them from a performer's times). A forced call is
    charged at the lesser of ``day_rate`` and the rule set's cap."""
    rules = load_rules(rules_name)
    b = _Builder(ZERO, {})
    _meal_lines(b, rules, day)
    _rest_lines(b, rules, day, previous_wrap, day_rate)
    return tuple(b.lines)


def meal_penalty_periods(rules_name: str, lines) -> int:
    """How many meal penalties a day's lines charge under the rule set: each unit late of an
    escalating schedule (a half-hour under SAG-AFTRA and the IATSE), each premium one; the
    count the DPR, the Exhibit G and the hot cost show as "MP n"."""
    meal = load_rules(rules_name).data.get("meal")
    if not meal:
        return 0
    if meal["type"] == "premium":
        return sum(1 for line in lines if line.kind == "meal_premium")
    unit_hours = Decimal(int(meal["unit_minutes"])) / 60
    return sum(
        int((line.hours / unit_hours).to_integral_value())
        for line in lines
        if line.kind == "meal_penalty"
    )


def compute(week: Week) -> Pay:
    rules = load_rules(week.rules)
    deal = week.deal
    base = base_rate(rules, deal)
    dayrate = day_rate(rules, deal, base)
    days = sorted(week.days, key=lambda d: d.date)
    start = week.week_start or sunday_on_or_before(days[0].date if days else dt.date.today())
    worked_dates = {d.date for d in days}
    weekly = rules.data.get("weekly_overtime")
    weekly_after = Decimal(weekly["after_straight_hours"]) if weekly else None
    golden_rule = rules.data.get("golden")
    straight_so_far = ZERO
    prev_wrap = week.previous_wrap
    out: list[DayPay] = []
    rates: dict = {}
    wages = penalties = ZERO

    for ordinal, day in enumerate(days, start=1):
        consecutive = 0
        d = day.date
        while d >= start and d in worked_dates:
            consecutive += 1
            d -= dt.timedelta(days=1)
        dtype = rules.day_type(consecutive, ordinal)
        b = _Builder(base, rates)

        meal_time = sum((m.end - m.start for m in day.meals), dt.timedelta(0))
        worked = hours_up(day.wrap - day.call - meal_time)
        elapsed = hours_up(day.wrap - day.call)
        golden = ZERO
        if golden_rule:
            g_start = day.call + _td(golden_rule["after_elapsed_hours"])
            if day.wrap > g_start:
                g_time = day.wrap - g_start
                for m in day.meals:
                    g_time -= _overlap(m.start, m.end, g_start, day.wrap)
                golden = min(hours_up(g_time), worked)
        nongolden = worked - golden

        for band, hours in split_bands(ZERO, nongolden, dtype.bands):
            why = _band_why(band, dtype.label, _upper(dtype.bands, band))
            if band.kind == "straight" and weekly_after is not None:
                room = max(ZERO, weekly_after - straight_so_far)
                keep = min(hours, room)
                straight_so_far += hours
                b.add("straight", keep, band.multiplier, why)
                if hours > keep:
                    b.add(
                        "weekly_overtime",
                        hours - keep,
                        Decimal(weekly["multiplier"]),
                        f"straight hours beyond {fmt_h(weekly_after)} in the workweek "
                        f"at {weekly['multiplier']}x",
                    )
            else:
                b.add(band.kind, hours, band.multiplier, why)
        if golden > 0:
            b.add(
                "golden",
                golden,
                dtype.golden_multiplier,
                f"worked after {golden_rule['after_elapsed_hours']} elapsed hours from call "
                f"(after {fmt_hm(day.call + _td(golden_rule['after_elapsed_hours']))})"
                f": golden at {dtype.golden_multiplier}x",
            )

        if deal.guaranteed_hours > worked:
            for band, hours in split_bands(worked, deal.guaranteed_hours, dtype.bands):
                b.add(
                    "guarantee",
                    hours,
                    band.multiplier,
                    f"guaranteed {fmt_h(deal.guaranteed_hours)} h, {fmt_h(worked)} worked: "
                    f"the unworked {fmt_h(hours)} h from hour {fmt_h(max(worked, band.start))} "
                    f"are paid as {band.kind.replace('_', ' ')} ({band.multiplier}x)",
                )

        _meal_lines(b, rules, day)
        _rest_lines(b, rules, day, prev_wrap, dayrate)
        prev_wrap = day.wrap

        lines = tuple(b.lines)
        day_total = ZERO
        for ln in lines:
            day_total += ln.amount
            if ln.kind in PENALTY_KINDS:
                penalties += ln.amount
            else:
                wages += ln.amount
        out.append(DayPay(day.date, worked, elapsed, lines, day_total))

    kit = ZERO
    if week.kit_rental is not None:
        kit = week.kit_rental.amount
        if week.kit_rental.per == "day":
            kit *= len(out)
        kit = q_cent(kit)
    return Pay(
        rules.name,
        base,
        tuple(out),
        q_cent(wages),
        q_cent(penalties),
        kit,
        q_cent(wages + penalties + kit),
    )


def sunday_on_or_before(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


# --------------------------------------------------------------------------
# Input


_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _obj(value, fieldname: str) -> dict:
    if not isinstance(value, dict):
        raise PayInputError(fieldname, "must be an object")
    return value


# The keys each object of the input accepts, and those it requires: anything else (a
# misspelling above all) is refused rather than silently ignored.
INPUT_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "input": (
        ("rules", "deal", "week_start", "previous_wrap", "days", "kit_rental"),
        ("rules", "deal", "days"),
    ),
    "deal": (("rate", "per", "guaranteed_hours", "days_per_week"), ("rate", "per")),
    "day": (("date", "call", "wrap", "meals", "ndb"), ("date", "call", "wrap")),
    "meal": (("start", "end", "grace"), ("start", "end")),
    "ndb": (("start", "end"), ("start", "end")),
    "kit_rental": (("amount", "per"), ("amount",)),
}


def _keys(obj: dict, shape: str, prefix: str) -> dict:
    """Refuse an unknown or missing key, naming it and listing the accepted keys."""
    accepted, required = INPUT_KEYS[shape]
    where = f"{prefix}." if prefix else ""
    for key in obj:
        if key not in accepted:
            close = difflib.get_close_matches(str(key), accepted, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise PayInputError(
                f"{where}{key}", f"unknown key{hint}; accepted keys: {', '.join(accepted)}"
            )
    for key in required:
        if key not in obj:
            raise PayInputError(
                f"{where}{key}", f"is required; accepted keys: {', '.join(accepted)}"
            )
    return obj


def _decimal(value, fieldname: str, *, negative: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise PayInputError(fieldname, 'must be a number written as a string, e.g. "300.00"')
    try:
        out = Decimal(str(value).strip())
    except InvalidOperation:
        raise PayInputError(fieldname, f"not a number: {value!r}") from None
    if not out.is_finite():
        raise PayInputError(fieldname, f"not a number: {value!r}")
    if out < 0 and not negative:
        raise PayInputError(fieldname, "must not be negative")
    return out


def _date(value, fieldname: str) -> dt.date:
    if not isinstance(value, str):
        raise PayInputError(fieldname, "must be a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PayInputError(fieldname, f"not a date YYYY-MM-DD: {value!r}") from None


def _clock(value, fieldname: str) -> dt.time:
    if not isinstance(value, str) or not _TIME.match(value):
        raise PayInputError(fieldname, f"must be a time HH:MM, got {value!r}")
    h, m = value.split(":")
    return dt.time(int(h), int(m))


def _after(date: dt.date, t: dt.time, ref: dt.datetime) -> dt.datetime:
    """``t`` on ``date``, or the next day when earlier than ``ref``."""
    moment = dt.datetime.combine(date, t)
    while moment < ref:
        moment += dt.timedelta(days=1)
    return moment


def _nearest(date: dt.date, t: dt.time, ref: dt.datetime) -> dt.datetime:
    candidates = [dt.datetime.combine(date + dt.timedelta(days=k), t) for k in (-1, 0, 1)]
    return min(candidates, key=lambda c: abs(c - ref))


def parse_week(obj: dict) -> Week:
    """Validate and convert the JSON input of ``compute_pay``."""
    obj = _keys(_obj(obj, "input"), "input", "")
    rules_name = obj.get("rules")
    load_rules(rules_name)  # raises on an unknown rule set

    raw_deal = _keys(_obj(obj.get("deal"), "deal"), "deal", "deal")
    rate = _decimal(raw_deal["rate"], "deal.rate")
    per = raw_deal.get("per")
    if per not in PERS:
        raise PayInputError("deal.per", f"must be one of {', '.join(PERS)}, got {per!r}")
    guaranteed = _decimal(raw_deal.get("guaranteed_hours", 0), "deal.guaranteed_hours")
    dpw = raw_deal.get("days_per_week", 5)
    if isinstance(dpw, bool) or not isinstance(dpw, int) or not 1 <= dpw <= 7:
        raise PayInputError("deal.days_per_week", "must be a whole number from 1 to 7")
    if per != "hour" and guaranteed <= 0:
        raise PayInputError("deal.guaranteed_hours", f"a {per} deal needs guaranteed hours")
    deal = Deal(rate, per, guaranteed, dpw)

    week_start = None
    if obj.get("week_start") is not None:
        week_start = _date(obj["week_start"], "week_start")
    previous_wrap = None
    if obj.get("previous_wrap") is not None:
        try:
            previous_wrap = dt.datetime.fromisoformat(obj["previous_wrap"])
        except (TypeError, ValueError):
            raise PayInputError(
                "previous_wrap", f"not a date-time YYYY-MM-DDTHH:MM: {obj['previous_wrap']!r}"
            ) from None
        if previous_wrap.tzinfo is not None:
            raise PayInputError("previous_wrap", "must be a local time without a time zone")

    raw_days = obj.get("days")
    if not isinstance(raw_days, list) or not raw_days:
        raise PayInputError("days", "must be a non-empty list of days")
    days: list[Day] = []
    seen: set[dt.date] = set()
    for i, raw in enumerate(raw_days):
        p = f"days[{i}]"
        raw = _keys(_obj(raw, p), "day", p)
        date = _date(raw.get("date"), f"{p}.date")
        if date in seen:
            raise PayInputError(f"{p}.date", f"{date} appears twice")
        seen.add(date)
        call = dt.datetime.combine(date, _clock(raw.get("call"), f"{p}.call"))
        wrap_t = _clock(raw.get("wrap"), f"{p}.wrap")
        wrap = _after(date, wrap_t, call)
        if wrap == call:
            raise PayInputError(f"{p}.wrap", "wrap equals call")
        meals: list[Meal] = []
        raw_meals = raw.get("meals", [])
        if not isinstance(raw_meals, list):
            raise PayInputError(f"{p}.meals", "must be a list")
        for j, rm in enumerate(raw_meals):
            mp = f"{p}.meals[{j}]"
            rm = _keys(_obj(rm, mp), "meal", mp)
            start = _after(date, _clock(rm.get("start"), f"{mp}.start"), call)
            end = _after(date, _clock(rm.get("end"), f"{mp}.end"), start)
            if end == start:
                raise PayInputError(f"{mp}.end", "meal end equals its start")
            if end > wrap:
                raise PayInputError(f"{mp}.end", "meal ends after wrap")
            grace = rm.get("grace", False)
            if not isinstance(grace, bool):
                raise PayInputError(f"{mp}.grace", "must be true or false")
            for k, other in enumerate(meals):
                if start < other.end and other.start < end:
                    raise PayInputError(mp, f"overlaps {p}.meals[{k}]")
            meals.append(Meal(start, end, grace))
        ndb = None
        if raw.get("ndb") is not None:
            rn = _keys(_obj(raw["ndb"], f"{p}.ndb"), "ndb", f"{p}.ndb")
            n_start = _nearest(date, _clock(rn.get("start"), f"{p}.ndb.start"), call)
            n_end = _after(date, _clock(rn.get("end"), f"{p}.ndb.end"), n_start)
            if n_end == n_start:
                raise PayInputError(f"{p}.ndb.end", "breakfast end equals its start")
            ndb = (n_start, n_end)
        days.append(Day(date, call, wrap, tuple(sorted(meals, key=lambda m: m.start)), ndb))

    days.sort(key=lambda d: d.date)
    if week_start is None:
        week_start = sunday_on_or_before(days[0].date)
    for i, raw in enumerate(raw_days):
        date = dt.date.fromisoformat(raw["date"])
        if not week_start <= date < week_start + dt.timedelta(days=7):
            raise PayInputError(
                f"days[{i}].date", f"{date} is outside the workweek starting {week_start}"
            )
    for prev, nxt in zip(days, days[1:], strict=False):
        if nxt.call < prev.wrap:
            raise PayInputError("days", f"call on {nxt.date} is before the wrap of {prev.date}")
    if previous_wrap is not None and days[0].call < previous_wrap:
        raise PayInputError("previous_wrap", "is after the first call of the week")

    kit = None
    if obj.get("kit_rental") is not None:
        rk = _keys(_obj(obj["kit_rental"], "kit_rental"), "kit_rental", "kit_rental")
        amount = _decimal(rk.get("amount"), "kit_rental.amount")
        kper = rk.get("per", "week")
        if kper not in ("day", "week"):
            raise PayInputError("kit_rental.per", f"must be day or week, got {kper!r}")
        kit = KitRental(amount, kper)

    return Week(rules_name, deal, week_start, previous_wrap, tuple(days), kit)


# --------------------------------------------------------------------------
# Output


def _mult(m: Decimal) -> str:
    return str(m.quantize(TENTH)) if m == m.quantize(TENTH) else str(m.normalize())


def pay_json(pay: Pay) -> dict:
    return {
        "rules": pay.rules,
        "base_rate": str(q_rate(pay.base_rate)),
        "days": [
            {
                "date": dp.date.isoformat(),
                "worked_hours": fmt_h(dp.worked_hours),
                "elapsed_hours": fmt_h(dp.elapsed_hours),
                "lines": [
                    {
                        "kind": ln.kind,
                        "hours": fmt_h(ln.hours),
                        "multiplier": _mult(ln.multiplier),
                        "rate": str(q_rate(ln.rate)),
                        "amount": str(q_cent(ln.amount)),
                        "why": ln.why,
                    }
                    for ln in dp.lines
                ],
                "total": str(q_cent(dp.total)),
            }
            for dp in pay.days
        ],
        "wages": str(q_cent(pay.wages)),
        "penalties": str(q_cent(pay.penalties)),
        "kit_rental": str(q_cent(pay.kit_rental)),
        "gross": str(q_cent(pay.gross)),
    }
