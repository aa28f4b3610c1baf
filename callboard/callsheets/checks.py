"""The checks a coordinator makes before a call sheet goes out, framework-free (no Django).

Each finding says what is wrong in words, how bad it is (an error blocks publishing unless
overridden with a recorded reason; a warning does not), and which part of the sheet to fix
(``anchor``: the editor's section id). Rules from REFERENCE.md "Call sheet"; a minor's hours
from people.minors.

Every error blocks publishing through ``blocking``, the one gate ``services.callsheet_publish``
applies: a reason given by someone who may publish lets it through and is recorded on the sheet.
A reason covers the findings of its kind as they were read (``findings_digest``), never ones that
appeared after.

School days, for a minor's rules, are Monday to Friday less the dates in ``SheetFacts.no_school``
(the board calendar's holidays and days it marks "no school").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from callboard.core.timefmt import time_of_day
from callboard.locations.permits import PlacePermits
from callboard.people.minors import EARLIEST, LATEST, LATEST_BEFORE_NO_SCHOOL, MINOR_RULES

ERROR = "error"
WARNING = "warning"

MEAL_DUE = timedelta(hours=6)
CREW_TURNAROUND = timedelta(hours=10)
CAST_TURNAROUND = timedelta(hours=12)
WORK_CODES = {"W", "SW", "WF", "SWF", "WD", "SWD", "PW", "PWF", "PWD"}

# Calls that are not clock times, as a call sheet writes them: accepted wherever a call is
# typed, printed as typed, and never counted for turnaround.
CALL_WORDS = {
    "O/C": "on call",
    "O/C OFFICE": "on call at the office",
    "W/N": "will notify",
    "N/W": "not working",
    "PER DEPT HEAD": "as the department head says",
}
NOT_WORKING = "N/W"


def call_word(text: str | None) -> str | None:
    """The typed text when it is one of CALL_WORDS (any case, any spacing), else None."""
    typed = " ".join((text or "").split())
    return typed if typed.upper() in CALL_WORDS else None


# A time on the sheet: a moment, a word from CALL_WORDS, or None (blank).
Call = datetime | str | None


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
    location: str = ""
    hazards: tuple[tuple[str, str], ...] = ()  # (kind, element name): a safety note is owed


@dataclass(frozen=True)
class CastLine:
    id: str
    name: str
    status: str  # as printed on the sheet
    pickup: Call = None
    makeup: Call = None  # hair/makeup
    on_set: Call = None
    previous_wrap: datetime | None = None
    works: bool = True  # in one of today's scenes
    minor: str = ""  # a key of people.minors.MINOR_RULES when under 18
    release: datetime | None = None  # released before the wrap (a minor's dismissal)

    @property
    def times(self) -> list[datetime]:
        return [t for t in (self.pickup, self.makeup, self.on_set) if isinstance(t, datetime)]

    @property
    def call(self) -> datetime | None:
        """Their day starts: the earliest clock time of pickup, H/MU and on set."""
        return min(self.times, default=None)

    @property
    def not_working(self) -> bool:
        """Marked N/W (not working) in any of their calls."""
        return not all(_called(t) for t in (self.pickup, self.makeup, self.on_set))


@dataclass(frozen=True)
class CrewLine:
    name: str
    call: Call
    previous_wrap: datetime | None = None
    end_date: date | None = None  # their employment's end, when the list has one
    teacher: bool = False  # a studio teacher
    typed: bool = True  # their own call was typed on the sheet (not a department's or default)


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
    hotline: bool = False
    safety_notes: str = ""
    # previous_wrap is the wrap the production recorded, not the estimate
    wrap_recorded: bool = False
    no_school: frozenset[date] = frozenset()  # weekdays without school (holidays, breaks)
    places: list[PlacePermits] = field(default_factory=list)  # the day's confirmed locations
    background: list[tuple[str, Call]] = field(default_factory=list)  # (description, call)

    def school_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.no_school


def _hm(delta: timedelta) -> str:
    """A duration as a person says it: 9 h 30 min."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def _clock(moment: datetime) -> str:
    return time_of_day(moment)


def _called(call: Call) -> bool:
    """Not marked N/W (not working) for the day."""
    return not (isinstance(call, str) and call.upper() == NOT_WORKING)


def _names(items: list[str], most: int = 5) -> str:
    return ", ".join(items[:most]) + (", …" if len(items) > most else "")


# A scene number (12, 12A, A12) and a list of them after "sc.", "scs.", "scene(s)":
# "Sc. 12", "SC 12A", "scenes 12, 14 & 15", "sc 1/2", "scs. 12-14".
_SCENE_NUMBER = r"[A-Z]{0,2}\d+[A-Z]{0,3}"
_SCENE_LIST = re.compile(
    rf"\b(?:scenes?|scs?)\b\.?\s*#?\s*"
    rf"({_SCENE_NUMBER}(?:\s*(?:,|&|/|\+|-|–|\band\b|\bto\b)\s*#?\s*{_SCENE_NUMBER}\b)*)",
    re.IGNORECASE,
)


def named_scenes(notes: str) -> set[str]:
    """The scene numbers the notes name after "sc."/"scene" (upper case); a range of plain
    numbers (12-14) names each scene in it."""
    found: set[str] = set()
    for match in _SCENE_LIST.finditer(notes):
        text = match.group(1)
        numbers = re.findall(_SCENE_NUMBER, text, re.IGNORECASE)
        found.update(n.upper() for n in numbers)
        for low, high in re.findall(r"\b(\d+)\s*(?:-|–|\bto\b)\s*(\d+)\b", text):
            if int(low) < int(high) <= int(low) + 50:
                found.update(str(n) for n in range(int(low), int(high) + 1))
    return found


def _mentions(notes: str, scene: str, names: list[str]) -> bool:
    """Safety notes that name the scene (sc. 12, 12A, scene 12) or one of its elements."""
    if scene.strip().upper() in named_scenes(notes):
        return True
    lowered = notes.lower()
    return any(name.strip() and name.strip().lower() in lowered for name in names)


def findings_digest(findings: list[Finding]) -> dict[str, str]:
    """{code: a fingerprint of that kind's messages}: what a coordinator read when they gave a
    reason, so the reason covers those findings and no others."""
    messages: dict[str, list[str]] = {}
    for finding in findings:
        messages.setdefault(finding.code, []).append(finding.message)
    return {
        code: hashlib.sha256("\n".join(sorted(texts)).encode()).hexdigest()[:20]
        for code, texts in messages.items()
    }


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
            add(
                Finding(
                    "cast-missing",
                    ERROR,
                    f"Cast #{cast_id} is in scene {where} but not in the cast table.",
                    "cast",
                )
            )
        elif line.status == "H":
            add(
                Finding(
                    "cast-on-hold",
                    ERROR,
                    f"{line.name} (#{cast_id}) is marked H (hold) but works in scene {where}.",
                    "cast",
                )
            )
        elif line.not_working:
            add(
                Finding(
                    "cast-not-working",
                    ERROR,
                    f"{line.name} (#{cast_id}) is marked N/W (not working) but works in scene "
                    f"{where}: give their calls, or take them out of the scene.",
                    "cast",
                )
            )

    for line in facts.cast:
        dood = facts.dood_codes.get(line.id, "")
        status = line.status
        if status and dood and status != dood and (status in WORK_CODES or dood in WORK_CODES):
            add(
                Finding(
                    "status-dood",
                    ERROR,
                    f"{line.name} (#{line.id}) reads {status}; the Day Out of Days says {dood}.",
                    "cast",
                )
            )

    if facts.shooting_call and facts.crew_call > facts.shooting_call:
        add(
            Finding(
                "crew-after-shooting",
                ERROR,
                f"Crew call {_clock(facts.crew_call)} is after the shooting call "
                f"{_clock(facts.shooting_call)}.",
                "times",
            )
        )

    previous = facts.crew_call
    for number, meal in enumerate(facts.meals, start=1):
        if meal - previous > MEAL_DUE:
            add(
                Finding(
                    "meal-late",
                    WARNING,
                    f"Meal {number} at {_clock(meal)} is {_hm(meal - previous)} after "
                    f"{'call' if number == 1 else 'the last meal'}: due within 6 hours.",
                    "times",
                )
            )
        previous = meal
    if not facts.meals and facts.est_wrap and facts.est_wrap - facts.crew_call > MEAL_DUE:
        add(
            Finding(
                "meal-missing",
                WARNING,
                f"No meal on a {_hm(facts.est_wrap - facts.crew_call)} day: "
                "one is due within 6 hours of call.",
                "times",
            )
        )

    wrap_word = "recorded" if facts.wrap_recorded else "estimated"
    for line in facts.cast:
        if line.previous_wrap and line.call and line.call - line.previous_wrap < CAST_TURNAROUND:
            add(
                Finding(
                    "turnaround-cast",
                    ERROR,
                    f"{line.name} (#{line.id}) has {_hm(line.call - line.previous_wrap)} "
                    f"turnaround from yesterday's {wrap_word} wrap "
                    f"({_clock(line.previous_wrap)}): cast need 12 hours.",
                    "cast",
                )
            )
    short_crew = [
        c
        for c in facts.crew
        if c.previous_wrap
        and isinstance(c.call, datetime)
        and c.call - c.previous_wrap < CREW_TURNAROUND
    ]
    if short_crew:
        worst = min(short_crew, key=lambda c: c.call - c.previous_wrap)
        add(
            Finding(
                "turnaround-crew",
                ERROR,
                f"{len(short_crew)} crew have under 10 hours' turnaround from yesterday's "
                f"{wrap_word} wrap ({_clock(worst.previous_wrap)}; least "
                f"{_hm(worst.call - worst.previous_wrap)}): "
                f"{_names([c.name for c in short_crew])}",
                "crew",
            )
        )

    found.extend(_cast_time_findings(facts))
    found.extend(_minor_findings(facts))
    found.extend(_permit_findings(facts))

    day = facts.crew_call.date()
    ended = [
        c
        for c in facts.crew
        if c.end_date and c.end_date < day and c.typed and c.call and _called(c.call)
    ]
    if ended:
        add(
            Finding(
                "crew-ended",
                ERROR,
                f"{len(ended)} crew {'is' if len(ended) == 1 else 'are'} called after "
                "their employment ended: "
                + _names([f"{c.name} (ended {c.end_date:%b %-d})" for c in ended])
                + ". Extend their end date or mark them N/W.",
                "crew",
            )
        )

    for scene in facts.scenes:
        if not scene.location.strip():
            add(
                Finding(
                    "scene-no-location",
                    ERROR,
                    f"Scene {scene.scene} has no location: give its set a location on the board.",
                    "scenes",
                )
            )
        names = [name for _, name in scene.hazards]
        if scene.hazards and not _mentions(facts.safety_notes, scene.scene, names):
            what = "; ".join(f"{kind}: {name}" for kind, name in scene.hazards)
            add(
                Finding(
                    "safety-note-missing",
                    ERROR,
                    f"Scene {scene.scene} has {what} in its breakdown but no safety note "
                    "names the scene or it.",
                    "safety",
                )
            )

    if not facts.hospital:
        add(Finding("no-hospital", ERROR, "No nearest hospital on the sheet.", "place"))
    if not facts.hotline:
        add(Finding("no-hotline", ERROR, "No safety hotline on the sheet.", "safety"))

    total = sum(scene.eighths for scene in facts.scenes)
    if facts.stated_eighths is not None and facts.stated_eighths != total:
        add(
            Finding(
                "pages-sum",
                ERROR,
                f"The page total reads {facts.stated_eighths} eighths; the scenes add up to "
                f"{total}.",
                "scenes",
            )
        )
    return found


def _cast_time_findings(facts: SheetFacts) -> list[Finding]:
    """Working cast: every time given, and picked up before hair/makeup before set."""
    found = []
    for line in facts.cast:
        if not line.works or line.status == "H" or line.not_working:
            continue  # a working cast member marked N/W is a finding of its own
        who = f"{line.name} (#{line.id})"
        blank = [
            label
            for label, value in (
                ("pickup", line.pickup),
                ("H/MU", line.makeup),
                ("on set", line.on_set),
            )
            if value is None
        ]
        if blank:
            found.append(
                Finding(
                    "cast-times-blank",
                    ERROR,
                    f"{who} works today but has no {' or '.join(blank)} time.",
                    "cast",
                )
            )
        steps = [
            (label, value)
            for label, value in (
                ("pickup", line.pickup),
                ("H/MU", line.makeup),
                ("on set", line.on_set),
            )
            if isinstance(value, datetime)
        ]
        for (first, early), (then, late) in pairwise(steps):
            if late < early:
                found.append(
                    Finding(
                        "cast-times-order",
                        ERROR,
                        f"{who} is {then} at {_clock(late)}, before {first} at {_clock(early)}.",
                        "cast",
                    )
                )
    return found


def _minor_findings(facts: SheetFacts) -> list[Finding]:
    """Minors who work: a studio teacher called (every day under 16; on school days at 16 and
    17), and their day within the hours they may work (people.minors: California's rules),
    ending at the release typed for them, else the estimated wrap."""
    found = []
    minors = [
        c
        for c in facts.cast
        if c.works and c.minor in MINOR_RULES and c.status != "H" and not c.not_working
    ]
    teachers = [c for c in facts.crew if c.teacher and _called(c.call)]
    day = facts.crew_call.date()
    school_today = facts.school_day(day)
    for line in minors:
        rule = MINOR_RULES[line.minor]
        who = f"{line.name} (#{line.id}, minor {rule.label})"
        if not teachers and (rule.teacher_every_day or school_today):
            when = "on set" if rule.teacher_every_day else "on set on school days"
            found.append(
                Finding(
                    "minor-no-teacher",
                    ERROR,
                    f"{who} works today and no studio teacher is called: one must be {when}.",
                    "crew",
                )
            )
        start = line.call
        if start is None:
            continue
        if start.time() < EARLIEST:
            found.append(
                Finding(
                    "minor-hours",
                    ERROR,
                    f"{who} is called at {_clock(start)}: a minor may not start "
                    f"before {time_of_day(EARLIEST)}.",
                    "cast",
                )
            )
        if line.release is not None and line.release <= start:
            found.append(
                Finding(
                    "minor-release",
                    ERROR,
                    f"{who} is released at {_clock(line.release)}, before their call at "
                    f"{_clock(start)}.",
                    "cast",
                )
            )
            continue
        end = line.release or facts.est_wrap
        if end is None:
            continue
        until = (
            f"until released at {_clock(end)}"
            if line.release
            else f"to the estimated wrap {_clock(end)}"
        )
        working = rule.working_school_day if school_today else rule.working_other_day
        if end - start > rule.at_work:
            found.append(
                Finding(
                    "minor-hours",
                    ERROR,
                    f"{who} would be at work {_hm(end - start)} (from {_clock(start)} {until}):"
                    f" allowed {_hm(rule.at_work)} in all, working at most {_hm(working)} on "
                    f"{'a school day' if school_today else 'a day without school'}. "
                    + ("Release them earlier." if line.release else "Plan their release."),
                    "cast",
                )
            )
        tomorrow = day + timedelta(days=1)
        if facts.school_day(tomorrow):
            latest = datetime.combine(day, LATEST, tzinfo=end.tzinfo)
            rule_text = f"{time_of_day(LATEST)} before a school day"
        else:
            latest = datetime.combine(tomorrow, LATEST_BEFORE_NO_SCHOOL, tzinfo=end.tzinfo)
            rule_text = f"{time_of_day(LATEST_BEFORE_NO_SCHOOL)} before a day without school"
        if end > latest:
            found.append(
                Finding(
                    "minor-hours",
                    ERROR,
                    f"{who} would work until {_clock(end)} "
                    f"({'their release' if line.release else 'the estimated wrap'}): a minor is "
                    f"released by {rule_text} ({tomorrow:%A}).",
                    "cast",
                )
            )
    return found


# A personal call more than this before the crew call is not an early call but one past
# midnight: a night shoot's 1:00 AM on-set call under a 6:00 PM crew call.
EARLY_CALL_AT_MOST = timedelta(hours=12)


@dataclass(frozen=True)
class _PlacedCall:
    who: str  # "Donna Reed (#1) H/MU", "Crew0", "Background: Pedestrians"
    at: datetime
    anchor: str


def _personal_calls(facts: SheetFacts) -> list[_PlacedCall]:
    """Everyone's own calls at the location: cast in hair/makeup and on set (a pickup is at
    their hotel or home, not the location), each crew member's call (their own, their
    department's or the crew call) and the background's."""
    calls = []
    for line in facts.cast:
        if line.status == "H" or line.not_working:
            continue
        for label, value in (("H/MU", line.makeup), ("on set", line.on_set)):
            if isinstance(value, datetime):
                calls.append(_PlacedCall(f"{line.name} (#{line.id}) {label}", value, "cast"))
    for line in facts.crew:
        if isinstance(line.call, datetime):
            calls.append(_PlacedCall(line.name, line.call, "crew"))
    for description, call in facts.background:
        if isinstance(call, datetime):
            calls.append(_PlacedCall(f"Background: {description}", call, "safety"))
    return [
        _PlacedCall(c.who, c.at + timedelta(days=1), c.anchor)
        if facts.crew_call - c.at > EARLY_CALL_AT_MOST
        else c
        for c in calls
    ]


def _permit_findings(facts: SheetFacts) -> list[Finding]:
    """Each confirmed location: a permit for the day when it needs one, and every call on the
    sheet (the crew and shooting calls, each person's own call, the estimated wrap) within the
    hours the permit allows (errors: shooting outside them risks the permit and a fine, so
    publishing anyway takes a reason). Times past midnight belong to the night before's
    hours (PermitTerms.allows). The crew call, the shooting call and the wrap each have a
    sentence; personal calls are named by person, those at a time already named left out."""
    found = []
    day = facts.crew_call.date()
    personal = _personal_calls(facts)
    for place in facts.places:
        permit = place.covering(day)
        if permit is None:
            if not place.needs_permit:
                continue
            if place.permits:
                runs = "; ".join(p.dates_text for p in place.permits)
                message = (
                    f"{place.location}: no permit covers {day:%a %b %-d} (the permit runs {runs})."
                )
                found.append(Finding("permit-dates", ERROR, message, "place"))
            else:
                message = f"{place.location} needs a film permit and none is on file."
                found.append(Finding("permit-missing", ERROR, message, "place"))
            continue
        opens, _ = permit.span(day, facts.crew_call.tzinfo)
        hours = f"{place.location}'s permitted hours ({permit.hours_text}, {permit.name})"
        named = set()
        for label, moment in (
            ("Crew call", facts.crew_call),
            ("The shooting call", facts.shooting_call),
            ("The estimated wrap", facts.est_wrap),
        ):
            if moment is None or moment in named or permit.allows(moment):
                continue
            named.add(moment)
            side = "before" if moment < opens else "after"
            message = f"{label} {_clock(moment)} is {side} {hours}."
            found.append(Finding("permit-hours", ERROR, message, "times"))
        outside: dict[str, list[str]] = {}
        for call in personal:
            if call.at not in named and not permit.allows(call.at):
                outside.setdefault(call.anchor, []).append(f"{call.who} {_clock(call.at)}")
        for anchor, calls in outside.items():
            message = (
                f"{len(calls)} call{'s' if len(calls) > 1 else ''} outside {hours}: {_names(calls)}"
            )
            found.append(Finding("permit-hours", ERROR, message, anchor))
    return found


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
