"""A weekly time card's days: read from a form, checked, priced by the engine, and flagged.

Pure Python (no Django). A card's days are the engine's own input shape with local
"HH:MM" times; a day with a call but no wrap yet is kept (the person may finish it
later) but is not priced, and a card cannot be submitted while one is open.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from callboard.core.params import text_param  # framework-free, like this module

from .engine import PayInputError, compute, load_rules, parse_week, pay_json

MEAL_SLOTS = ("m1", "m2")
PENALTY_KINDS = {"meal_penalty", "meal_premium"}
TURNAROUND_KINDS = {"rest_invasion", "forced_call"}
# A wrap this far from the call sheet's estimate is worth a look.
WRAP_DIFFERENCE = dt.timedelta(hours=1)

_CLOCK = re.compile(r"^(\d{1,2})(?::?(\d{2}))?(?::\d{2})?\s*([ap]\.?m?\.?)?$", re.IGNORECASE)


class DayProblems(ValueError):
    """What is wrong with the typed days: {date ISO or "week": message}."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def clock_text(text: str) -> str:
    """'7', '7:05', '0705', '7:05 pm', '19:05:00' → 'HH:MM'; '' stays ''. ValueError otherwise."""
    text = (text or "").strip()
    if not text:
        return ""
    match = _CLOCK.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time; write it like 07:30 or 7:30 PM")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time of day")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return f"{hour:02d}:{minute:02d}"


def week_dates(week_start: dt.date) -> list[dt.date]:
    return [week_start + dt.timedelta(days=n) for n in range(7)]


def day_label(date: dt.date | str) -> str:
    date = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return f"{date:%a %b} {date.day}"


def days_from_form(week_start: dt.date, form: dict[str, str]) -> list[dict]:
    """The seven days of a posted card (fields d0_call … d6_wrap), as stored; days left
    empty are left out. Raises DayProblems naming each day that cannot be read."""
    days, problems = [], {}
    for n, date in enumerate(week_dates(week_start)):

        def get(name, n=n):
            return str(form.get(f"d{n}_{name}", "") or "")

        try:
            day = _day_from_values(date, get)
        except ValueError as exc:
            problems[date.isoformat()] = str(exc)
            continue
        if day is not None:
            days.append(day)
    if problems:
        raise DayProblems(problems)
    return days


def _day_from_values(date: dt.date, get) -> dict | None:
    call, wrap = clock_text(get("call")), clock_text(get("wrap"))
    meals = []
    for slot in MEAL_SLOTS:
        start, end = clock_text(get(f"{slot}_start")), clock_text(get(f"{slot}_end"))
        if bool(start) != bool(end):
            raise ValueError(f"give both the start and the end of meal {len(meals) + 1}")
        if start:
            meals.append({"start": start, "end": end, "grace": get(f"{slot}_grace") == "on"})
    ndb_start, ndb_end = clock_text(get("ndb_start")), clock_text(get("ndb_end"))
    if bool(ndb_start) != bool(ndb_end):
        raise ValueError("give both the start and the end of the breakfast")
    note = text_param(get("note"), 200)
    if not (call or wrap or meals or ndb_start or note):
        return None
    if not call and (wrap or meals or ndb_start):
        raise ValueError("give the call time")
    day = {
        "date": date.isoformat(),
        "call": call,
        "wrap": wrap,
        "meals": meals,
        "ndb": {"start": ndb_start, "end": ndb_end} if ndb_start else None,
        "note": note,
    }
    if get("overnight") == "on":
        day["overnight"] = True
    return day


def keep_grace(days: list[dict], stored: list[dict]) -> list[dict]:
    """Grace is called by the AD, never claimed: the crew's own edits keep the office's
    grace marks on meals that still start when they did, and set no new ones."""
    before = {
        d["date"]: {m["start"]: m.get("grace", False) for m in d.get("meals", [])} for d in stored
    }
    for day in days:
        for meal in day["meals"]:
            meal["grace"] = before.get(day["date"], {}).get(meal["start"], False)
    return days


def form_values(days: list[dict], week_start: dt.date) -> dict[str, str]:
    """The stored days as the form's fields (for showing them back)."""
    by_date = {d["date"]: d for d in days}
    values = {}
    for n, date in enumerate(week_dates(week_start)):
        day = by_date.get(date.isoformat())
        if day is None:
            continue
        values[f"d{n}_call"], values[f"d{n}_wrap"] = day["call"], day["wrap"]
        values[f"d{n}_note"] = day.get("note", "")
        for slot, meal in zip(MEAL_SLOTS, day.get("meals", []), strict=False):
            values[f"d{n}_{slot}_start"], values[f"d{n}_{slot}_end"] = meal["start"], meal["end"]
            values[f"d{n}_{slot}_grace"] = "on" if meal.get("grace") else ""
        if day.get("ndb"):
            values[f"d{n}_ndb_start"] = day["ndb"]["start"]
            values[f"d{n}_ndb_end"] = day["ndb"]["end"]
        values[f"d{n}_overnight"] = "on" if day.get("overnight") else ""
    return values


def open_days(days: list[dict]) -> list[str]:
    """Dates of days with a call but no wrap yet."""
    return [d["date"] for d in days if d["call"] and not d["wrap"]]


@dataclass(frozen=True)
class CardDeal:
    rules: str
    rate: Decimal
    per: str
    guaranteed_hours: Decimal
    days_per_week: int = 5
    kit_rental: Decimal | None = None
    kit_rental_per: str = "week"


def engine_input(deal: CardDeal, week_start: dt.date, previous_wrap: str, days: list[dict]) -> dict:
    """The compute_pay JSON for the card's complete days."""
    data = {
        "rules": deal.rules,
        "deal": {
            "rate": str(deal.rate),
            "per": deal.per,
            "guaranteed_hours": str(deal.guaranteed_hours),
            "days_per_week": deal.days_per_week,
        },
        "week_start": week_start.isoformat(),
        "days": [
            {
                "date": d["date"],
                "call": d["call"],
                "wrap": d["wrap"],
                "meals": d.get("meals", []),
                "ndb": d.get("ndb"),
            }
            for d in sorted(days, key=lambda d: d["date"])
            if d["call"] and d["wrap"]
        ],
    }
    if previous_wrap:
        data["previous_wrap"] = previous_wrap
    if deal.kit_rental:
        data["kit_rental"] = {"amount": str(deal.kit_rental), "per": deal.kit_rental_per}
    return data


_FIELD = re.compile(r"^days\[(\d+)\](?:\.(meals)\[(\d+)\]|\.(ndb))?(?:\.(\w+))?")
_REF = re.compile(r"days\[\d+\]\.meals\[(\d+)\]")


def price(deal: CardDeal, week_start: dt.date, previous_wrap: str, days: list[dict]) -> dict:
    """The engine's pay_json for the complete days ({} when none is complete).
    Raises DayProblems with the engine's objection put on the day it concerns."""
    data = engine_input(deal, week_start, previous_wrap, days)
    if not data["days"]:
        return {}
    try:
        return pay_json(compute(parse_week(data)))
    except PayInputError as exc:
        raise DayProblems(_problem_for(exc, data)) from exc


def _problem_for(exc: PayInputError, data: dict) -> dict[str, str]:
    message = _REF.sub(lambda m: f"meal {int(m.group(1)) + 1}", exc.message)
    match = _FIELD.match(exc.field)
    if match is None:
        key = "previous_wrap" if exc.field == "previous_wrap" else "week"
        return {key: message}
    date = data["days"][int(match.group(1))]["date"]
    if match.group(2):
        what = f"meal {int(match.group(3)) + 1}"
        part = match.group(5)
        what += f" {part}" if part in ("start", "end") else ""
    elif match.group(4):
        what = "breakfast"
    else:
        what = match.group(5) or ""
    return {date: f"{what}: {message}" if what else message}


# --------------------------------------------------------------------------- flags


@dataclass(frozen=True)
class SheetDay:
    """What the published call sheet said for one person on one date."""

    call: str  # "HH:MM"
    est_wrap: str = ""  # "HH:MM" or ""
    lunch: str = ""  # "HH:MM" or ""


LUNCH_MINUTES = 30


def days_from_sheets(sheets: dict[str, SheetDay]) -> list[dict]:
    """A card's first draft: each day the call sheets called the person, with the sheet's
    call, a half-hour lunch at its time and its estimated wrap, for the person to correct."""
    days = []
    for date, sheet in sorted(sheets.items()):
        meals = []
        if sheet.lunch:
            end = (_minutes(sheet.lunch) + LUNCH_MINUTES) % 1440
            meals.append(
                {"start": sheet.lunch, "end": f"{end // 60:02d}:{end % 60:02d}", "grace": False}
            )
        day = {
            "date": date,
            "call": sheet.call,
            "wrap": sheet.est_wrap,
            "meals": meals,
            "ndb": None,
            "note": "",
        }
        # (an O/C call is no time: nothing to compare the wrap with)
        if sheet.call and sheet.est_wrap and _minutes(sheet.est_wrap) < _minutes(sheet.call):
            day["overnight"] = True  # the sheet's own convention: a night shoot
        days.append(day)
    return days


@dataclass(frozen=True)
class ActualDay:
    """What the day's production report (DPR, or the Exhibit G for a performer) says a person
    worked: minutes after midnight of the date (1530 is 01:30 the next morning), None where
    the report has no time yet; ``tolerance`` the minutes a card may differ by; ``grace``
    whether the AD called grace on the first meal (a card filled from the day keeps it, so
    it prices the meal as the report did)."""

    call: int
    wrap: int | None = None
    meal_out: int | None = None
    meal_in: int | None = None
    tolerance: int = 6
    grace: bool = False


COMPARED = (("call", "call"), ("meal_out", "meal out"), ("meal_in", "meal in"), ("wrap", "wrap"))


def _clock(minutes: int | None) -> str:
    if minutes is None:
        return "none"
    days, within = divmod(minutes, 1440)
    return f"{within // 60:02d}:{within % 60:02d}" + (" (+1)" if days else "")


def card_minutes(day: dict) -> dict[str, int | None]:
    """A card day's call, first meal and wrap as minutes of its date: a time earlier than the
    call is the next morning only on a day marked as wrapping after midnight (the night-shoot
    convention; unmarked, it is that morning, as the card's own check reads it)."""
    if not day.get("call"):
        return {name: None for name, _ in COMPARED}
    call = _minutes(day["call"])
    overnight = bool(day.get("overnight"))

    def after_call(hhmm: str) -> int | None:
        if not hhmm:
            return None
        minutes = _minutes(hhmm)
        return minutes + 1440 if overnight and minutes < call else minutes

    meals = day.get("meals") or []
    return {
        "call": call,
        "meal_out": after_call(meals[0]["start"]) if meals else None,
        "meal_in": after_call(meals[0]["end"]) if meals else None,
        "wrap": after_call(day.get("wrap", "")),
    }


def day_differences(day: dict | None, actual: ActualDay) -> list[tuple[str, str, str]]:
    """(what, on the DPR, on the card) for each of call, first meal and wrap further apart than
    the tolerance; a time the report has not got yet is not compared."""
    card = card_minutes(day or {})
    out = []
    for name, label in COMPARED:
        dpr = getattr(actual, name)
        if dpr is None:
            continue
        claimed = card[name]
        if claimed is None or abs(claimed - dpr) > actual.tolerance:
            out.append((label, _clock(dpr), _clock(claimed)))
    return out


def dpr_flag(date: str, day: dict | None, actual: ActualDay) -> Flag | None:
    """The card's day against the DPR's: one flag with both values of everything that differs
    by more than the tolerance."""
    differences = day_differences(day, actual)
    if not differences:
        return None
    parts = "; ".join(
        f"{what} {dpr} on the DPR, {card} on the card" for what, dpr, card in differences
    )
    return Flag(
        "dpr_differs",
        date,
        f"{day_label(date)}: differs from the production report by more than "
        f"{actual.tolerance} min — {parts}.",
    )


def days_with_actuals(days: list[dict], actuals: dict[str, ActualDay]) -> list[dict]:
    """A card's draft days with each day the production report covers taken from it (call,
    first meal and wrap as reported); the rest as the call sheets had them."""
    by_date = {d["date"]: d for d in days}
    for date, actual in actuals.items():
        day = dict(by_date.get(date) or {"date": date, "ndb": None, "note": ""})
        day["call"] = _clock(actual.call)[:5]
        day["wrap"] = _clock(actual.wrap)[:5] if actual.wrap is not None else ""
        meals = list(day.get("meals") or [])
        if actual.meal_out is not None and actual.meal_in is not None:
            # The report's first meal; a second meal stays as the card has it.
            meals[:1] = [
                {
                    "start": _clock(actual.meal_out)[:5],
                    "end": _clock(actual.meal_in)[:5],
                    "grace": actual.grace,
                }
            ]
        day["meals"] = meals
        day.pop("overnight", None)
        if actual.wrap is not None and actual.wrap >= 1440:
            day["overnight"] = True
        by_date[date] = day
    return [by_date[d] for d in sorted(by_date)]


@dataclass(frozen=True)
class Flag:
    code: str
    date: str  # ISO date, or "" for the whole card
    message: str

    @property
    def blocks(self) -> bool:
        """Everything to check blocks the office's review until resolved or overridden,
        except what is said for information only."""
        return self.code not in INFO_CODES

    @property
    def blocks_approval(self) -> bool:
        """Stops the department's approval until resolved: hours that cannot be right, and a
        day that differs from the production report (accepting either side takes a reason)."""
        return self.code in HOURS_CODES or self.code in DPR_CODES

    def as_json(self) -> dict:
        return {"code": self.code, "date": self.date, "message": self.message}


INFO_CODES = {"not_called"}
HOURS_CODES = {"wrap_before_call", "future_day", "long_day", "long_elapsed", "long_week"}
DPR_CODES = {"dpr_differs"}


@dataclass(frozen=True)
class HourLimits:
    """Hours past which a day or week cannot be right (the production may set its own)."""

    day_worked: Decimal = Decimal("16")
    day_elapsed: Decimal = Decimal("20")
    week_worked: Decimal = Decimal("90")


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def _h(hours: Decimal) -> str:
    return f"{Decimal(hours):.1f} h"


LINE_LABELS = {
    "straight": "Straight time",
    "overtime": "Overtime",
    "double_time": "Double time",
    "golden": "Golden hours",
    "sixth_day": "6th day",
    "seventh_day": "7th day",
    "weekly_overtime": "Weekly overtime",
    "guarantee": "Guarantee (not worked)",
    "meal_penalty": "Meal penalty",
    "meal_premium": "Meal premium (late first meal)",
    "rest_invasion": "Rest invasion (short turnaround)",
    "forced_call": "Forced call",
    "kit_rental": "Kit rental",
}
_MEAL_NO = re.compile(r"^(?:no )?meal (\d+)\b")
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def rules_title(name: str) -> str:
    """A rule set by its title ("SAG-AFTRA day performer"), not its file name."""
    try:
        return load_rules(name).title or name
    except PayInputError:
        return name


def line_label(kind: str, why: str = "") -> str:
    """A pay line in words: "Meal penalty (2nd meal)", never meal_penalty."""
    label = LINE_LABELS.get(kind, kind.replace("_", " ").capitalize())
    if kind == "meal_penalty":
        match = _MEAL_NO.match(why or "")
        if match:
            n = int(match.group(1))
            label += f" ({_ORDINAL.get(n, f'{n}th')} meal)"
    return label


def card_flags(
    *,
    days: list[dict],
    pay: dict,
    deal: CardDeal,
    listed_rate: Decimal | None,
    listed_per: str,
    sheets: dict[str, SheetDay],
    department_dates: set[str],
    limits: HourLimits = HourLimits(),
    today: dt.date | None = None,
    show_money: bool = True,
    actuals: dict[str, ActualDay] | None = None,
) -> list[Flag]:
    """What the office must look at before passing the card to payroll.

    ``sheets``: this person's calls on published call sheets by date; ``department_dates``:
    the dates a published call sheet called the person's department (so a set crew
    member's day worked without being called can be told from office or prep work, which
    no sheet lists); ``today``: the production's date, for days not yet come; ``actuals``:
    what the day's production report says the person worked, by date (the card is then
    measured against it rather than the call sheet's plan)."""
    flags: list[Flag] = []
    actuals = actuals or {}
    if listed_rate is None:
        flags.append(Flag("rate", "", "The crew list has no rate for this person."))
    elif Decimal(listed_rate) != deal.rate or listed_per != deal.per:
        flags.append(
            Flag(
                "rate",
                "",
                f"The card pays {_money(deal.rate)} per {deal.per}; the deal on the crew "
                f"list is {_money(Decimal(listed_rate))} per {listed_per or '?'}."
                if show_money
                else "The card's rate is not the deal on the crew list.",
            )
        )
    by_date = {d["date"]: d for d in days}
    for date in sorted(set(by_date) | set(sheets) | set(actuals)):
        day, sheet, label = by_date.get(date), sheets.get(date), day_label(date)
        if date in actuals:
            flag = dpr_flag(date, day, actuals[date])
            if flag is not None:
                flags.append(flag)
            sheet = None  # measured against what happened, not the plan
            if day is None or not day["call"]:
                continue
        if day is None or not day["call"]:
            if sheet is not None:
                flags.append(
                    Flag(
                        "missing_day",
                        date,
                        f"{label}: called at {sheet.call} on the call sheet, but no "
                        f"hours on the card.",
                    )
                )
            continue
        if today is not None and dt.date.fromisoformat(date) > today:
            flags.append(Flag("future_day", date, f"{label}: hours for a day still to come."))
        if not day["wrap"]:
            flags.append(Flag("open_day", date, f"{label}: no wrap time yet."))
        elif _minutes(day["wrap"]) < _minutes(day["call"]) and not day.get("overnight"):
            flags.append(
                Flag(
                    "wrap_before_call",
                    date,
                    f"{label}: wrap {day['wrap']} is earlier than call {day['call']}; "
                    f"mark the day as wrapping after midnight, or correct it.",
                )
            )
        if sheet is None:
            if date in department_dates and date not in actuals:
                flags.append(
                    Flag(
                        "not_called",
                        date,
                        f"{label}: worked, but not on that day's call sheet, which "
                        f"called the department (for information).",
                    )
                )
            continue
        if day["call"] != sheet.call:
            flags.append(
                Flag(
                    "call_differs",
                    date,
                    f"{label}: call {day['call']} on the card, {sheet.call} on the call sheet.",
                )
            )
        if sheet.est_wrap and day["wrap"]:
            wrap, estimate = _minutes(day["wrap"]), _minutes(sheet.est_wrap)
            call = _minutes(day["call"])
            # Times past midnight belong to the next day.
            wrap += 1440 if wrap < call else 0
            estimate += 1440 if estimate < call else 0
            if abs(wrap - estimate) >= WRAP_DIFFERENCE.total_seconds() // 60:
                flags.append(
                    Flag(
                        "wrap_differs",
                        date,
                        f"{label}: wrap {day['wrap']} on the card; the call sheet "
                        f"estimated {sheet.est_wrap}.",
                    )
                )
    week_worked = Decimal("0")
    for day_pay in pay.get("days", []):
        label = day_label(day_pay["date"])
        worked, elapsed = Decimal(day_pay["worked_hours"]), Decimal(day_pay["elapsed_hours"])
        week_worked += worked
        if worked > limits.day_worked:
            flags.append(
                Flag(
                    "long_day",
                    day_pay["date"],
                    f"{label}: {_h(worked)} worked, more than the "
                    f"{_h(limits.day_worked)} a day can be.",
                )
            )
        if elapsed > limits.day_elapsed:
            flags.append(
                Flag(
                    "long_elapsed",
                    day_pay["date"],
                    f"{label}: {_h(elapsed)} from call to wrap, more than "
                    f"{_h(limits.day_elapsed)}.",
                )
            )
        for kinds, code in ((PENALTY_KINDS, "meal_penalty"), (TURNAROUND_KINDS, "turnaround")):
            lines = [ln for ln in day_pay["lines"] if ln["kind"] in kinds]
            if lines:
                amount = sum((Decimal(ln["amount"]) for ln in lines), Decimal("0"))
                # One reason per meal or rest, not one per half-hour unit.
                reasons = dict.fromkeys(ln["why"].split(": ")[0] for ln in lines)
                if show_money:
                    text = f"{label}: {_money(amount)} — {'; '.join(reasons)}"
                else:  # hours and times only: no amounts for those who do not see rates
                    words = "meal penalty" if code == "meal_penalty" else "short turnaround"
                    text = f"{label}: {words} — {'; '.join(reasons)}"
                flags.append(Flag(code, day_pay["date"], text))
    if week_worked > limits.week_worked:
        flags.append(
            Flag(
                "long_week",
                "",
                f"{_h(week_worked)} worked this week, more than {_h(limits.week_worked)}.",
            )
        )
    return flags
