"""The script supervisor's arithmetic, framework-free: what a day's scenes credit, the totals
previously / today / to date against the script, what remains, and where the shoot stands
against its schedule.

Pages are integer eighths, screen time is seconds. A scene's pages are credited on the day it
is completed (the usual practice); with ``credit_parts`` a partly shot scene credits what was
shot of it that day, and its completion credits the rest. A retake credits no pages and no
scene (they were credited when first shot) but its setups and screen time count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

COMPLETE, PART, NOT_SHOT, ADDED = "complete", "part", "not_shot", "added"
STATUSES = (COMPLETE, PART, NOT_SHOT)


@dataclass(frozen=True)
class SceneLine:
    """One scene on one day's report. ``key`` identifies the scene across days (its strip)."""

    key: str
    scene: str
    status: str = NOT_SHOT
    eighths: int = 0  # the scene's length in the script
    eighths_shot: int = 0  # of it, shot this day (a part)
    seconds: int = 0
    setups: int = 0
    added: bool = False
    retake: bool = False

    @property
    def shown_status(self) -> str:
        """complete / part / not_shot, or added for a scene shot though not scheduled."""
        return ADDED if self.added else self.status


@dataclass(frozen=True)
class Counts:
    scenes: int = 0  # scenes completed
    eighths: int = 0  # pages credited
    seconds: int = 0
    setups: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.scenes + other.scenes,
            self.eighths + other.eighths,
            self.seconds + other.seconds,
            self.setups + other.setups,
        )


@dataclass(frozen=True)
class Progress:
    previous: Counts
    today: Counts
    to_date: Counts
    script_eighths: int
    script_scenes: int
    days_scheduled: int
    days_shot: int
    planned_eighths_to_date: int  # what the schedule planned to have shot by this day
    credited: dict[str, int]  # eighths credited today, by scene key

    @property
    def remaining_eighths(self) -> int:
        return max(0, self.script_eighths - self.to_date.eighths)

    @property
    def remaining_scenes(self) -> int:
        return max(0, self.script_scenes - self.to_date.scenes)

    @property
    def days_ahead(self) -> float | None:
        """Days ahead (positive) or behind (negative) of the schedule, in shoot days at the
        schedule's planned pace; None when the schedule plans no pages."""
        if not self.days_scheduled or not self.script_eighths:
            return None
        per_day = self.script_eighths / self.days_scheduled
        return round((self.to_date.eighths - self.planned_eighths_to_date) / per_day, 1)

    @property
    def estimated_finish_day(self) -> int | None:
        """The shoot day the script would be finished on at the pace shot so far; None
        before any page is credited."""
        if not self.remaining_eighths:
            return self.days_shot
        if not self.days_shot or not self.to_date.eighths:
            return None
        pace = self.to_date.eighths / self.days_shot
        return self.days_shot + math.ceil(self.remaining_eighths / pace)


def credit(line: SceneLine, *, credit_parts: bool, parts_before: int = 0) -> int:
    """The eighths a line credits on its day. ``parts_before``: eighths of the scene already
    credited as parts on earlier days (only with ``credit_parts``)."""
    if line.retake:
        return 0
    if line.status == COMPLETE:
        return max(0, line.eighths - parts_before) if credit_parts else line.eighths
    if line.status == PART and credit_parts:
        return min(line.eighths_shot, max(0, line.eighths - parts_before))
    return 0


def _day(
    lines: Iterable[SceneLine], *, credit_parts: bool, parts: dict[str, int]
) -> tuple[Counts, dict[str, int]]:
    """A day's counts and credits by scene; ``parts`` (eighths credited as parts so far, by
    key) is updated for the days after."""
    counts, credited = Counts(), {}
    for line in lines:
        eighths = credit(line, credit_parts=credit_parts, parts_before=parts.get(line.key, 0))
        if eighths:
            credited[line.key] = credited.get(line.key, 0) + eighths
        if line.status == PART and not line.retake:
            parts[line.key] = parts.get(line.key, 0) + eighths
        counts += Counts(
            scenes=int(line.status == COMPLETE and not line.retake),
            eighths=eighths,
            seconds=line.seconds,
            setups=line.setups,
        )
    return counts, credited


def day_progress(
    *,
    today: Sequence[SceneLine],
    earlier: Sequence[Sequence[SceneLine]],
    script_eighths: int,
    script_scenes: int,
    days_scheduled: int,
    days_shot: int,
    planned_eighths_to_date: int,
    credit_parts: bool = False,
) -> Progress:
    """The day's progress. ``earlier``: the lines of each earlier report, oldest first."""
    parts: dict[str, int] = {}
    previous = Counts()
    for day in earlier:
        counts, _ = _day(day, credit_parts=credit_parts, parts=parts)
        previous += counts
    counts, credited = _day(today, credit_parts=credit_parts, parts=parts)
    return Progress(
        previous=previous,
        today=counts,
        to_date=previous + counts,
        script_eighths=script_eighths,
        script_scenes=script_scenes,
        days_scheduled=days_scheduled,
        days_shot=days_shot,
        planned_eighths_to_date=planned_eighths_to_date,
        credited=credited,
    )


@dataclass(frozen=True)
class CompletedOn:
    """Where a scene was completed: the report's day, its unit ("" for the main unit, else
    e.g. "second unit") and whether that day is later than the report being recorded."""

    day: int
    unit: str = ""
    later: bool = False

    @property
    def where(self) -> str:
        return f"day {self.day}" + (f" by the {self.unit}" if self.unit else "")


def completed_twice(today: Sequence[SceneLine], completed: dict[str, CompletedOn]) -> list[str]:
    """Sentences naming each scene marked complete that is complete already: twice in the
    day's lines, or on another report (``completed``: key -> where; any unit, any date). A
    scene shot again after it was completed is a retake; a scene a later day completed was
    only part shot before it."""
    problems, seen = [], set()
    for line in today:
        if line.status != COMPLETE or line.retake:
            continue
        elsewhere = completed.get(line.key)
        if line.key in seen:
            problems.append(f"Scene {line.scene} is marked complete twice in this report.")
        elif elsewhere is not None and elsewhere.later:
            problems.append(
                f"Scene {line.scene} is completed on {elsewhere.where}, a later report: a scene "
                "is completed once. Mark it part shot here, or correct that day's report."
            )
        elif elsewhere is not None:
            problems.append(
                f"Scene {line.scene} was completed on {elsewhere.where}: shot again, it is a "
                "retake."
            )
        seen.add(line.key)
    return problems


def minutes_text(seconds: int) -> str:
    """Screen time as a DPR prints it: '2:45' (minutes and seconds)."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def parse_screen_time(text: str) -> int:
    """'2:45' or '2' (minutes) or ':45' -> seconds; ValueError for anything else."""
    text = (text or "").strip()
    if not text:
        return 0
    minutes, _, seconds = text.partition(":")
    try:
        whole = int(minutes or 0)
        rest = int(seconds) if seconds else 0
    except ValueError:
        raise ValueError(
            f"{text!r} is not a screen time: type minutes:seconds, e.g. 2:45."
        ) from None
    if whole < 0 or not 0 <= rest < 60 or (seconds and len(seconds) != 2):
        raise ValueError(f"{text!r} is not a screen time: type minutes:seconds, e.g. 2:45.")
    return whole * 60 + rest
