"""The checks a coordinator makes before a call sheet goes out, framework-free (no Django).

Each finding says what is wrong in words, how bad it is (an error blocks publishing unless
overridden with a recorded reason; a warning does not), and which part of the sheet to fix
(``anchor``: the editor's section id). Rules from REFERENCE.md "Call sheet".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

ERROR = "error"
WARNING = "warning"

MEAL_DUE = timedelta(hours=6)
CREW_TURNAROUND = timedelta(hours=10)
CAST_TURNAROUND = timedelta(hours=12)
WORK_CODES = {"W", "SW", "WF", "SWF", "WD", "SWD", "PW", "PWF", "PWD"}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    anchor: str


@dataclass(frozen=True)
class SceneLine:
    scene: str
    eighths: int
    cast: tuple[str, ...]  # board IDs


@dataclass(frozen=True)
class CastLine:
    id: str
    name: str
    status: str  # as printed on the sheet
    call: datetime | None  # earliest of pickup / makeup / on set
    previous_wrap: datetime | None = None


@dataclass(frozen=True)
class CrewLine:
    name: str
    call: datetime
    previous_wrap: datetime | None = None


@dataclass
class SheetFacts:
    crew_call: datetime
    shooting_call: datetime | None
    meals: list[datetime]  # meal start times, in order
    est_wrap: datetime | None
    scenes: list[SceneLine]
    stated_eighths: int | None  # the total the sheet prints, when typed by hand
    cast: list[CastLine]
    dood_codes: dict[str, str]  # board ID -> the DOOD's code for this day
    crew: list[CrewLine] = field(default_factory=list)
    hospital: bool = False


def _hm(delta: timedelta) -> str:
    """A duration as a person says it: 9 h 30 min."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def _clock(moment: datetime) -> str:
    return moment.strftime("%-I:%M %p")


def check_sheet(facts: SheetFacts) -> list[Finding]:
    found: list[Finding] = []
    add = found.append
    listed = {line.id: line for line in facts.cast}

    needed: dict[str, list[str]] = {}
    for scene in facts.scenes:
        for cast_id in scene.cast:
            needed.setdefault(cast_id, []).append(scene.scene)
    for cast_id, scenes in needed.items():
        line = listed.get(cast_id)
        where = ", ".join(scenes)
        if line is None:
            add(Finding("cast-missing", ERROR,
                        f"Cast #{cast_id} is in scene {where} but not in the cast table.",
                        "cast"))  # fmt: skip
        elif line.status == "H":
            add(Finding("cast-on-hold", ERROR,
                        f"{line.name} (#{cast_id}) is marked H (hold) but works in scene {where}.",
                        "cast"))  # fmt: skip

    for line in facts.cast:
        dood = facts.dood_codes.get(line.id, "")
        status = line.status
        if status and dood and status != dood and (status in WORK_CODES or dood in WORK_CODES):
            add(Finding("status-dood", ERROR,
                        f"{line.name} (#{line.id}) reads {status}; the Day Out of Days says {dood}.",
                        "cast"))  # fmt: skip

    if facts.shooting_call and facts.crew_call > facts.shooting_call:
        add(Finding("crew-after-shooting", ERROR,
                    f"Crew call {_clock(facts.crew_call)} is after the shooting call "
                    f"{_clock(facts.shooting_call)}.", "times"))  # fmt: skip

    previous = facts.crew_call
    for number, meal in enumerate(facts.meals, start=1):
        if meal - previous > MEAL_DUE:
            add(Finding("meal-late", WARNING,
                        f"Meal {number} at {_clock(meal)} is {_hm(meal - previous)} after "
                        f"{'call' if number == 1 else 'the last meal'}: due within 6 hours.",
                        "times"))  # fmt: skip
        previous = meal
    if not facts.meals and facts.est_wrap and facts.est_wrap - facts.crew_call > MEAL_DUE:
        add(Finding("meal-missing", WARNING,
                    f"No meal on a {_hm(facts.est_wrap - facts.crew_call)} day: "
                    "one is due within 6 hours of call.", "times"))  # fmt: skip

    for line in facts.cast:
        if line.previous_wrap and line.call and line.call - line.previous_wrap < CAST_TURNAROUND:
            add(Finding("turnaround-cast", ERROR,
                        f"{line.name} (#{line.id}) has {_hm(line.call - line.previous_wrap)} "
                        "turnaround from yesterday's wrap: cast need 12 hours.", "cast"))  # fmt: skip
    short_crew = [
        c for c in facts.crew if c.previous_wrap and c.call - c.previous_wrap < CREW_TURNAROUND
    ]
    if short_crew:
        worst = min(short_crew, key=lambda c: c.call - c.previous_wrap)
        names = ", ".join(c.name for c in short_crew[:5]) + (", …" if len(short_crew) > 5 else "")
        add(Finding("turnaround-crew", ERROR,
                    f"{len(short_crew)} crew have under 10 hours' turnaround (least "
                    f"{_hm(worst.call - worst.previous_wrap)}): {names}", "crew"))  # fmt: skip

    if not facts.hospital:
        add(Finding("no-hospital", ERROR, "No nearest hospital on the sheet.", "place"))

    total = sum(scene.eighths for scene in facts.scenes)
    if facts.stated_eighths is not None and facts.stated_eighths != total:
        add(Finding("pages-sum", ERROR,
                    f"The page total reads {facts.stated_eighths} eighths; the scenes add up to "
                    f"{total}.", "scenes"))  # fmt: skip
    return found


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
