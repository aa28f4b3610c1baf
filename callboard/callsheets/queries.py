"""A call sheet as the crew sees it: built from the schedule (scenes, DOOD statuses), the cast
and crew lists and the sheet's own fields. One builder feeds the editor, the checks, the PDF
and each recipient's phone page."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from callboard.core.eighths import format_eighths
from callboard.core.timefmt import time_of_day
from callboard.distribution.models import Delivery, Dispatch
from callboard.locations.queries import day_locations, place_permits
from callboard.people.models import Department, Person
from callboard.people.queries import crew_order
from callboard.schedule.daynight import DayNight, production_day_night
from callboard.schedule.models import Element, Ucid
from callboard.schedule.queries import (
    Dood,
    Plan,
    PlanDay,
    StripInfo,
    category_for,
    scenario_dood,
    scenario_plan,
)

from .checks import (
    NOT_WORKING,
    WORK_CODES,
    CastLine,
    CrewLine,
    SceneLine,
    SheetFacts,
    call_word,
    check_sheet,
)
from .models import CallSheet
from .sun import sun_times

# Key staff printed on the front, in this order, found by position on the crew list, with
# the short titles a call sheet uses. (The director and the producers head the sheet: CREDITS.)
KEY_POSITIONS = {
    "Unit Production Manager": "UPM",
    "1st Assistant Director": "1st AD",
    "2nd Assistant Director": "2nd AD",
    "Production Coordinator": "Coordinator",
}
DEFAULT_WALKIES = [
    {"channel": "1", "use": "Production"},
    {"channel": "2", "use": "Open / go to two"},
    {"channel": "3", "use": "Transportation"},
    {"channel": "4", "use": "Camera"},
    {"channel": "5", "use": "Electric"},
    {"channel": "6", "use": "Grip"},
    {"channel": "7", "use": "Art / Props"},
    {"channel": "8", "use": "Hair / Makeup / Wardrobe"},
]


def clock(value: time | datetime | None) -> str:
    """7:00 AM (core.timefmt: one way to print a time everywhere)."""
    return time_of_day(value)


def parse_clock(text: str) -> time | None:
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 5 and text[2] == ":":  # 07:30, as a published sheet keeps every call:
        try:  # read without strptime, which costs a crew member's page ~5 ms for 200 calls
            return time.fromisoformat(text)
        except ValueError:
            pass
    for pattern in ("%H:%M", "%I:%M %p", "%I:%M%p", "%I %p"):
        try:
            return datetime.strptime(text.upper(), pattern).time()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a time (write 07:30 or 7:30 AM)")


def parse_call(text: str) -> time | str | None:
    """A call as typed: a clock time, a word that is not a time (O/C, O/C OFFICE, W/N, N/W,
    PER DEPT HEAD: kept as typed), or None when blank."""
    word = call_word(text)
    if word:
        return word
    try:
        return parse_clock(text)
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} is not a time (write 07:30 or 7:30 AM, or O/C, O/C OFFICE, W/N, "
            "N/W, PER DEPT HEAD)"
        ) from None


def stored_call(value: time | str | None) -> str:
    """How a call is kept on the sheet: "HH:MM", or the word as typed."""
    return value.strftime("%H:%M") if isinstance(value, time) else (value or "")


def at(sheet: CallSheet, value: time | str | None) -> datetime | str | None:
    """A call on the sheet's date, in the production's time zone (a call before the crew
    call is early, never tomorrow); a word (O/C) stays a word."""
    if value is None or isinstance(value, str):
        return value
    return datetime.combine(sheet.date, value, tzinfo=sheet.production.tzinfo)


def later_in_day(sheet: CallSheet, value: time | None) -> datetime | None:
    """A meal or the wrap: a time earlier than the crew call is after midnight."""
    moment = at(sheet, value)
    if moment is not None and value < sheet.crew_call:
        moment += timedelta(days=1)
    return moment


@dataclass
class CastRow:
    element: Element
    person: Person | None
    status: str  # as printed: the DOOD's code unless the office typed another
    dood_code: str
    pickup: time | str | None  # a clock time, a word (O/C, W/N...) as typed, or blank
    makeup: time | str | None
    on_set: time | str | None
    remarks: str
    works: bool = True  # in one of today's scenes
    release: time | None = None  # dismissed before the wrap (a minor's release), when typed

    @property
    def id(self) -> str:
        return self.element.board_id or self.element.name

    @property
    def earliest(self) -> time | None:
        times = [t for t in (self.pickup, self.makeup, self.on_set) if isinstance(t, time)]
        return min(times) if times else None

    @property
    def not_working(self) -> bool:
        """Marked N/W (not working) in any of their calls."""
        return any(_is_not_working(t) for t in (self.pickup, self.makeup, self.on_set))

    @property
    def release_text(self) -> str:
        return f"Release {clock(self.release)}" if self.release else ""

    @property
    def remarks_printed(self) -> str:
        """The remarks as the sheet prints them, a release typed for them first."""
        return "; ".join(x for x in (self.release_text, self.remarks) if x)

    @property
    def minor(self) -> str:
        return self.person.minor_age if self.person else ""

    @property
    def minor_label(self) -> str:
        return self.person.get_minor_age_display() if self.minor else ""

    @property
    def pickup_text(self) -> str:
        return clock(self.pickup)

    @property
    def makeup_text(self) -> str:
        return clock(self.makeup)

    @property
    def on_set_text(self) -> str:
        return clock(self.on_set)


def _is_not_working(call: time | str | None) -> bool:
    return isinstance(call, str) and call.upper() == NOT_WORKING


@dataclass
class CrewRow:
    person: Person
    call: time | str  # a clock time or a word (O/C, PER DEPT HEAD...) as typed
    typed: bool = False  # their own call was typed on the sheet

    @property
    def first(self) -> time | None:
        return self.call if isinstance(self.call, time) else None

    @property
    def call_text(self) -> str:
        return clock(self.call)


@dataclass
class SheetView:
    sheet: CallSheet
    plan: Plan
    day: PlanDay
    days_total: int
    dood: Dood | None
    cast: list[CastRow]
    crew: list[tuple[Department | None, list[CrewRow]]]
    advance: list[PlanDay]
    # Crew past their end date whom nobody has called: not on the sheet, offered in the editor
    ended: list[CrewRow] = dataclasses.field(default_factory=list)

    @property
    def scenes(self) -> list[StripInfo]:
        return [s for s in self.day.strips if s.kind == "scene" and not s.omitted]

    @property
    def pages(self) -> str:
        return format_eighths(sum(s.eighths for s in self.scenes))

    @property
    def crew_count(self) -> int:
        return sum(len(rows) for _, rows in self.crew)

    @property
    def scene_lines(self) -> list[tuple[StripInfo, dict]]:
        """Today's scenes with what the sheet prints of each (resolved D/N, the set's
        location), for the detail page to show as the PDF does."""
        production = self.sheet.production
        day_night, set_locations = production_day_night(production), _set_locations(production)
        return [
            (s, _scene_doc(s, day_night, set_locations, self.sheet.location_name))
            for s in self.scenes
        ]


def shown_clock(value: str | None) -> str:
    """A stored "HH:MM" as people read it (7:30 AM); anything unreadable as it is."""
    moment = _time_or_none(value)
    return clock(moment) if moment else (value or "")


def _time_or_none(text: str | None) -> time | None:
    try:
        return parse_clock(text or "")
    except ValueError:
        return None


def _call_or_none(text: str | None) -> time | str | None:
    """A stored call: its time, its word (O/C...), or None when blank or unreadable."""
    try:
        return parse_call(text or "")
    except ValueError:
        return None


def _cast_rows(sheet: CallSheet, day: PlanDay, dood: Dood | None) -> list[CastRow]:
    codes: dict[int, str] = {}
    if dood is not None and day.date:
        for element, row in zip(dood.elements, dood.rows, strict=True):
            code = row.codes.get(day.date, "")
            if code and code != "HOL":
                codes[element.pk] = code
    working = {e.pk: e for s in day.strips if not s.omitted for e in s.cast}
    elements = dict(working)
    if dood is not None:
        elements.update({e.pk: e for e in dood.elements if e.pk in codes})
    people = {
        e.pk: e.person for e in Element.objects.filter(pk__in=elements).select_related("person")
    }
    on_set_default = sheet.shooting_call or sheet.crew_call
    rows = []
    for pk, element in elements.items():
        saved = sheet.cast_calls.get(str(pk), {})
        works = pk in working
        on_set = _call_or_none(saved.get("on_set")) or (on_set_default if works else None)
        rows.append(
            CastRow(
                element=element,
                person=people.get(pk),
                status=saved.get("status") or codes.get(pk, "W" if works else ""),
                dood_code=codes.get(pk, ""),
                pickup=_call_or_none(saved.get("pickup")),
                makeup=_call_or_none(saved.get("makeup")),
                on_set=on_set,
                remarks=saved.get("remarks", ""),
                works=works,
                release=_time_or_none(saved.get("release")),
            )
        )
    rows.sort(key=lambda r: (not r.id.isdigit(), int(r.id) if r.id.isdigit() else 0, r.id))
    return rows


# Departments that work from the office, not the set: on call unless the sheet says otherwise.
OFFICE_DEPARTMENTS = re.compile(r"\b(office|accounting|post|casting)\b", re.IGNORECASE)
ON_CALL = "O/C"


def default_call(sheet: CallSheet, department: Department | None) -> time | str:
    """A department's call when the sheet gives it none: O/C for the office's departments,
    else the crew call."""
    if department is not None and OFFICE_DEPARTMENTS.search(department.name):
        return ON_CALL
    return sheet.crew_call


def _crew(sheet: CallSheet) -> tuple[list[tuple[Department | None, list[CrewRow]]], list[CrewRow]]:
    """Crew on the sheet in the crew list's order (people.queries.crew_order: department, its
    head, then the rank of each position); and, apart, the crew whose employment ended before
    the sheet's day with no call typed for them (or N/W): they are left off the sheet (a
    department's call does not call them back)."""
    people = sorted(
        Person.objects.crew()
        .filter(production=sheet.production, deleted_at__isnull=True)
        .exclude(status=Person.Status.WRAPPED)
        .select_related("department"),
        key=crew_order,
    )
    groups: dict[int | None, tuple[Department | None, list[CrewRow]]] = {}
    ended: list[CrewRow] = []
    for person in people:
        department = person.department
        if department is not None:
            department.default_call = clock(default_call(sheet, department))
        own = _call_or_none(sheet.person_calls.get(str(person.pk)))
        if (
            person.end_date
            and person.end_date < sheet.date
            and (own is None or _is_not_working(own))
        ):
            ended.append(CrewRow(person, NOT_WORKING, own is not None))
            continue
        call = (
            own
            or (department and _call_or_none(sheet.department_calls.get(str(department.pk))))
            or default_call(sheet, department)
        )
        key = department.pk if department else None
        groups.setdefault(key, (department, []))[1].append(CrewRow(person, call, own is not None))
    return list(groups.values()), ended


def sheet_view(sheet: CallSheet) -> SheetView:
    plan = scenario_plan(sheet.scenario)
    if not 1 <= sheet.day_number <= len(plan.days):
        raise LookupError(
            f"Day {sheet.day_number} is no longer on the {sheet.scenario} board "
            f"({len(plan.days)} days)."
        )
    day = plan.days[sheet.day_number - 1]
    cast_category = category_for(sheet.production, "cast")
    dood = scenario_dood(plan, cast_category) if cast_category and plan.rules() else None
    crew, ended = _crew(sheet)
    return SheetView(
        sheet=sheet,
        plan=plan,
        day=day,
        days_total=len(plan.days),
        dood=dood,
        cast=_cast_rows(sheet, day, dood),
        crew=crew,
        advance=plan.days[sheet.day_number : sheet.day_number + 2],
        ended=ended,
    )


def _worked_day_before(view: SheetView) -> set[int]:
    """Cast (element pks) who worked the previous shoot day: the ones turnaround applies to."""
    if view.dood is None or view.sheet.day_number < 2:
        return set()
    before = view.plan.days[view.sheet.day_number - 2].date
    return {
        element.pk
        for element, row in zip(view.dood.elements, view.dood.rows, strict=True)
        if row.codes.get(before, "") in WORK_CODES
    }


def previous_wrap(sheet: CallSheet) -> tuple[datetime | None, bool]:
    """Yesterday's wrap, for turnaround, and whether it is the one the production recorded
    (typed on this sheet) rather than yesterday's sheet's estimate."""
    if sheet.previous_wrap is not None:
        return sheet.previous_wrap, True
    before = (
        CallSheet.objects.filter(scenario=sheet.scenario_id, day_number__lt=sheet.day_number)
        .order_by("-day_number", "-version")
        .first()
    )
    if before is None or before.est_wrap is None or before.date != sheet.date - timedelta(days=1):
        return None, False
    return later_in_day(before, before.est_wrap), False


# What in a scene's breakdown needs a safety note. Stunts, vehicles, special effects and
# animals by their category (UCID); any other category by a whole word of its name (Armory,
# Weapons, Pyrotechnics, Marine, Water Safety, Picture Boats, Aircraft, Animal Wrangler...); and,
# in the few categories where such words mean a hazard, an element by a whole word of its name:
# a weapon among the props or the set dressing (Revolver, Prop gun), water work or an aircraft
# among the special equipment or the notes (Underwater housing, Drone). A Glass of water, a
# Pool table or Boat shoes owe nothing.
HAZARD_UCIDS = {Ucid.STUNTS, Ucid.VEHICLES, Ucid.SFX, Ucid.ANIMALS}
_WEAPONS = (
    r"weapons?|firearms?|arm(?:ou?)?ry|armou?rers?|guns?|handguns?|pistols?|rifles?|"
    r"revolvers?|shotguns?|muskets?|blank[- ]fir\w*|blanks|pyro\w*|explosi\w+|squibs?"
)
_WATER = (
    r"underwater|water (?:tank|work|safety|rescue)|marine|divers?|diving|scuba|"
    r"swimm\w*|drown\w*|boats?|watercraft|jet ?skis?"
)
_AIR_AND_ROAD = (
    r"aircraft|aerial|drones?|helicopters?|process trailers?|insert cars?|camera cars?|"
    r"picture cars?|tow(?:ed|ing)?"
)
HAZARD_CATEGORY_WORDS = re.compile(
    rf"\b(?:{_WEAPONS}|{_WATER}|{_AIR_AND_ROAD}|stunts?|vehicles?|special effects|sfx|"
    r"mechanical effects|animals?|livestock|wrangl\w*|water)\b",
    re.IGNORECASE,
)
HAZARD_ELEMENT_WORDS = {
    Ucid.PROPS: re.compile(rf"\b(?:{_WEAPONS})\b", re.IGNORECASE),
    Ucid.SET_DRESSING: re.compile(rf"\b(?:{_WEAPONS})\b", re.IGNORECASE),
    Ucid.SPECIAL_EQUIPMENT: re.compile(
        rf"\b(?:{_WEAPONS}|{_WATER}|{_AIR_AND_ROAD})\b", re.IGNORECASE
    ),
    Ucid.NOTES: re.compile(rf"\b(?:{_WEAPONS}|{_WATER}|{_AIR_AND_ROAD})\b", re.IGNORECASE),
}
TEACHER = re.compile(r"\bteacher\b", re.IGNORECASE)


def is_hazard(ucid: int, category_name: str, element_name: str) -> bool:
    """Whether an element of this category owes its scene a safety note."""
    if ucid in (Ucid.CAST, Ucid.BACKGROUND, *Ucid.HEADING):
        return False
    if ucid in HAZARD_UCIDS:
        return True
    if HAZARD_CATEGORY_WORDS.search(category_name):
        return True
    words = HAZARD_ELEMENT_WORDS.get(ucid)
    return bool(words and words.search(element_name))


def _hazards(info: StripInfo) -> tuple[tuple[str, str], ...]:
    return tuple(
        (element.category.name.lower(), element.name)
        for element in info.elements
        if element.category is not None
        and is_hazard(element.category.ucid, element.category.name, element.name)
    )


def sheet_findings(view: SheetView):
    sheet = view.sheet
    previous, recorded = previous_wrap(sheet)
    worked = _worked_day_before(view)
    meals = [later_in_day(sheet, t) for t in (sheet.lunch, sheet.second_meal) if t]
    set_locations = _set_locations(sheet.production)
    facts = SheetFacts(
        crew_call=at(sheet, sheet.crew_call),
        shooting_call=at(sheet, sheet.shooting_call),
        meals=meals,
        est_wrap=later_in_day(sheet, sheet.est_wrap),
        scenes=[
            SceneLine(
                s.scene,
                s.eighths,
                tuple(s.cast_ids),
                location=_scene_location(s, set_locations),
                hazards=_hazards(s),
            )
            for s in view.scenes
        ],
        stated_eighths=None,
        cast=[
            CastLine(
                id=row.id,
                name=str(row.person or row.element.name),
                status=row.status,
                pickup=at(sheet, row.pickup),
                makeup=at(sheet, row.makeup),
                on_set=at(sheet, row.on_set),
                previous_wrap=previous if row.element.pk in worked else None,
                works=row.works,
                minor=row.minor,
                release=later_in_day(sheet, row.release),
            )
            for row in view.cast
        ],
        dood_codes={row.id: row.dood_code for row in view.cast},
        crew=[
            CrewLine(
                name=row.person.display_name,
                call=at(sheet, row.call),
                previous_wrap=previous,
                end_date=row.person.end_date,
                teacher=bool(TEACHER.search(row.person.position)),
                typed=row.typed,
            )
            for _, rows in view.crew
            for row in rows
        ],
        hospital=bool(sheet.hospital_name.strip()),
        hotline=bool(sheet.safety_hotline.strip()),
        safety_notes=sheet.safety_notes,
        wrap_recorded=recorded,
        no_school=no_school(sheet),
        places=[place_permits(place) for place in day_locations(sheet.production, view.day.strips)],
        background=[
            (b.get("description", ""), at(sheet, _time_or_none(b.get("call"))))
            for b in sheet.background
        ],
    )
    return check_sheet(facts)


NO_SCHOOL = re.compile(r"\bno school\b|\bschool (?:holiday|break|closed|vacation)\b", re.I)


def no_school(sheet: CallSheet) -> frozenset[date]:
    """The sheet's day and the next, where they are weekdays without school: the board
    calendar's holidays and the days it marks "no school" (or a school holiday/break). Other
    weekdays are school days; Saturdays and Sundays never are."""
    calendar = sheet.scenario.calendar
    if calendar is None:
        return frozenset()
    near = {sheet.date, sheet.date + timedelta(days=1)}
    rules = calendar.rules()
    out = {day for day in near if day in rules.holidays}
    for day, names in calendar.notes_by_date().items():
        if day in near and any(NO_SCHOOL.search(name) for name in names):
            out.add(day)
    return frozenset(out)


@dataclass(frozen=True)
class PersonalCall:
    first: time | None  # when their day starts; None for a call that is not a time (O/C)
    text: str  # "7:00 AM", "O/C" (crew) or "pickup 6:00 AM, H/MU 6:15 AM, on set 8:00 AM" (cast)
    working: bool = True  # False when marked N/W (not working): they have no call today


NOT_WORKING_CALL = PersonalCall(None, NOT_WORKING, working=False)


def personal_calls(view) -> dict[int, PersonalCall]:
    """Each person's own call on this sheet, by person pk. Someone marked N/W gets
    NOT_WORKING_CALL, never a call."""
    calls = {
        row.person.pk: NOT_WORKING_CALL
        if _is_not_working(row.call)
        else PersonalCall(row.first, row.call_text)
        for _, rows in view.crew
        for row in rows
    }
    for row in view.cast:
        if row.person is None or not any((row.pickup, row.makeup, row.on_set)):
            continue
        if row.not_working:
            calls[row.person.pk] = NOT_WORKING_CALL
            continue
        parts = [
            f"{label} {clock(value)}"
            for label, value in (
                ("pickup", row.pickup),
                ("H/MU", row.makeup),
                ("on set", row.on_set),
            )
            if value
        ]
        calls[row.person.pk] = PersonalCall(row.earliest, ", ".join(parts))
    return calls


def _set_locations(production) -> dict[int, list[str]]:
    """{set element pk: names of the Location elements linked to it} (either way round)."""
    links = Element.linked.through.objects.filter(from_element__production=production)
    out: dict[int, list[str]] = {}
    for set_pk, name in links.filter(
        from_element__category__ucid=Ucid.SET, to_element__category__ucid=Ucid.LOCATION
    ).values_list("from_element_id", "to_element__name"):
        out.setdefault(set_pk, []).append(name)
    for name, set_pk in links.filter(
        from_element__category__ucid=Ucid.LOCATION, to_element__category__ucid=Ucid.SET
    ).values_list("from_element__name", "to_element_id"):
        out.setdefault(set_pk, []).append(name)
    return out


def _scene_location(info: StripInfo, set_locations: dict[int, list[str]]) -> str:
    """The strip's own Location element, else the location its set is linked to."""
    if info.location:
        return info.location
    names = [
        name
        for e in info.elements
        if e.category is not None and e.category.ucid == Ucid.SET
        for name in set_locations.get(e.pk, [])
    ]
    return " / ".join(dict.fromkeys(names))


def _scene_doc(
    info: StripInfo,
    day_night: dict[int, DayNight],
    set_locations: dict[int, list[str]],
    fallback_location: str = "",
) -> dict:
    resolved = day_night.get(info.pk)
    letter = resolved.letter if resolved else ""
    word = " ".join(info.day_night.split())
    plain = word.upper() in ("", "D", "N", "DAY", "NIGHT")
    return {
        "scene": info.scene,
        "int_ext": info.int_ext,
        "set": info.set_name,
        "description": info.description,
        # D or N as resolved for the strip (CONTINUOUS takes the scene before's), with the
        # script's own word beside it when it says more; the word alone when it cannot be told.
        "dn": letter or word,
        "dn_word": word if letter and not plain else "",
        "pages": info.pages,
        "cast": info.cast_ids,
        "location": _scene_location(info, set_locations) or fallback_location,
    }


# The director and the producers from the crew list head the sheet, in this order.
DIRECTOR_POSITIONS = ("director",)
PRODUCER_POSITIONS = (
    "executive producer",
    "producer",
    "co-producer",
    "line producer",
    "associate producer",
)


def _credits(crew) -> list[dict]:
    found: dict[str, list[str]] = {}
    for _, rows in crew:
        for row in rows:
            found.setdefault(row.person.position.strip().lower(), []).append(
                row.person.display_name
            )
    credits = []
    directors = [n for p in DIRECTOR_POSITIONS for n in found.get(p, [])]
    if directors:
        credits.append(
            {
                "role": "Director" if len(directors) == 1 else "Directors",
                "names": ", ".join(directors),
            }
        )
    producers = [
        f"{n} ({p.title()})" if p != "producer" else n
        for p in PRODUCER_POSITIONS
        for n in found.get(p, [])
    ]
    if producers:
        credits.append(
            {
                "role": "Producer" if len(producers) == 1 else "Producers",
                "names": ", ".join(producers),
            }
        )
    return credits


def _key_staff(crew) -> list[dict]:
    by_position = {}
    for _, rows in crew:
        for row in rows:
            by_position.setdefault(row.person.position.lower(), row.person)
    staff = []
    for position, title in KEY_POSITIONS.items():
        person = by_position.get(position.lower())
        if person is not None:
            staff.append({"role": title, "name": person.display_name, "phone": person.phone})
    return staff


def sheet_document(view: SheetView) -> dict:
    """The data for the PDF, the reduced cover and the phone page."""
    sheet = view.sheet
    production = sheet.production
    sun = None
    if sheet.latitude is not None and sheet.longitude is not None:
        sun = sun_times(
            float(sheet.latitude), float(sheet.longitude), sheet.date, production.time_zone
        )
    version = production.script_versions.first()
    day_night = production_day_night(production)
    set_locations = _set_locations(production)
    return {
        "production": {
            "title": production.title,
            "company": production.company,
            "office_address": production.office_address,
            "office_phone": production.office_phone,
            "office_email": production.office_email,
        },
        "sheet": {
            "number": str(sheet.number),
            "version": str(sheet.version),
            "revised": sheet.version > 1,
            "date": f"{sheet.date:%A, %B %-d, %Y}",
            "weekday": f"{sheet.date:%A}",
            "day_of": f"Day {sheet.day_number} of {view.days_total}",
        },
        "times": {
            "crew_call": clock(sheet.crew_call),
            "shooting_call": clock(sheet.shooting_call),
            "breakfast": clock(sheet.breakfast),
            "lunch": clock(sheet.lunch),
            "second_meal": clock(sheet.second_meal),
            "est_wrap": clock(sheet.est_wrap),
        },
        "credits": _credits(view.crew),
        "key_staff": _key_staff(view.crew),
        "script": f"{version.colour} revision, {version.revision_date:%b %-d, %Y}"
        if version
        else "",
        "schedule": f"{sheet.scenario.name}, rev. {sheet.scenario.revision}",
        "weather": {
            "summary": sheet.weather_summary,
            "high": sheet.weather_high,
            "low": sheet.weather_low,
            "sunrise": clock(sun.sunrise) if sun else "",
            "sunset": clock(sun.sunset) if sun else "",
            "dawn": clock(sun.dawn) if sun else "",
            "dusk": clock(sun.dusk) if sun else "",
        },
        "locations": [
            {
                "name": sheet.location_name,
                "address": sheet.set_address,
                "basecamp": sheet.basecamp,
                "crew_parking": sheet.crew_parking,
                "notes": "",
            }
        ],
        "hospital": {
            "name": sheet.hospital_name,
            "address": sheet.hospital_address,
            "phone": sheet.hospital_phone,
        },
        "safety": {"notes": sheet.safety_notes, "hotline": sheet.safety_hotline},
        "scenes": [
            _scene_doc(s, day_night, set_locations, sheet.location_name) for s in view.scenes
        ],
        "total_pages": view.pages,
        "cast": [
            {
                "id": row.id,
                "actor": row.person.display_name if row.person else "",
                "character": row.element.name,
                "status": row.status,
                "pickup": clock(row.pickup),
                "makeup": clock(row.makeup),
                "on_set": clock(row.on_set),
                "remarks": row.remarks_printed,
            }
            for row in view.cast
        ],
        "background": [
            {**b, "call": clock(_time_or_none(b.get("call")))} for b in sheet.background
        ],
        "department_notes": sheet.department_notes,
        "notes": sheet.notes,
        "advance": [
            {
                "label": f"Day {d.number}" + (f" — {d.date:%a %b %-d}" if d.date else ""),
                "scenes": [
                    _scene_doc(s, day_night, set_locations)
                    for s in d.strips
                    if s.kind == "scene" and not s.omitted
                ],
                "pages": d.pages,
            }
            for d in view.advance
        ],
        "crew": [
            {
                "department": department.name if department else "Other",
                "people": [
                    {
                        "position": r.person.position,
                        "name": r.person.display_name,
                        "call": clock(r.call),
                        "phone": r.person.phone,
                    }
                    for r in rows
                ],
            }
            for department, rows in view.crew
        ],
        "walkies": sheet.walkies,
        "printed": _moment(timezone.now(), production.tzinfo),
    }


def _moment(moment: datetime, tz) -> str:
    """Dec 3, 2026 10:31 AM PST: a moment in the production's time zone, the zone named."""
    local = timezone.localtime(moment, tz)
    return f"{local:%b} {local.day}, {local:%Y} {time_of_day(local)} {local.tzname()}"


def _with_status(sheet: CallSheet, document: dict) -> dict:
    """The document as this version stands: a draft says so; a published version carries its
    number and when it was published. Added as it is read, so every copy agrees (the frozen
    snapshot is taken while the sheet is being published)."""
    published = sheet.is_published and sheet.published_at is not None
    stamp = {
        "draft": not sheet.is_published,
        "published": _moment(sheet.published_at, sheet.production.tzinfo) if published else "",
    }
    return {**document, "sheet": {**document.get("sheet", {}), **stamp}}


@dataclass
class Issued:
    """A call sheet as recipients get it: frozen once published, live while a draft."""

    document: dict
    calls: dict[int, PersonalCall]
    sides_for: set[int]  # person pks of the cast who work: they get sides
    scenes: list[str]  # scene numbers, in shooting order


def issue(view: SheetView) -> Issued:
    return Issued(
        document=sheet_document(view),
        calls=personal_calls(view),
        sides_for={
            row.person.pk for row in view.cast if row.person and row.on_set and not row.not_working
        },
        scenes=[s.scene for s in view.scenes],
    )


def issued_as_json(issued: Issued) -> dict:
    return {
        "document": issued.document,
        "calls": {
            str(pk): [c.first.strftime("%H:%M") if c.first else "", c.text, c.working]
            for pk, c in issued.calls.items()
        },
        "sides_for": sorted(issued.sides_for),
        "scenes": issued.scenes,
    }


def _call_from_json(entry: list) -> PersonalCall:
    """[first, text, working]; a version published before the third was kept reads as not
    working when its text says N/W."""
    first, text, *rest = entry
    working = rest[0] if rest else not re.search(r"(?<![\w/])N/W(?![\w/])", text, re.I)
    return PersonalCall(parse_clock(first), text, working=bool(working))


def issued(sheet: CallSheet) -> Issued:
    """What recipients see of this version."""
    if sheet.is_published and sheet.snapshot:
        data = sheet.snapshot
        return Issued(
            document=_with_status(sheet, data["document"]),
            calls={int(pk): _call_from_json(entry) for pk, entry in data["calls"].items()},
            sides_for=set(data["sides_for"]),
            scenes=data["scenes"],
        )
    sent = issue(sheet_view(sheet))
    sent.document = _with_status(sheet, sent.document)
    return sent


@dataclass(frozen=True)
class PublishedCall:
    """One person's call on the latest published call sheet of a date, as it was sent (the
    frozen snapshot), with the sheet's times that a time card starts from."""

    date: date
    person_id: int
    call: time | None  # when their day starts; None for a word (O/C) or N/W
    text: str  # the call as printed ("7:00 AM", "O/C", "pickup 6:00 AM, ...")
    working: bool  # False when marked N/W
    est_wrap: time | None
    lunch: time | None
    previous_wrap: datetime | None  # the wrap before the sheet's day, when recorded on it
    location: str = ""  # where the day is (the sheet's location)


def published_calls(*, production, start: date, days: int = 7) -> list[PublishedCall]:
    """Everyone's calls on the latest published call sheet of each date from ``start`` for
    ``days`` days, by date; a sheet that calls nobody gives no row."""
    sheets = CallSheet.objects.filter(
        production=production,
        status=CallSheet.Status.PUBLISHED,
        date__gte=start,
        date__lt=start + timedelta(days=days),
    ).order_by("date", "published_at", "version")
    latest = {sheet.date: sheet for sheet in sheets}
    return [
        PublishedCall(
            date=day,
            person_id=int(pk),
            call=call.first,
            text=call.text,
            working=call.working,
            est_wrap=sheet.est_wrap,
            lunch=sheet.lunch,
            previous_wrap=sheet.previous_wrap,
            location=sheet.location_name,
        )
        for day, sheet in latest.items()
        for pk, entry in ((sheet.snapshot or {}).get("calls") or {}).items()
        if str(pk).isdigit()
        for call in [_call_from_json(entry)]
    ]


# --------------------------------------------------------------------------- versions


def latest_version(scenario, day_number: int) -> CallSheet | None:
    """The newest version of a day's sheet, draft or published."""
    return (
        CallSheet.objects.filter(scenario=scenario, day_number=day_number)
        .order_by("-version")
        .first()
    )


def latest_published(scenario, day_number: int) -> CallSheet | None:
    """The day's newest published version, without its frozen snapshot (read if asked for):
    the crew's phone page asks only whether a newer version exists."""
    return (
        CallSheet.objects.filter(
            scenario=scenario, day_number=day_number, status=CallSheet.Status.PUBLISHED
        )
        .defer("snapshot")
        .order_by("-version")
        .first()
    )


def sheet_versions(sheet: CallSheet):
    """Every version of the sheet's day, newest first."""
    return CallSheet.objects.filter(scenario=sheet.scenario, day_number=sheet.day_number).order_by(
        "-version"
    )


def scenario_days(scenario) -> list[tuple[PlanDay, CallSheet | None]]:
    """Each shoot day of the board with its latest call sheet version, if any."""
    sheets: dict[int, CallSheet] = {}
    for sheet in CallSheet.objects.filter(scenario=scenario).order_by("day_number", "version"):
        sheets[sheet.day_number] = sheet  # the latest version wins
    return [(day, sheets.get(day.number)) for day in scenario_plan(scenario).days]


def changed_from(previous: CallSheet | None, sheet: CallSheet, fields: list[str]) -> list[str]:
    """What a recipient of the earlier version needs to know about ``fields``, in words."""
    if previous is None:
        return []
    labels = {f.name: str(f.verbose_name) for f in CallSheet._meta.fields}
    out = []
    for name in fields:
        old, new = getattr(previous, name), getattr(sheet, name)
        if old == new:
            continue
        label = labels[name][:1].upper() + labels[name][1:]
        if isinstance(new, time) or isinstance(old, time):
            old_text = time_of_day(old) or "—"
            new_text = time_of_day(new) or "—"
            out.append(f"{label}: {old_text} → {new_text}")
        elif isinstance(new, str):
            out.append(f"{label}: {new[:120] or '—'}")
        else:
            out.append(f"{label} changed")
    return out


# --------------------------------------------------------------------------- who has it


def sheet_dispatches(sheet: CallSheet):
    """The sends of this version."""
    return Dispatch.objects.filter(
        production=sheet.production, kind="callsheet", object_id=sheet.pk
    )


def dispatch_made(production, key: str) -> bool:
    """Whether a send with this key was made (a double-clicked Send finds its first click's)."""
    return Dispatch.objects.filter(production=production, key=key).exists()


def sheet_deliveries(sheet: CallSheet) -> list[Delivery]:
    """Every copy of this version, by the recipient's name."""
    return list(
        Delivery.objects.filter(dispatch__in=sheet_dispatches(sheet))
        .select_related("person", "person__department", "dispatch")
        .order_by("person__last_name", "person__first_name")
    )


def sheet_delivery(sheet: CallSheet, delivery_pk: int) -> Delivery | None:
    return (
        Delivery.objects.select_related("person")
        .filter(pk=delivery_pk, dispatch__in=sheet_dispatches(sheet))
        .first()
    )


def send_recipients(sheet: CallSheet, groups) -> list[Person]:
    """The people of the chosen distribution groups not sent this version yet, by pk."""
    people = {p for g in groups for p in g.recipients()}
    already = set(
        Delivery.objects.filter(dispatch__in=sheet_dispatches(sheet)).values_list(
            "person_id", flat=True
        )
    )
    return sorted((p for p in people if p.pk not in already), key=lambda p: p.pk)


def link_delivery(grant) -> Delivery | None:
    """The call-sheet copy a signed link was made for; None for a link to anything else."""
    delivery = (
        Delivery.objects.filter(grant=grant)
        .select_related("person", "dispatch", "dispatch__production")
        .first()
    )
    if delivery is None or delivery.dispatch.kind != "callsheet":
        return None
    return delivery


def recipient_call(sent: Issued, person: Person) -> str | None:
    """The call a recipient's phone page puts first: theirs as issued; None when marked N/W
    (the page says they are not working today); for cast not on the sheet, not called; for
    crew, the crew call."""
    own = sent.calls.get(person.pk)
    if own is not None and not own.working:
        return None
    if own is not None:
        return own.text
    if person.kind == Person.Kind.CAST:
        return "Not called today"
    return sent.document["times"]["crew_call"]
