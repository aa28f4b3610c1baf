"""The stripboard and its calendar, framework-free (no Django import).

A scenario's board is three lists of strip ids: the shoot days (each an ordered list; a day
may be empty, e.g. a travel day), the strips not yet in a day ("unscheduled", after the last
day break) and the boneyard (strips set aside). Every operation returns a new layout holding
exactly the same strips, or raises :class:`BoardError` and changes nothing, so changing the
order can never lose a scene.

Weekdays follow USS: 0 = Sunday .. 6 = Saturday.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# --------------------------------------------------------------------------- bulk tools


def _lists(layout: Layout) -> tuple[list[list[int]], list[int], list[int]]:
    return [list(d) for d in layout.days], list(layout.unscheduled), list(layout.boneyard)


def move_strips(
    layout: Layout,
    strips: list[int],
    *,
    target: str,
    day: int | None = None,
    before: int | None = None,
) -> Layout:
    """Move several strips together, in the order given, to ``target`` (as :func:`move_strip`),
    before the strip ``before`` or at the end. Dropped onto one of the moving strips, they go
    before the first strip after it that is not moving."""
    strips = list(dict.fromkeys(strips))
    if not strips:
        raise BoardError("Choose the scenes to move.")
    if target not in TARGETS:
        raise BoardError(f"Unknown place on the board: {target!r}.")
    for strip in strips:
        layout.where(strip)  # raises when a strip is not on the board
    moving = set(strips)
    days, unscheduled, boneyard = _lists(layout)
    if before in moving:
        where, index = layout.where(before)
        items = days[index] if where == DAY else unscheduled if where == UNSCHEDULED else boneyard
        rest = items[items.index(before) :]
        before = next((s for s in rest if s not in moving), None)
    days = [[s for s in d if s not in moving] for d in days]
    unscheduled = [s for s in unscheduled if s not in moving]
    boneyard = [s for s in boneyard if s not in moving]

    def insert(items: list[int]) -> list[int]:
        if before is None:
            return [*items, *strips]
        if before not in items:
            raise BoardError(
                "The strip to drop before is not where you dropped it; reload the board."
            )
        at = items.index(before)
        return [*items[:at], *strips, *items[at:]]

    if target == DAY:
        if day is None or not 0 <= day < len(days):
            raise BoardError("That shoot day is not on the board any more; reload the board.")
        days[day] = insert(days[day])
    elif target == NEW_DAY:
        days.append(list(strips))
    elif target == UNSCHEDULED:
        unscheduled = insert(unscheduled)
    else:
        boneyard = insert(boneyard)
    moved = Layout.of(days, unscheduled, boneyard)
    if sorted(moved.strips()) != sorted(layout.strips()):
        raise BoardError("That move would lose a strip; nothing was changed.")
    return moved


def sort_strips(
    layout: Layout,
    *,
    target: str,
    day: int | None,
    key: Callable[[int], tuple],
    is_banner: Callable[[int], bool] = lambda _: False,
) -> Layout:
    """Sort one shoot day (``target`` DAY with its index) or the unscheduled strips by
    ``key``. The sort is stable, and banners keep their places: scenes are sorted among the
    places scenes held."""
    days, unscheduled, boneyard = _lists(layout)
    if target == DAY:
        if day is None or not 0 <= day < len(days):
            raise BoardError("That shoot day is not on the board any more; reload the board.")
        items = days[day]
    elif target == UNSCHEDULED:
        items = unscheduled
    else:
        raise BoardError("Sort a shoot day or the unscheduled strips.")
    scenes = sorted((s for s in items if not is_banner(s)), key=key)
    it = iter(scenes)
    items[:] = [s if is_banner(s) else next(it) for s in items]
    return Layout.of(days, unscheduled, boneyard)


def break_into_days(
    layout: Layout,
    *,
    per_day: int,
    eighths: Callable[[int], int],
    keep: Callable[[int], bool] = lambda _: False,
) -> Layout:
    """Lay the unscheduled strips, in their order, into shoot days of about ``per_day`` eighths
    each: a day closes before the strip that would take it past ``per_day`` (a longer scene
    gets a day of its own). Empty days at the end of the board are filled first, then new days
    follow. Banners go with the day they fall in; strips for which ``keep`` is true (omitted
    scenes) stay unscheduled."""
    if per_day <= 0:
        raise BoardError("Give the pages per day as more than nothing, e.g. 5 or 4 4/8.")
    days, unscheduled, boneyard = _lists(layout)
    placing = [s for s in unscheduled if not keep(s)]
    if not placing:
        raise BoardError("There are no unscheduled strips to break into days.")
    staying = [s for s in unscheduled if keep(s)]
    empty_tail = 0
    while empty_tail < len(days) and not days[len(days) - 1 - empty_tail]:
        empty_tail += 1
    new_days: list[list[int]] = []
    current: list[int] = []
    total = 0
    for strip in placing:
        length = eighths(strip)
        if current and length and total + length > per_day and total > 0:
            new_days.append(current)
            current, total = [], 0
        current.append(strip)
        total += length
    if current:
        new_days.append(current)
    kept = days[: len(days) - empty_tail]
    spare = days[len(days) - empty_tail :]
    filled = new_days + spare[len(new_days) :]
    return Layout.of(kept + filled, staying, boneyard)


# --------------------------------------------------------------------------- scene lists

_SCENE_KEY = re.compile(r"^([A-Z]*)(\d+)(.*)$")


def scene_key(number: str) -> tuple:
    """Sort key for scene numbers: 2 < 10 < 10A < 10B < 11; "A12" (a prefix) after plain
    numbers of its own value; numbers without digits last."""
    text = number.strip().upper()
    match = _SCENE_KEY.match(text)
    if not match:
        return (1, 0, "", text)
    prefix, digits, suffix = match.groups()
    return (0, int(digits), prefix + suffix, text)


def scenes_to_strips(text: str, scenes: list[tuple[int, str]]) -> list[int]:
    """The strips named by ``text`` ("14, 22, 31-35"), in the order written (a range in scene
    order), from ``scenes`` (strip id, scene number) on the board. A range takes every scene
    between its two ends, both of which must be on the board. Raises BoardError naming every
    bad part, so nothing moves on a typo."""
    by_number: dict[str, list[int]] = {}
    for pk, number in scenes:
        if number.strip():
            by_number.setdefault(number.strip().upper(), []).append(pk)
    parts = [p for p in re.split(r"[,;\s]+", re.sub(r"\s*[-–]\s*", "-", text.strip())) if p]
    if not parts:
        raise BoardError("Type the scenes to move, e.g. 14, 22, 31-35.")
    problems: list[str] = []
    chosen: list[int] = []

    def one(number: str) -> int | None:
        pks = by_number.get(number.upper())
        if not pks:
            problems.append(f"no scene {number} on this board")
            return None
        if len(pks) > 1:
            problems.append(
                f"scene {number} is on this board more than once (drag the one you mean)"
            )
            return None
        return pks[0]

    for part in parts:
        if part.upper() in by_number or "-" not in part.strip("-"):
            pk = one(part)
            if pk is not None:
                chosen.append(pk)
            continue
        first, _, last = part.partition("-")
        if not first or not last:
            problems.append(f"{part} is not a range (write 31-35)")
            continue
        a, b = one(first), one(last)
        if a is None or b is None:
            continue
        low, high = scene_key(first), scene_key(last)
        if low > high:
            problems.append(f"{part} runs backwards (write {last}-{first})")
            continue
        inside = sorted(
            (scene_key(n), n, pks) for n, pks in by_number.items() if low <= scene_key(n) <= high
        )
        twice = [n for _, n, pks in inside if len(pks) > 1]
        if twice:
            problems.append(
                f"scene {', '.join(twice)} in {part} is on this board more than once "
                "(drag the one you mean)"
            )
            continue
        chosen.extend(pks[0] for _, _, pks in inside)
    if problems:
        raise BoardError("Nothing was moved: " + "; ".join(problems) + ".")
    return list(dict.fromkeys(chosen))


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
                        f"{element.name} works on {day:%a %d %b}, "
                        "a day they are marked unavailable.",
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
