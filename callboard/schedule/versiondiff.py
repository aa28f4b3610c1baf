"""What moved between two published schedule versions, framework-free (no Django import).

A published version's board is frozen as a :class:`FrozenBoard` (plain data, kept as JSON on
the version). A scene is known by its scene number and part: the strips of one scene number are
its parts 1, 2, ... in board order, so a re-imported schedule (new strip ids) or a scene split
over two days is compared as the same scene, not as a removal plus an addition.

Changes (:class:`SceneChange`):

* ``added`` / ``removed``: a scene number on the schedule's days in one version only.
* ``split`` / ``joined``: the scene is shot in more / fewer parts than before.
* ``moved``: a part is on another shoot day (``from_day`` → ``to_day``).
* ``changed``: a part's pages, cast, set, D/N or omission changed (``details`` says which);
  a part both moved and changed gives both changes.

Days are known by their number: a day beyond the old last day is added, one beyond the new
last day dropped, and a day whose date changed says so. Each cast member whose work days
changed is listed with their Day Out of Days line in both versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dood import WORK_CODES, Calendar, ElementDays, build_dood

ADDED = "added"
REMOVED = "removed"
MOVED = "moved"
SPLIT = "split"
JOINED = "joined"
CHANGED = "changed"


class VersionDiffError(ValueError):
    """Two versions that cannot be compared; the message says why."""


@dataclass(frozen=True)
class FrozenScene:
    number: str
    part: int  # 1, 2, ... among the strips of this scene number, in board order
    eighths: int
    cast: tuple[str, ...]  # cast board ids
    set: str
    dn: str  # "D", "N" or ""
    int_ext: str = ""
    omitted: bool = False
    synopsis: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.number, self.part)


@dataclass(frozen=True)
class FrozenDay:
    number: int
    date: date | None
    scenes: tuple[FrozenScene, ...]


@dataclass(frozen=True)
class FrozenCast:
    id: str
    name: str
    allow_holds: bool = True
    allow_drops: bool = True
    drop_days: int = 10


@dataclass(frozen=True)
class FrozenBoard:
    scenario: str  # the scenario's stable id: versions compare only within one scenario
    days: tuple[FrozenDay, ...]
    days_off: frozenset[date] = frozenset()
    holidays: frozenset[date] = frozenset()
    cast: tuple[FrozenCast, ...] = ()

    def scene_days(self) -> dict[tuple[str, int], tuple[int, FrozenScene]]:
        return {scene.key: (day.number, scene) for day in self.days for scene in day.scenes}

    def cast_days(self) -> dict[str, tuple[int, ...]]:
        """Cast id -> the shoot day numbers they work (omitted scenes are not worked)."""
        out: dict[str, set[int]] = {}
        for day in self.days:
            for scene in day.scenes:
                if scene.omitted:
                    continue
                for cast in scene.cast:
                    out.setdefault(cast, set()).add(day.number)
        return {cast: tuple(sorted(days)) for cast, days in out.items()}


def number_parts(numbers: list[str]) -> list[int]:
    """The part of each strip, given the strips' scene numbers in board order: 1, 2, ... per
    scene number."""
    seen: dict[str, int] = {}
    parts = []
    for number in numbers:
        seen[number] = seen.get(number, 0) + 1
        parts.append(seen[number])
    return parts


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class SceneChange:
    number: str
    part: int | None  # None when the change is about the whole scene (added, removed, split)
    change: str
    from_day: int | None
    to_day: int | None
    details: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.number} pt {self.part}" if self.part and self.part > 1 else self.number


@dataclass(frozen=True)
class DoodLine:
    codes: tuple[tuple[date, str], ...]
    work: int
    hold: int

    @property
    def text(self) -> str:
        if not self.codes:
            return "not working"
        days = " · ".join(f"{code} {day:%a %d %b}" for day, code in self.codes)
        return f"{days} (work {self.work}, hold {self.hold})"


@dataclass(frozen=True)
class CastChange:
    id: str
    name: str
    days_before: tuple[int, ...]
    days_after: tuple[int, ...]
    dood_before: DoodLine
    dood_after: DoodLine


@dataclass(frozen=True)
class DayChange:
    number: int
    change: str | None  # ADDED, "dropped" or None (the day is in both versions)
    date_before: date | None
    date_after: date | None
    scenes: tuple[SceneChange, ...] = ()

    @property
    def date_changed(self) -> bool:
        return self.change is None and self.date_before != self.date_after


@dataclass(frozen=True)
class VersionDiff:
    scenes: tuple[SceneChange, ...]
    days: tuple[DayChange, ...]  # only days with something to say, in day order
    cast: tuple[CastChange, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.scenes and not self.days and not self.cast


# --------------------------------------------------------------------------- comparing


def _facts(before: FrozenScene, after: FrozenScene) -> tuple[str, ...]:
    details = []
    if before.eighths != after.eighths:
        details.append(f"pages {_pages(before.eighths)} → {_pages(after.eighths)}")
    if set(before.cast) != set(after.cast):
        added = [c for c in after.cast if c not in before.cast]
        gone = [c for c in before.cast if c not in after.cast]
        if added:
            details.append("cast added: " + ", ".join(added))
        if gone:
            details.append("cast removed: " + ", ".join(gone))
    if before.set != after.set:
        details.append(f"set {before.set or '—'} → {after.set or '—'}")
    if before.dn != after.dn:
        details.append(f"D/N {before.dn or '—'} → {after.dn or '—'}")
    if before.omitted != after.omitted:
        details.append("now omitted" if after.omitted else "no longer omitted")
    return tuple(details)


def _pages(eighths: int) -> str:
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def _scene_changes(old: FrozenBoard, new: FrozenBoard) -> list[SceneChange]:
    before, after = old.scene_days(), new.scene_days()
    parts_before: dict[str, list[int]] = {}
    parts_after: dict[str, list[int]] = {}
    for (number, _), (day, _) in before.items():
        parts_before.setdefault(number, []).append(day)
    for (number, _), (day, _) in after.items():
        parts_after.setdefault(number, []).append(day)
    changes: list[SceneChange] = []
    for number in dict.fromkeys([*parts_before, *parts_after]):
        was, now = parts_before.get(number), parts_after.get(number)
        if was is None:
            changes.append(SceneChange(number, None, ADDED, None, min(now)))
            continue
        if now is None:
            changes.append(SceneChange(number, None, REMOVED, min(was), None))
            continue
        if len(was) != len(now):
            days = f"day {_days(was)} → day {_days(now)}"
            changes.append(
                SceneChange(
                    number,
                    None,
                    SPLIT if len(now) > len(was) else JOINED,
                    min(was),
                    min(now),
                    (f"{_parts(len(was))} → {_parts(len(now))}", days),
                )
            )
            continue
        for part in range(1, len(was) + 1):
            day_was, scene_was = before[(number, part)]
            day_now, scene_now = after[(number, part)]
            shown_part = part if len(was) > 1 else None
            if day_was != day_now:
                changes.append(SceneChange(number, shown_part, MOVED, day_was, day_now))
            details = _facts(scene_was, scene_now)
            if details:
                changes.append(SceneChange(number, shown_part, CHANGED, day_was, day_now, details))
    return changes


def _parts(count: int) -> str:
    return "1 part" if count == 1 else f"{count} parts"


def _days(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in sorted(set(numbers)))


def _dood_lines(board: FrozenBoard, cast_days: dict[str, tuple[int, ...]]) -> dict[str, DoodLine]:
    dated = {day.number: day.date for day in board.days if day.date is not None}
    if not dated:
        return {}
    first, last = min(dated.values()), max(dated.values())
    calendar = Calendar(
        days=[date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)],
        shoot_days={d: n for n, d in dated.items()},
        days_off=set(board.days_off),
        holidays=set(board.holidays),
    )
    members = {c.id: c for c in board.cast}
    elements = [
        ElementDays(
            id=cast,
            name=cast,
            work=frozenset(dated[n] for n in days if n in dated),
            allow_holds=members[cast].allow_holds if cast in members else True,
            allow_drops=members[cast].allow_drops if cast in members else True,
            drop_days=members[cast].drop_days if cast in members else 10,
        )
        for cast, days in cast_days.items()
    ]
    return {
        row.id: DoodLine(
            codes=tuple((d, c) for d, c in row.codes.items() if c in WORK_CODES or c == "H"),
            work=row.work,
            hold=row.hold,
        )
        for row in build_dood(calendar, elements)
    }


def _cast_changes(old: FrozenBoard, new: FrozenBoard) -> list[CastChange]:
    before, after = old.cast_days(), new.cast_days()
    changed = [c for c in dict.fromkeys([*before, *after]) if before.get(c) != after.get(c)]
    if not changed:
        return []
    lines_before = _dood_lines(old, {c: before.get(c, ()) for c in changed})
    lines_after = _dood_lines(new, {c: after.get(c, ()) for c in changed})
    names = {c.id: c.name for c in old.cast} | {c.id: c.name for c in new.cast}
    nothing = DoodLine((), 0, 0)
    out = [
        CastChange(
            id=cast,
            name=names.get(cast, cast),
            days_before=before.get(cast, ()),
            days_after=after.get(cast, ()),
            dood_before=lines_before.get(cast, nothing),
            dood_after=lines_after.get(cast, nothing),
        )
        for cast in changed
    ]
    return sorted(out, key=lambda c: _natural(c.id))


def _natural(value: str) -> tuple:
    digits = "".join(ch for ch in value if ch.isdigit())
    return (0, int(digits), value) if digits and value[0].isdigit() else (1, 0, value)


def _day_changes(old: FrozenBoard, new: FrozenBoard, scenes: list[SceneChange]) -> list[DayChange]:
    dates_before = {d.number: d.date for d in old.days}
    dates_after = {d.number: d.date for d in new.days}
    by_day: dict[int, list[SceneChange]] = {}
    for change in scenes:
        # A scene shows under the day it arrives on, and under the day it left.
        for day in dict.fromkeys(d for d in (change.to_day, change.from_day) if d is not None):
            by_day.setdefault(day, []).append(change)
    out = []
    for number in sorted(set(dates_before) | set(dates_after)):
        if number not in dates_before:
            kind = ADDED
        elif number not in dates_after:
            kind = "dropped"
        else:
            kind = None
        day = DayChange(
            number=number,
            change=kind,
            date_before=dates_before.get(number),
            date_after=dates_after.get(number),
            scenes=tuple(by_day.get(number, ())),
        )
        if day.change or day.date_changed or day.scenes:
            out.append(day)
    return out


def compare_versions(old: FrozenBoard, new: FrozenBoard) -> VersionDiff:
    """What moved from ``old`` to ``new`` (two versions of one scenario)."""
    if old.scenario != new.scenario:
        raise VersionDiffError(
            "These versions are of two different scenarios; compare versions of one scenario."
        )
    scenes = _scene_changes(old, new)
    counts: dict[str, int] = {}
    for change in scenes:
        counts[change.change] = counts.get(change.change, 0) + 1
    return VersionDiff(
        scenes=tuple(scenes),
        days=tuple(_day_changes(old, new, scenes)),
        cast=tuple(_cast_changes(old, new)),
        counts=counts,
    )


# --------------------------------------------------------------------------- text


def scene_sentence(change: SceneChange) -> str:
    if change.change == ADDED:
        return f"Sc. {change.label} added on day {change.to_day}"
    if change.change == REMOVED:
        return f"Sc. {change.label} removed from day {change.from_day}"
    if change.change == MOVED:
        return f"Sc. {change.label} moved from day {change.from_day} to day {change.to_day}"
    what = "split" if change.change == SPLIT else "joined" if change.change == JOINED else "changed"
    return f"Sc. {change.label} {what} ({'; '.join(change.details)})"


def day_heading(day: DayChange) -> str:
    when = day.date_after or day.date_before
    head = f"Day {day.number}" + (f" ({when:%a %d %b})" if when else "")
    if day.change == ADDED:
        head += " — new day"
    elif day.change == "dropped":
        head += " — day dropped"
    elif day.date_changed:
        before = f"{day.date_before:%a %d %b}" if day.date_before else "no date"
        head += f" — was {before}"
    return head


def headline(diff: VersionDiff) -> str:
    """One line: "3 scenes moved, 1 added; 2 cast members' days changed"."""
    if diff.is_empty:
        return "Nothing moved: the scenes, days and cast days are as before."
    order = (MOVED, ADDED, REMOVED, SPLIT, JOINED, CHANGED)
    parts = [f"{diff.counts[k]} {k}" for k in order if diff.counts.get(k)]
    text = (
        f"Scenes: {', '.join(parts)}"
        if parts
        else f"{len(diff.days)} day{'s' if len(diff.days) != 1 else ''} changed"
    )
    if diff.cast:
        who = "1 cast member's" if len(diff.cast) == 1 else f"{len(diff.cast)} cast members'"
        text += f"; {who} days changed"
    return text + "."


def day_list(days: tuple[int, ...]) -> str:
    return ", ".join(map(str, days)) or "none"


def summary_text(diff: VersionDiff) -> str:
    """The plain-text 'what moved' for a message: a headline, day by day, then the cast."""
    lines: list[str] = [headline(diff)]
    for day in diff.days:
        lines.append("")
        lines.append(day_heading(day))
        lines.extend(f"  - {scene_sentence(change)}" for change in day.scenes)
    if diff.cast:
        lines.append("")
        lines.append("Cast whose days changed:")
        for cast in diff.cast:
            lines.append(
                f"  - {cast.id}. {cast.name}: days {day_list(cast.days_before)} → "
                f"{day_list(cast.days_after)}"
            )
            lines.append(f"      before: {cast.dood_before.text}")
            lines.append(f"      after:  {cast.dood_after.text}")
    return "\n".join(lines)


def cover_data(diff: VersionDiff) -> dict:
    """The diff's part of the cover sheet's data (printing.version_cover_pdf)."""
    return {
        "summary": headline(diff),
        "days": [
            {"head": day_heading(day), "lines": [scene_sentence(c) for c in day.scenes]}
            for day in diff.days
        ],
        "cast": [
            {
                "name": f"{c.id}. {c.name}",
                "days": f"{day_list(c.days_before)} → {day_list(c.days_after)}",
                "before": c.dood_before.text,
                "after": c.dood_after.text,
            }
            for c in diff.cast
        ],
    }


def diff_json(diff: VersionDiff) -> dict:
    """The ``schedule_diff --json`` shape."""
    return {
        "scenes": [
            {
                "number": c.label,
                "change": c.change,
                "from_day": c.from_day,
                "to_day": c.to_day,
            }
            for c in diff.scenes
        ],
        "cast": [
            {
                "id": c.id,
                "name": c.name,
                "days_before": list(c.days_before),
                "days_after": list(c.days_after),
            }
            for c in diff.cast
        ],
    }


# --------------------------------------------------------------------------- JSON


def board_to_json(board: FrozenBoard) -> dict:
    return {
        "scenario": board.scenario,
        "days": [
            {
                "number": day.number,
                "date": day.date.isoformat() if day.date else None,
                "scenes": [
                    {
                        "number": s.number,
                        "part": s.part,
                        "eighths": s.eighths,
                        "cast": list(s.cast),
                        "set": s.set,
                        "dn": s.dn,
                        "int_ext": s.int_ext,
                        "omitted": s.omitted,
                        "synopsis": s.synopsis,
                    }
                    for s in day.scenes
                ],
            }
            for day in board.days
        ],
        "days_off": sorted(d.isoformat() for d in board.days_off),
        "holidays": sorted(d.isoformat() for d in board.holidays),
        "cast": [
            {
                "id": c.id,
                "name": c.name,
                "allow_holds": c.allow_holds,
                "allow_drops": c.allow_drops,
                "drop_days": c.drop_days,
            }
            for c in board.cast
        ],
    }


def board_from_json(data: dict) -> FrozenBoard:
    return FrozenBoard(
        scenario=str(data.get("scenario", "")),
        days=tuple(
            FrozenDay(
                number=int(day["number"]),
                date=date.fromisoformat(day["date"]) if day.get("date") else None,
                scenes=tuple(
                    FrozenScene(
                        number=str(s["number"]),
                        part=int(s.get("part", 1)),
                        eighths=int(s.get("eighths", 0)),
                        cast=tuple(s.get("cast", ())),
                        set=str(s.get("set", "")),
                        dn=str(s.get("dn", "")),
                        int_ext=str(s.get("int_ext", "")),
                        omitted=bool(s.get("omitted", False)),
                        synopsis=str(s.get("synopsis", "")),
                    )
                    for s in day.get("scenes", ())
                ),
            )
            for day in data.get("days", ())
        ),
        days_off=frozenset(date.fromisoformat(d) for d in data.get("days_off", ())),
        holidays=frozenset(date.fromisoformat(d) for d in data.get("holidays", ())),
        cast=tuple(
            FrozenCast(
                id=str(c["id"]),
                name=str(c.get("name", "")),
                allow_holds=bool(c.get("allow_holds", True)),
                allow_drops=bool(c.get("allow_drops", True)),
                drop_days=int(c.get("drop_days", 10)),
            )
            for c in data.get("cast", ())
        ),
    )
