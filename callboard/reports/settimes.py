"""Times from set, framework-free: how a typed time becomes minutes of the shoot day, how
minutes print, and the order a day's times must keep.

A time is stored as minutes after midnight at the start of the shoot date, so a night shoot's
01:30 the next morning is 1530 (25:30). As on the time cards, a time typed earlier than the
crew call belongs to the next morning only when it is typed past 24:00 or marked "next
morning"; otherwise it is refused (a wrap before call is a typo far more often than a night).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY = 24 * 60
# The latest a time on one shoot day may be: 47:59 (a second night's morning is a new day).
LATEST = 2 * DAY - 1

# The times of a day, in the order they happen (a meal may be skipped, never reordered).
KINDS = (
    "crew_call",
    "ndb_start",
    "ndb_end",
    "first_shot",
    "meal_out",
    "meal_in",
    "first_shot_after_meal",
    "second_meal_out",
    "second_meal_in",
    "camera_wrap",
    "last_out",
)
LABELS = {
    "crew_call": "Crew call",
    "ndb_start": "Breakfast (NDB) start",
    "ndb_end": "Breakfast (NDB) end",
    "first_shot": "First shot",
    "meal_out": "Lunch out",
    "meal_in": "Lunch in",
    "first_shot_after_meal": "First shot after lunch",
    "second_meal_out": "Second meal out",
    "second_meal_in": "Second meal in",
    "camera_wrap": "Camera wrap",
    "last_out": "Last man out",
}
# Pairs that must go forward: (earlier, later), each checked when both are known.
ORDER = (
    ("crew_call", "first_shot"),
    ("ndb_start", "ndb_end"),
    ("ndb_end", "first_shot"),
    ("first_shot", "meal_out"),
    ("meal_out", "meal_in"),
    ("meal_in", "first_shot_after_meal"),
    ("meal_in", "second_meal_out"),
    ("first_shot_after_meal", "second_meal_out"),
    ("second_meal_out", "second_meal_in"),
    ("first_shot", "camera_wrap"),
    ("meal_in", "camera_wrap"),
    ("first_shot_after_meal", "camera_wrap"),
    ("second_meal_in", "camera_wrap"),
    ("camera_wrap", "last_out"),
)

# A call-sheet time up to this long before the crew call is a pre-call (makeup, grips) of the
# same morning; one earlier than that is after midnight (a night shoot's 02:00 wrap). The
# longest day on set ends well before it comes round to the next call.
PRE_CALL = 6 * 60

# A first shot later than this after call needs its reason (and the status report says it).
LATE_FIRST_SHOT = 60

_TYPED = re.compile(r"^\s*(\d{1,2})(?::?(\d{2}))?\s*([ap]\.?m?\.?)?\s*$", re.IGNORECASE)


class SetTimeError(ValueError):
    """A time that cannot be read, or times out of order; the message says which."""


@dataclass(frozen=True)
class Typed:
    """A time as typed: minutes after midnight (may pass 24:00 when typed so)."""

    minutes: int
    past_midnight: bool  # typed as 24:00 or later


def parse_typed(text: str) -> Typed:
    """'7:30', '0730', '19:05', '7:30 pm', '25:30' (01:30 the next morning)."""
    match = _TYPED.match(text or "")
    if not match:
        raise SetTimeError(f"{text!r} is not a time: type it as 7:30, 19:05, 7:30 PM or 25:30.")
    hours, minutes, meridiem = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if match[2] is None and len(match[1]) > 2:
        raise SetTimeError(f"{text!r} is not a time: type it as 7:30, 19:05, 7:30 PM or 25:30.")
    if minutes > 59:
        raise SetTimeError(f"{text!r}: minutes go up to 59.")
    if meridiem:
        if not 1 <= hours <= 12:
            raise SetTimeError(f"{text!r}: with AM or PM the hour is 1 to 12.")
        hours = hours % 12 + (12 if meridiem.startswith("p") else 0)
    elif hours > 47:
        raise SetTimeError(f"{text!r}: a shoot day's time goes up to 47:59.")
    return Typed(hours * 60 + minutes, past_midnight=hours >= 24)


def day_minutes(typed: Typed, *, call: int | None, next_morning: bool = False) -> int:
    """The minutes of the shoot day a typed time means, against the day's crew call: a time
    before call is the next morning only if typed past 24:00 or marked so."""
    minutes = typed.minutes
    if next_morning and not typed.past_midnight:
        minutes += DAY
    if call is not None and minutes < call and not next_morning and not typed.past_midnight:
        raise SetTimeError(
            f"{format_minutes(minutes)} is before the crew call ({format_minutes(call)}). "
            "If it is the next morning, mark it so or type it past 24:00 (e.g. 25:30)."
        )
    if minutes > LATEST:
        raise SetTimeError(f"{format_minutes(minutes % DAY)} the next morning is too late.")
    return minutes


def sheet_minutes(time: dt.time | str | None, crew_call: int | None) -> int | None:
    """A call sheet's wall-clock time as minutes of the shoot day (None when it is no time, e.g.
    "W/N"): one more than a pre-call earlier than the crew call is the next morning (crew call
    18:00, wrap 02:00 -> 26:00; midnight is 24:00, never nothing). The crew call itself is
    read with ``crew_call=None``."""
    if not isinstance(time, dt.time):
        return None
    minutes = time.hour * 60 + time.minute
    if crew_call is not None and minutes < crew_call - PRE_CALL:
        minutes += DAY
    return minutes


def format_minutes(minutes: int | None) -> str:
    """'7:30 AM', '1:30 AM (+1)': the time of day, and the next morning marked."""
    if minutes is None:
        return ""
    days, within = divmod(minutes, DAY)
    hours, mins = divmod(within, 60)
    text = f"{(hours % 12) or 12}:{mins:02d} {'AM' if hours < 12 else 'PM'}"
    return text + (f" (+{days})" if days else "")


def clock_24(minutes: int | None) -> str:
    """'07:30', '25:30': the form a time card and the pay engine read."""
    if minutes is None:
        return ""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def order_errors(times: dict[str, int]) -> list[str]:
    """Every pair of the day's times out of order, as a sentence naming both."""
    errors = []
    for earlier, later in ORDER:
        if earlier in times and later in times and times[later] < times[earlier]:
            errors.append(
                f"{LABELS[later]} ({format_minutes(times[later])}) is before "
                f"{LABELS[earlier].lower()} ({format_minutes(times[earlier])})."
            )
    return errors


def moment(date: dt.date, minutes: int) -> dt.datetime:
    """The wall-clock moment of minutes of the shoot day (1530 on the 10th: 01:30 on the 11th)."""
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=minutes)
