"""The stripboard and its calendar, framework-free (no Django import).

A scenario's board is three lists of strip ids: the shoot days (each an ordered list; a day
may be empty, e.g. a travel day), the strips not yet in a day ("unscheduled", after the last
day break) and the boneyard (strips set aside). Every operation returns a new layout holding
exactly the same strips, or raises :class:`BoardError` and changes nothing, so changing the
order can never lose a scene.

Weekdays follow USS: 0 = Sunday .. 6 = Saturday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dood import Calendar as DoodCalendar

UNSCHEDULED = "unscheduled"
BONEYARD = "boneyard"
DAY = "day"
NEW_DAY = "new_day"
TARGETS = (DAY, NEW_DAY, UNSCHEDULED, BONEYARD)

# Look this many days past the start for shoot dates before deciding a calendar has none.
_SEARCH_LIMIT = 3660


class BoardError(ValueError):
    """A move or edit that cannot be made; the message says why, for the coordinator."""


def uss_weekday(day: date) -> int:
    """0 = Sunday .. 6 = Saturday (Python's weekday() has Monday = 0)."""
    return (day.weekday() + 1) % 7


@dataclass(frozen=True)
class CalendarRules:
    start: date
    weekly_off: frozenset[int] = frozenset()  # USS weekdays the company does not shoot
    days_off: frozenset[date] = frozenset()  # single days off
    holidays: frozenset[date] = frozenset()  # holidays (never shot, marked HOL)

    def is_off(self, day: date) -> bool:
        return uss_weekday(day) in self.weekly_off or day in self.days_off or day in self.holidays

    def shoot_dates(self, count: int) -> list[date]:
        """The dates of shoot days 1..count."""
        dates: list[date] = []
        day = self.start
        try:
            for _ in range(count * 7 + _SEARCH_LIMIT):
                if len(dates) >= count:
                    break
                if not self.is_off(day):
                    dates.append(day)
                day += timedelta(days=1)
        except OverflowError:
            raise BoardError(
                "The calendar runs past the year 9999; check its first shoot day."
            ) from None
        if len(dates) < count:
            raise BoardError("The calendar has no shoot days: every weekday is a day off.")
        return dates

    def dood_calendar(self, count: int) -> DoodCalendar:
        """The DOOD engine's calendar for a schedule of ``count`` shoot days."""
        dates = self.shoot_dates(count)
        if not dates:
            return DoodCalendar(days=[], shoot_days={}, days_off=set(), holidays=set())
        days = [dates[0] + timedelta(days=i) for i in range((dates[-1] - dates[0]).days + 1)]
        return DoodCalendar(
            days=days,
            shoot_days={day: number for number, day in enumerate(dates, start=1)},
            days_off={day for day in days if self.is_off(day)},
            holidays={day for day in days if day in self.holidays},
        )


@dataclass(frozen=True)
class Layout:
    days: tuple[tuple[int, ...], ...] = ()
    unscheduled: tuple[int, ...] = ()
    boneyard: tuple[int, ...] = ()

    @classmethod
    def of(cls, days, unscheduled=(), boneyard=()) -> Layout:
        return cls(tuple(tuple(day) for day in days), tuple(unscheduled), tuple(boneyard))

    def strips(self) -> list[int]:
        """Every strip on the board, in board order."""
        out = [strip for day in self.days for strip in day]
        return out + list(self.unscheduled) + list(self.boneyard)

    def where(self, strip: int) -> tuple[str, int | None]:
        """(DAY, day index) / (UNSCHEDULED, None) / (BONEYARD, None)."""
        for index, day in enumerate(self.days):
            if strip in day:
                return DAY, index
        if strip in self.unscheduled:
            return UNSCHEDULED, None
        if strip in self.boneyard:
            return BONEYARD, None
        raise BoardError("That strip is not on this board (it may have been moved already).")

    def check(self) -> None:
        strips = self.strips()
        if len(strips) != len(set(strips)):
            raise BoardError("A strip appears twice on the board.")

    def as_json(self) -> dict:
        return {
            "days": [list(day) for day in self.days],
            "unscheduled": list(self.unscheduled),
            "boneyard": list(self.boneyard),
        }


def _insert(items: list[int], strip: int, before: int | None) -> list[int]:
    if before is None:
        return [*items, strip]
    if before not in items:
        raise BoardError("The strip to drop before is not where you dropped it; reload the board.")
    at = items.index(before)
    return [*items[:at], strip, *items[at:]]


def move_strip(
    layout: Layout, strip: int, *, target: str, day: int | None = None, before: int | None = None
) -> Layout:
    """Move ``strip`` to ``target`` (a day by 0-based index, a new day at the end, the
    unscheduled strips or the boneyard), before the strip ``before`` or at the end."""
    if target not in TARGETS:
        raise BoardError(f"Unknown place on the board: {target!r}.")
    if before == strip:
        return layout
    layout.where(strip)  # raises when the strip is not on the board
    days = [[s for s in d if s != strip] for d in layout.days]
    unscheduled = [s for s in layout.unscheduled if s != strip]
    boneyard = [s for s in layout.boneyard if s != strip]
    if target == DAY:
        if day is None or not 0 <= day < len(days):
            raise BoardError("That shoot day is not on the board any more; reload the board.")
        days[day] = _insert(days[day], strip, before)
    elif target == NEW_DAY:
        days.append([strip])
    elif target == UNSCHEDULED:
        unscheduled = _insert(unscheduled, strip, before)
    else:
        boneyard = _insert(boneyard, strip, before)
    moved = Layout.of(days, unscheduled, boneyard)
    if sorted(moved.strips()) != sorted(
        layout.strips()
    ):  # the promise: nothing lost, nothing added
        raise BoardError("That move would lose a strip; nothing was changed.")
    return moved


def add_day(layout: Layout, *, after: int | None = None) -> Layout:
    """An empty shoot day after day index ``after`` (at the end when None)."""
    days = [list(d) for d in layout.days]
    at = len(days) if after is None else after + 1
    if not 0 <= at <= len(days):
        raise BoardError("That shoot day is not on the board any more; reload the board.")
    days.insert(at, [])
    return Layout.of(days, layout.unscheduled, layout.boneyard)


def split_day(layout: Layout, *, day: int, before: int) -> Layout:
    """A day break before strip ``before``: the rest of the day becomes the next day."""
    if not 0 <= day < len(layout.days) or before not in layout.days[day]:
        raise BoardError("That strip is not on that day any more; reload the board.")
    at = layout.days[day].index(before)
    if at == 0:
        raise BoardError("A day break there would leave an empty day.")
    days = [list(d) for d in layout.days]
    days[day : day + 1] = [days[day][:at], days[day][at:]]
    return Layout.of(days, layout.unscheduled, layout.boneyard)


def remove_day(layout: Layout, *, day: int) -> Layout:
    """Remove the day break of day ``day``: its strips join the next day (or the unscheduled
    strips when it is the last day), so nothing leaves the board."""
    if not 0 <= day < len(layout.days):
        raise BoardError("That shoot day is not on the board any more; reload the board.")
    days = [list(d) for d in layout.days]
    strips = days.pop(day)
    unscheduled = list(layout.unscheduled)
    if day < len(days):
        days[day] = strips + days[day]
    else:
        unscheduled = strips + unscheduled
    return Layout.of(days, unscheduled, layout.boneyard)


def with_strips(layout: Layout, present: list[int], required: list[int] | None = None) -> Layout:
    """The layout reconciled with the strips that exist (``present``): strips no longer there
    are dropped; ``required`` strips (every scene; default: all present) missing from the board
    are added to the unscheduled strips, in the given order. A banner belongs to the boards it
    was put on, so banners are present but not required."""
    keep = set(present)
    on_board = set(layout.strips())
    days = [[s for s in d if s in keep] for d in layout.days]
    unscheduled = [s for s in layout.unscheduled if s in keep]
    unscheduled += [s for s in (present if required is None else required) if s not in on_board]
    boneyard = [s for s in layout.boneyard if s in keep]
    return Layout.of(days, unscheduled, boneyard)


# --------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class ElementAvailability:
    name: str
    work: frozenset[date]
    weekly_off: frozenset[int] = frozenset()  # USS weekdays the element is not available
    unavailable: frozenset[date] = frozenset()  # single dates (events marked unavailable)
    drops: int = 0  # drop/pickup gaps in the element's DOOD row
    one_drop_only: bool = False  # e.g. SAG-AFTRA performers: one drop per production


@dataclass(frozen=True)
class BoardWarning:
    element: str
    day: date | None
    message: str


def board_warnings(elements: list[ElementAvailability]) -> list[BoardWarning]:
    """What the AD must look at: an element worked on its day off or on a date it is not
    available, and a second drop for an element allowed only one."""
    weekday_names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    found: list[BoardWarning] = []
    for element in elements:
        for day in sorted(element.work):
            if uss_weekday(day) in element.weekly_off:
                found.append(
                    BoardWarning(
                        element.name,
                        day,
                        f"{element.name} works on {day:%a %d %b}, but "
                        f"{weekday_names[uss_weekday(day)]} is one of their days off.",
                    )
                )
            if day in element.unavailable:
                found.append(
                    BoardWarning(
                        element.name,
                        day,
                        f"{element.name} works on {day:%a %d %b}, a day they are marked unavailable.",
                    )
                )
        if element.one_drop_only and element.drops > 1:
            found.append(
                BoardWarning(
                    element.name,
                    None,
                    f"{element.name} is dropped and picked up {element.drops} times, but the "
                    "drop rule allows one drop per production: hold them through "
                    f"{element.drops - 1} of those gaps (paid) or move their scenes closer.",
                )
            )
    return found
