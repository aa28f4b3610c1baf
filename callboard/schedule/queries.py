"""Reads for the breakdown and the schedule: the board as the page shows it, the Day Out of
Days, warnings, the data behind the printed documents, and USS export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max
from django.utils import timezone

from callboard.core import clock
from callboard.core.eighths import format_eighths
from callboard.core.models import Production
from callboard.people.models import Person
from callboard.scripts.queries import revision_colours

from . import uss
from .board import BoardError, CalendarRules, ElementAvailability, board_warnings
from .daynight import DayNight, resolve_day_night, word_letter
from .dood import Calendar as DoodCalendar
from .dood import DoodRow, ElementDays, build_dood
from .models import (
    Calendar,
    Category,
    Element,
    Scenario,
    ScheduleHeader,
    ScheduleVersion,
    Strip,
    StripChange,
    Ucid,
)
from .sorting import natural_id
from .versiondiff import (
    CastChange,
    FrozenBoard,
    FrozenCast,
    FrozenDay,
    FrozenScene,
    VersionDiff,
    board_from_json,
    compare_versions,
    cover_data,
    day_heading,
    number_parts,
    scene_sentence,
)


@dataclass
class StripInfo:
    pk: int
    kind: str
    scene: str
    eighths: int
    description: str
    comments: str
    banner: str
    omitted: bool
    script_page: str
    duration_minutes: int | None
    set_name: str = ""
    int_ext: str = ""
    day_night: str = ""
    script_day: str = ""
    location: str = ""
    cast: list[Element] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)  # every element, category order
    position: int = 0  # script order
    # Day or night as resolved in script order (CONTINUOUS takes the scene before's): daynight.
    dn: DayNight | None = None
    # What a script revision changed on this scheduled scene, not yet acknowledged.
    flags: list[str] = field(default_factory=list)
    flag_ids: list[int] = field(default_factory=list)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths) if self.eighths else ""

    @property
    def dn_letter(self) -> str:
        """ "D", "N" or "" (unknown), resolved like the call sheet's."""
        if self.dn is not None:
            return self.dn.letter
        return word_letter(self.day_night) or ""

    @property
    def is_night(self) -> bool:
        return self.dn_letter == "N"

    @property
    def is_exterior(self) -> bool:
        """EXT, EST (an establishing shot is exterior), I/E and INT/EXT take the EXT colour."""
        ie = self.int_ext.upper().replace(".", "").strip()
        return ie.startswith(("EXT", "EST", "I/E", "INT/EXT", "E/I"))

    @property
    def colour(self) -> str:
        """REFERENCE.md: day INT white, day EXT yellow, night INT blue, night EXT green."""
        if self.kind == Strip.Kind.BANNER:
            return "banner"
        if self.is_night:
            return "green" if self.is_exterior else "blue"
        return "yellow" if self.is_exterior else "white"

    @property
    def cast_ids(self) -> list[str]:
        return [e.board_id or e.name for e in self.cast]

    @property
    def duration(self) -> str:
        if not self.duration_minutes:
            return ""
        return f"{self.duration_minutes // 60}:{self.duration_minutes % 60:02d}"


_HEADING_FIELDS = {
    Ucid.SET: "set_name",
    Ucid.INT_EXT: "int_ext",
    Ucid.DAY_NIGHT: "day_night",
    Ucid.SCRIPT_DAY: "script_day",
    Ucid.LOCATION: "location",
}


def strip_infos(production: Production) -> dict[int, StripInfo]:
    """Every strip of the production with its heading facts and elements: three queries."""
    elements = {
        e.pk: e for e in Element.objects.filter(production=production).select_related("category")
    }
    infos = {
        s.pk: StripInfo(
            pk=s.pk,
            kind=s.kind,
            scene=s.scene_number,
            eighths=s.eighths or 0,
            description=s.description,
            comments=s.comments,
            banner=s.banner_text,
            omitted=s.omitted,
            script_page=s.script_page,
            duration_minutes=s.duration_minutes,
            position=s.position,
        )
        for s in Strip.objects.filter(production=production).only(
            "pk",
            "position",
            "kind",
            "scene_number",
            "eighths",
            "description",
            "comments",
            "banner_text",
            "omitted",
            "script_page",
            "duration_minutes",
        )
    }
    links = Strip.elements.through.objects.filter(strip__production=production).order_by("id")
    for strip_id, element_id in links.values_list("strip_id", "element_id"):
        info, element = infos.get(strip_id), elements.get(element_id)
        if info is None or element is None:
            continue
        info.elements.append(element)
        ucid = element.category.ucid if element.category else None
        if ucid in _HEADING_FIELDS:
            attr = _HEADING_FIELDS[ucid]
            current = getattr(info, attr)
            setattr(info, attr, f"{current} / {element.name}" if current else element.name)
        elif ucid == Ucid.CAST:
            info.cast.append(element)
    scenes = sorted(
        (i for i in infos.values() if i.kind == Strip.Kind.SCENE), key=lambda i: (i.position, i.pk)
    )
    for pk, resolved in resolve_day_night(scenes).items():
        infos[pk].dn = resolved
    open_changes = StripChange.objects.filter(production=production, acknowledged_at__isnull=True)
    for change in open_changes.order_by("created_at", "id"):
        if change.strip_id in infos:
            infos[change.strip_id].flags.extend(change.changes)
            infos[change.strip_id].flag_ids.append(change.pk)
    for info in infos.values():
        info.cast.sort(key=lambda e: natural_id(e.board_id))
        info.elements.sort(
            key=lambda e: (e.category.position if e.category else 1_000_000, natural_id(e.board_id))
        )
    return infos


# --------------------------------------------------------------------------- the plan


@dataclass
class PlanDay:
    index: int  # 0-based position on the board
    number: int  # shoot day number
    date: date | None
    strips: list[StripInfo]
    notes: list[str]

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.strips if s.kind == Strip.Kind.SCENE and not s.omitted)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)


@dataclass
class Plan:
    scenario: Scenario
    calendar: Calendar | None
    days: list[PlanDay]
    unscheduled: list[StripInfo]
    boneyard: list[StripInfo]
    infos: dict[int, StripInfo]
    off_days: list[tuple[date, str]]  # days off and holidays inside the shoot, with a label

    @property
    def eighths(self) -> int:
        return sum(d.eighths for d in self.days)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def unscheduled_scenes(self) -> int:
        return sum(1 for s in self.unscheduled if s.kind == Strip.Kind.SCENE)

    @property
    def first_date(self) -> date | None:
        return self.days[0].date if self.days else None

    @property
    def last_date(self) -> date | None:
        return self.days[-1].date if self.days else None

    def rules(self) -> CalendarRules | None:
        return self.calendar.rules() if self.calendar and self.calendar.start else None

    def dood_calendar(self) -> DoodCalendar:
        rules = self.rules()
        if rules is None or not self.days or self.days[0].date is None:
            return DoodCalendar(days=[], shoot_days={}, days_off=set(), holidays=set())
        return rules.dood_calendar(len(self.days))


def scenario_plan(scenario: Scenario, infos: dict[int, StripInfo] | None = None) -> Plan:
    production = scenario.production
    infos = infos if infos is not None else strip_infos(production)
    board = scenario.board
    calendar = scenario.calendar
    dates: list[date | None] = [None] * len(board.days)
    notes: dict[date, list[str]] = {}
    off_days: list[tuple[date, str]] = []
    if calendar and calendar.start and board.days:
        rules = calendar.rules()
        try:
            dood_calendar = rules.dood_calendar(len(board.days))
        except BoardError:  # every weekday a day off: the days have no dates
            dood_calendar = None
        if dood_calendar is not None:
            by_number = {number: day for day, number in dood_calendar.shoot_days.items()}
            dates = [by_number[n + 1] for n in range(len(board.days))]
            notes = calendar.notes_by_date()
            for day in sorted(dood_calendar.days_off):
                off_days.append((day, "Holiday" if day in dood_calendar.holidays else "Day off"))
    days = [
        PlanDay(
            index=index,
            number=index + 1,
            date=dates[index],
            strips=[infos[pk] for pk in day if pk in infos],
            notes=[n for n in notes.get(dates[index], []) if n.lower() != "holiday"]
            if dates[index]
            else [],
        )
        for index, day in enumerate(board.days)
    ]
    return Plan(
        scenario=scenario,
        calendar=calendar,
        days=days,
        unscheduled=[infos[pk] for pk in board.unscheduled if pk in infos],
        boneyard=[infos[pk] for pk in board.boneyard if pk in infos],
        infos=infos,
        off_days=off_days,
    )


# --------------------------------------------------------------------------- DOOD


def category_for(production: Production, wanted: str | None) -> Category | None:
    """A category by UCID, name or "cast" (the default); None when there is no such."""
    categories = list(Category.objects.filter(production=production))
    wanted = (wanted or "cast").strip().lower()
    if wanted == "cast":
        return next((c for c in categories if c.ucid == Ucid.CAST), None)
    if wanted.isdigit():
        return next((c for c in categories if c.ucid == int(wanted)), None)
    return next((c for c in categories if c.name.lower() == wanted), None)


def _element_days(plan: Plan, category: Category) -> dict[int, set[date]]:
    work: dict[int, set[date]] = {}
    for day in plan.days:
        if day.date is None:
            continue
        for info in day.strips:
            if info.omitted:
                continue
            for element in info.elements:
                if element.category_id == category.pk:
                    work.setdefault(element.pk, set()).add(day.date)
    return work


@dataclass
class Dood:
    plan: Plan
    category: Category
    calendar: DoodCalendar
    elements: list[Element]
    rows: list[DoodRow]


# Event days (travel, rehearsal, fitting) this far outside the shoot still get their columns.
EVENT_MARGIN = timedelta(days=60)


def _with_event_days(calendar: DoodCalendar, rules, event_days: set[date]) -> DoodCalendar:
    """The DOOD's calendar widened to show travel, rehearsal and fitting days before the first
    or after the last shoot day (within EVENT_MARGIN), so every paid day has its column."""
    if not calendar.days or not event_days or rules is None:
        return calendar
    first, last = calendar.days[0], calendar.days[-1]
    start = max(min(event_days | {first}), first - EVENT_MARGIN)
    end = min(max(event_days | {last}), last + EVENT_MARGIN)
    if (start, end) == (first, last):
        return calendar
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    extra = [d for d in days if d < first or d > last]
    return DoodCalendar(
        days=days,
        shoot_days=calendar.shoot_days,
        days_off=calendar.days_off | {d for d in extra if rules.is_off(d)},
        holidays=calendar.holidays | {d for d in extra if d in rules.holidays},
    )


def scenario_dood(plan: Plan, category: Category) -> Dood:
    """One DOOD row per element of ``category`` that is in the DOOD, ordered by board ID."""
    work = _element_days(plan, category)
    elements = sorted(
        (
            e
            for e in Element.objects.filter(category=category)
            if e.in_dood is not False and (e.pk in work or e.board_id)
        ),
        key=lambda e: (natural_id(e.board_id), e.name),
    )
    inputs = [
        ElementDays(
            id=e.board_id or e.name,
            name=e.name,
            work=frozenset(work.get(e.pk, ())),
            allow_holds=e.allow_holds is not False,
            allow_drops=e.allow_drops is not False,
            drop_days=10 if e.drop_days is None else e.drop_days,
            travel=frozenset(e.event_dates("travel")),
            rehearsal=frozenset(e.event_dates("rehearsal")),
            fitting=frozenset(e.event_dates("fitting", "wardrobe fitting")),
            rehearsal_paid=e.rehearsals_paid_as_days,
            fitting_paid=e.fittings_paid_as_days,
        )
        for e in elements
    ]
    event_days = {d for i in inputs for d in (*i.travel, *i.rehearsal, *i.fitting)}
    calendar = _with_event_days(plan.dood_calendar(), plan.rules(), event_days)
    rows = build_dood(calendar, inputs)
    return Dood(plan=plan, category=category, calendar=calendar, elements=elements, rows=rows)


def scenario_warnings(plan: Plan, cast: Dood | None) -> list:
    """Board warnings for cast: worked on a day off or an unavailable date; a second drop."""
    if cast is None:
        return []
    drops = {e.pk: row.drops for e, row in zip(cast.elements, cast.rows, strict=True)}
    work = _element_days(plan, cast.category)
    return board_warnings(
        [
            ElementAvailability(
                name=str(e),
                work=frozenset(work.get(e.pk, ())),
                weekly_off=frozenset(int(d) for d in e.days_off),
                unavailable=frozenset(e.unavailable_dates()),
                drops=drops.get(e.pk, 0),
                one_drop_only=e.allow_drops is not False,
            )
            for e in cast.elements
        ]
    )


# --------------------------------------------------------------------------- USS export


def _stamp(day: date | None) -> str | None:
    # Noon UTC: the same calendar date in every time zone from UTC-11 to UTC+11, so a reader
    # that converts to local time still lands on the right day.
    return f"{day.isoformat()}T12:00:00.000Z" if day else None


def _uss_events(events: list[dict]) -> list[uss.Event]:
    return [
        uss.Event(
            id=None,
            type=e.get("type") or "event",
            name=e.get("name") or None,
            date=_stamp(date.fromisoformat(e["date"])),
        )
        for e in events
    ]


def schedule_export(production: Production) -> uss.Schedule:
    """The production's breakdown and scenarios as a USS schedule (write with uss.write_uss)."""
    header = ScheduleHeader.objects.filter(production=production).first()
    categories = list(Category.objects.filter(production=production))
    elements = list(
        Element.objects.filter(production=production)
        .select_related("category")
        .prefetch_related("linked")
        .order_by("id")
    )
    strips = list(
        Strip.objects.filter(production=production)
        .prefetch_related("elements")
        .order_by("position", "id")
    )
    uss_of_strip = {s.pk: s.uss_id for s in strips}
    calendars = list(Calendar.objects.filter(production=production))
    scenarios = list(Scenario.objects.filter(production=production).select_related("calendar"))

    def board_items(layout) -> list:
        if layout.days:
            return [[uss_of_strip[pk] for pk in day if pk in uss_of_strip] for day in layout.days]
        return [uss_of_strip[pk] for pk in layout.unscheduled if pk in uss_of_strip]

    stripboards = []
    for scenario in scenarios:
        layout = scenario.board
        boards = [
            uss.Board(id=f"{scenario.uss_id}-s", name="stripboard", items=board_items(layout))
        ]
        if layout.days and layout.unscheduled:
            boards.append(
                uss.Board(
                    id=f"{scenario.uss_id}-u",
                    name="unscheduled",
                    items=[uss_of_strip[pk] for pk in layout.unscheduled if pk in uss_of_strip],
                )
            )
        boards.append(
            uss.Board(
                id=f"{scenario.uss_id}-b",
                name="boneyard",
                items=[uss_of_strip[pk] for pk in layout.boneyard if pk in uss_of_strip],
            )
        )
        stripboards.append(
            uss.Stripboard(
                id=scenario.uss_id,
                name=scenario.name,
                calendar=scenario.calendar.uss_id if scenario.calendar else None,
                boards=boards,
            )
        )

    return uss.Schedule(
        id=header.uss_id if header else None,
        name=(header.name if header else "") or production.title,
        project=(header.project if header else "") or production.title,
        author=header.author if header else None,
        company=(header.company if header else "") or production.company or None,
        created=timezone.now().strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        description=header.description if header else None,
        episode=(header.episode if header else "") or None,
        episode_name=(header.episode_name if header else "") or None,
        season=(header.season if header else "") or None,
        sched_color=(header.sched_color if header else "") or None,
        sched_date=_stamp(header.sched_date) if header else None,
        script_color=(header.script_color if header else "") or None,
        script_date=_stamp(header.script_date) if header else None,
        source="Callboard",
        breakdowns=[
            uss.Breakdown(
                id=s.uss_id,
                type="banner" if s.kind == Strip.Kind.BANNER else "scene",
                elements=[e.uss_id for e in s.elements.all()],
                scene=s.scene_number or None,
                description=s.description or None,
                banner_text=s.banner_text or None,
                script_page=s.script_page or None,
                pages=None if s.eighths is None else s.eighths / 8,
                duration=None if s.duration_minutes is None else s.duration_minutes * 60000,
                comments=s.comments or None,
            )
            for s in strips
        ],
        categories=[uss.Category(id=c.uss_id, ucid=c.ucid, name=c.name) for c in categories],
        elements=[
            uss.Element(
                id=e.uss_id,
                name=e.name,
                category=e.category.uss_id if e.category else None,
                element_id=e.board_id,
                id_lock=e.id_locked,
                dood=e.in_dood,
                hold=e.allow_holds,
                drop=e.allow_drops,
                drop_days=e.drop_days,
                linked_elements=[link.uss_id for link in e.linked.all()],
                events=_uss_events(e.events),
                days_off=list(e.days_off),
            )
            for e in elements
        ],
        stripboards=stripboards,
        calendars=[
            uss.Calendar(
                id=c.uss_id,
                name=c.name,
                days_off=list(c.weekly_off),
                events=(
                    [uss.Event(id=None, type="start", name=None, date=_stamp(c.start))]
                    if c.start
                    else []
                )
                + _uss_events(c.events),
            )
            for c in calendars
        ],
    )


# --------------------------------------------------------------------------- printed documents


def _header(production: Production, scenario: Scenario | None) -> dict:
    header = ScheduleHeader.objects.filter(production=production).first()
    version = production.script_versions.first() if hasattr(production, "script_versions") else None
    if version is not None:
        script = f"{version.colour} revision, {version.revision_date:%b %d, %Y}"
    elif header and header.script_color:
        when = f", {header.script_date:%b %d, %Y}" if header.script_date else ""
        script = f"{header.script_color} revision{when}"
    else:
        script = ""
    return {
        "production": {"title": production.title, "company": production.company},
        "scenario": scenario.name if scenario else "",
        "calendar": scenario.calendar.name if scenario and scenario.calendar else "",
        "script": script,
        "printed": clock.date_time(timezone.now(), production.tzinfo),
    }


def _strip_doc(info: StripInfo) -> dict:
    if info.kind == Strip.Kind.BANNER:
        return {"kind": "banner", "text": info.banner}
    categories: dict[str, list[str]] = {}
    for element in info.elements:
        category = element.category
        if category is None or category.ucid in Ucid.HEADING or category.ucid == Ucid.CAST:
            continue
        categories.setdefault(category.name, []).append(element.name)
    return {
        "kind": "scene",
        "scene": info.scene,
        "int_ext": info.int_ext,
        "set": info.set_name,
        "dn": info.day_night,
        "pages": info.pages,
        "cast": info.cast_ids,
        "cast_names": [str(e) for e in info.cast],
        "synopsis": info.description,
        "script_day": info.script_day,
        "script_page": info.script_page,
        "location": info.location,
        "duration": info.duration,
        "colour": info.colour,
        "omitted": info.omitted,
        "elements": [{"category": name, "names": names} for name, names in categories.items()],
    }


def schedule_document(plan: Plan) -> dict:
    """Data for the one-liner and the shooting schedule (PDF and XLSX)."""
    return {
        **_header(plan.scenario.production, plan.scenario),
        "days": [
            {
                "number": day.number,
                "date": f"{day.date:%a %d %b %Y}" if day.date else "",
                "pages": day.pages,
                "strips": [_strip_doc(info) for info in day.strips]
                + [{"kind": "event", "text": note} for note in day.notes],
                "events": day.notes,
            }
            for day in plan.days
        ],
        "unscheduled": [_strip_doc(info) for info in plan.unscheduled],
        "total_pages": plan.pages,
        "total_days": len(plan.days),
    }


def dood_document(dood: Dood) -> dict:
    calendar = dood.calendar
    columns = [
        {
            "date": day.isoformat(),
            "month": f"{day:%b}",
            "dom": str(day.day),
            "weekday": f"{day:%a}"[:2],
            "day": str(calendar.shoot_days.get(day, "")),
            "off": day in calendar.days_off,
            "holiday": day in calendar.holidays,
        }
        for day in calendar.days
    ]
    return {
        **_header(dood.plan.scenario.production, dood.plan.scenario),
        "category": dood.category.name,
        "columns": columns,
        "rows": [
            {
                "id": row.id if row.id != row.name else "",
                "name": row.name,
                "codes": [row.codes.get(day, "") for day in calendar.days],
                "work": str(row.work),
                "travel": str(row.travel),
                "hold": str(row.hold),
                "holiday": str(row.holiday),
                "rehearsal": str(row.rehearsal),
                "fitting": str(row.fitting),
                "paid": str(row.paid),
                "start": f"{row.start:%m/%d/%y}" if row.start else "",
                "finish": f"{row.finish:%m/%d/%y}" if row.finish else "",
            }
            for row in dood.rows
        ],
    }


def breakdown_document(production: Production, strips: list[StripInfo]) -> dict:
    sheets = []
    for number, info in enumerate((s for s in strips if s.kind == Strip.Kind.SCENE), start=1):
        boxes: dict[int, dict] = {}
        for element in info.elements:
            category = element.category
            if category is None or category.ucid in Ucid.HEADING:
                continue
            box = boxes.setdefault(
                category.pk, {"ucid": category.ucid, "name": category.name, "items": []}
            )
            box["items"].append(str(element) if category.ucid == Ucid.CAST else element.name)
        sheets.append(
            {
                "sheet": str(number),
                "scene": info.scene,
                "int_ext": info.int_ext,
                "set": info.set_name,
                "dn": info.day_night,
                "pages": info.pages,
                "script_page": info.script_page,
                "script_day": info.script_day,
                "location": info.location,
                "duration": info.duration,
                "synopsis": info.description,
                "comments": info.comments,
                "colour": info.colour,
                "categories": list(boxes.values()),
            }
        )
    return {**_header(production, None), "sheets": sheets}


# --------------------------------------------------------------------------- the breakdown's strips


def strips_in_order(production: Production) -> tuple[list[int], list[int]]:
    """(every strip, the scene strips) of the production, in script order."""
    rows = Strip.objects.filter(production=production).order_by("position", "id")
    pairs = list(rows.values_list("pk", "kind"))
    return [pk for pk, _ in pairs], [pk for pk, kind in pairs if kind == Strip.Kind.SCENE]


def has_breakdown(production: Production) -> bool:
    return Strip.objects.filter(production=production).exists()


def scheduled_strips(production: Production) -> set[int]:
    """Strips in a shoot day on any of the production's boards."""
    return {
        pk
        for scenario in Scenario.objects.filter(production=production)
        for day in scenario.board.days
        for pk in day
    }


def heading_facts(strip: Strip, cast_category_pk: int) -> tuple[str, str, dict[str, str]]:
    """(INT/EXT, D/N word, {cast name: label}) of a strip as tagged now."""
    int_ext, day_night, cast = [], [], {}
    for element in strip.elements.all():
        ucid = element.category.ucid if element.category else None
        if ucid == Ucid.INT_EXT:
            int_ext.append(element.name)
        elif ucid == Ucid.DAY_NIGHT:
            day_night.append(element.name)
        elif element.category_id == cast_category_pk:
            cast[element.name.upper()] = str(element)
    return " / ".join(sorted(int_ext)), " / ".join(sorted(day_night)), cast


def performer_for(role: str, performers: list[Person]) -> Person | None:
    """The cast member who plays ``role``: the same character name, or the only one whose
    character contains it as a word ("BILL" for "SGT. BILL KOWALSKI")."""
    role = role.strip().upper()
    exact = [p for p in performers if p.character.strip().upper() == role]
    if exact:
        return exact[0]
    words = [p for p in performers if role in p.character.upper().replace(".", " ").split()]
    return words[0] if len(words) == 1 else None


# --------------------------------------------------------------------------- pages


def board_days(plan: Plan) -> list[tuple[PlanDay, list[tuple[date, str]], bool]]:
    """Each shoot day with the weekend and holiday rows after it and whether a week ends
    there, as a paper board shows them."""
    gaps: dict[int, list[tuple[date, str]]] = {}
    week_ends: set[int] = set()
    off_days = sorted(plan.off_days)
    for day in plan.days:
        if day.date is None:
            continue
        following = plan.days[day.index + 1].date if day.index + 1 < len(plan.days) else None
        if following:
            gaps[day.index] = [(d, label) for d, label in off_days if day.date < d < following]
            if following.isocalendar()[1] != day.date.isocalendar()[1]:
                week_ends.add(day.index)
    return [(d, gaps.get(d.index, []), d.index in week_ends) for d in plan.days]


def changed_strips(scenario: Scenario, plan: Plan) -> list[StripInfo]:
    """The board's strips a script revision changed, not yet acknowledged, in board order."""
    infos = plan.infos
    return [infos[pk] for pk in scenario.board.strips() if pk in infos and infos[pk].flags]


def sheet_boxes(strip: Strip) -> list[tuple[Category, list[Element], list[Element]]]:
    """A breakdown sheet's boxes: each category (the heading's first) with the elements the
    strip is tagged with and every element of it to choose from."""
    categories = Category.objects.filter(production=strip.production)
    heading = list(categories.filter(ucid__in=Ucid.HEADING))
    others = list(categories.exclude(ucid__in=Ucid.HEADING))
    tagged = list(strip.elements.select_related("category"))
    options: dict[int, list[Element]] = {}
    elements = Element.objects.filter(production=strip.production).select_related("category")
    for element in elements.order_by("name"):
        options.setdefault(element.category_id, []).append(element)
    return [
        (c, [e for e in tagged if e.category_id == c.pk], options.get(c.pk, []))
        for c in heading + others
    ]


@dataclass
class SheetPlace:
    """Where a breakdown sheet stands among the strips of its kind, in script order."""

    previous: int | None
    next: int | None
    number: int
    total: int


def sheet_place(strip: Strip) -> SheetPlace:
    order = list(
        Strip.objects.filter(production=strip.production, kind=strip.kind)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    at = order.index(strip.pk)
    return SheetPlace(
        previous=order[at - 1] if at > 0 else None,
        next=order[at + 1] if at + 1 < len(order) else None,
        number=at + 1,
        total=len(order),
    )


def elements_by_category(production: Production) -> list[tuple[Category, list[Element]]]:
    """Every element with the number of scenes it is in, by category (cast in board-ID order);
    categories without elements are left out."""
    elements = list(
        Element.objects.filter(production=production)
        .select_related("category")
        .annotate(scenes=Count("strips"))
    )
    out = []
    for category in Category.objects.filter(production=production):
        rows = [e for e in elements if e.category_id == category.pk]
        if category.ucid == Ucid.CAST:
            rows.sort(key=lambda e: (natural_id(e.board_id), e.name))
        if rows:
            out.append((category, rows))
    return out


# --------------------------------------------------------------------------- published versions


def publish_problems(plan: Plan) -> list[str]:
    """Why this board cannot be published at all (bad input, not a finding to override).
    The board dates its days by skipping the calendar's days off, so a strip lands on a
    company day off only when the calendar has no shoot day left for it."""
    if not plan.days:
        return ["The board has no shoot days yet: break the strips into days first."]
    rules = plan.rules()
    if rules is None:
        return ["Give the board a calendar with a first shoot day, so its days have dates."]
    undated = [day.number for day in plan.days if day.date is None]
    if undated:
        if len(rules.weekly_off) >= 7:
            return [
                f"The calendar makes every day a company day off, so the strips of day "
                f"{undated[0]} and after would be shot on days off: give it shoot days."
            ]
        return [f"Day {undated[0]} is past the calendar's end: it has no date for it."]
    shoot_end = plan.scenario.production.shoot_end
    late = [d for d in plan.days if d.strips and shoot_end and d.date > shoot_end]
    if late:
        return [
            f"Day {late[0].number} ({late[0].date:%a %d %b %Y}) is past the last shoot day "
            f"({shoot_end:%a %d %b %Y}): move its strips earlier or extend the shoot."
        ]
    return []


def publish_findings(plan: Plan, cast: Dood | None) -> list[str]:
    """The board's own checks (cast on their days off or unavailable dates, more drops than
    the one allowed) as the sentences publishing must clear. A drop shorter than the
    element's gap is never made: the DOOD holds them instead, so it needs no check."""
    return [w.message for w in scenario_warnings(plan, cast)]


def cast_dood(plan: Plan) -> Dood | None:
    cast = category_for(plan.scenario.production, "cast")
    return scenario_dood(plan, cast) if cast and plan.rules() else None


def frozen_board(plan: Plan, cast: Dood | None) -> FrozenBoard:
    """The board as a version keeps it (see versiondiff)."""
    dated = [(day, [s for s in day.strips if s.kind == Strip.Kind.SCENE]) for day in plan.days]
    parts = iter(number_parts([s.scene for _, scenes in dated for s in scenes]))
    days = tuple(
        FrozenDay(
            number=day.number,
            date=day.date,
            scenes=tuple(
                FrozenScene(
                    number=s.scene,
                    part=next(parts),
                    eighths=s.eighths,
                    cast=tuple(s.cast_ids),
                    set=s.set_name,
                    dn=s.dn_letter,
                    int_ext=s.int_ext,
                    omitted=s.omitted,
                    synopsis=s.description,
                )
                for s in scenes
            ),
        )
        for day, scenes in dated
    )
    members = tuple(
        FrozenCast(
            id=e.board_id or e.name,
            name=e.name,
            allow_holds=e.allow_holds is not False,
            allow_drops=e.allow_drops is not False,
            drop_days=10 if e.drop_days is None else e.drop_days,
        )
        for e in (cast.elements if cast else [])
    )
    return FrozenBoard(
        scenario=plan.scenario.uss_id,
        days=days,
        days_off=frozenset(d for d, label in plan.off_days if label != "Holiday"),
        holidays=frozenset(d for d, label in plan.off_days if label == "Holiday"),
        cast=members,
    )


def version_documents(plan: Plan, cast: Dood | None, heading: str) -> dict:
    """The printed documents' data as frozen on a version; ``heading`` ("Blue revision — Dec
    11, 2026") goes in each document's header."""
    schedule = {**schedule_document(plan), "revision": heading}
    dood = {**dood_document(cast), "revision": heading} if cast else None
    return {"schedule": schedule, "dood": dood}


def version_diff(old: ScheduleVersion, new: ScheduleVersion) -> VersionDiff:
    """What moved from ``old`` to ``new``; VersionDiffError for two scenarios' versions."""
    return compare_versions(board_from_json(old.board), board_from_json(new.board))


def next_version_number(production: Production) -> int:
    latest = ScheduleVersion.objects.filter(production=production).aggregate(n=Max("number"))
    return (latest["n"] or 0) + 1


def version_colour(production: Production, number: int) -> str:
    """Version ``number``'s colour in the production's revision colour order (1 is White)."""
    colours = revision_colours(production)
    return colours[(number - 1) % len(colours)]


def next_version_colour(production: Production) -> str:
    return version_colour(production, next_version_number(production))


def version_before(version: ScheduleVersion) -> ScheduleVersion | None:
    """The latest earlier version of the same scenario: what the cover sheet compares with."""
    return (
        ScheduleVersion.objects.filter(
            production_id=version.production_id,
            scenario_id=version.scenario_id,
            number__lt=version.number,
        )
        .order_by("-number")
        .first()
    )


def version_cover(version: ScheduleVersion) -> dict:
    """The cover sheet's data: what moved since the scenario's version before this one."""
    before = version_before(version)
    header = version.documents.get("schedule") or {}
    data = {
        "production": header.get("production", {}),
        "scenario": version.scenario.name,
        "printed": header.get("printed", ""),
        "title": f"Shooting Schedule — {version.title}",
        "against": before.title if before else "",
    }
    if before is None:
        return {**data, "summary": "The first published version of this schedule."}
    return {**data, **cover_data(version_diff(before, version))}


# --------------------------------------------------------------------------- sent versions

SEND_KIND = "schedule_version"  # distribution's kind for a sent version (sending.py)


def cast_ids_of(production: Production, person_ids) -> dict[int, str]:
    """Person pk -> the cast id (as a frozen board knows it) of the role they play."""
    out: dict[int, str] = {}
    roles = Element.objects.filter(
        production=production, category__ucid=Ucid.CAST, person_id__in=list(person_ids)
    ).order_by("pk")
    for element in roles:
        out.setdefault(element.person_id, element.board_id or element.name)
    return out


def versions_last_sent(version: ScheduleVersion, person_ids) -> dict[int, ScheduleVersion]:
    """Person pk -> the latest earlier version of the same scenario sent to them."""
    from callboard.distribution.models import Delivery

    earlier = {
        v.pk: v
        for v in ScheduleVersion.objects.filter(
            production_id=version.production_id,
            scenario_id=version.scenario_id,
            number__lt=version.number,
        )
    }
    rows = Delivery.objects.filter(
        dispatch__production_id=version.production_id,
        dispatch__kind=SEND_KIND,
        dispatch__object_id__in=list(earlier),
        person_id__in=list(person_ids),
    ).values_list("person_id", "dispatch__object_id")
    out: dict[int, ScheduleVersion] = {}
    for person_id, version_pk in rows:
        sent = earlier[version_pk]
        if person_id not in out or out[person_id].number < sent.number:
            out[person_id] = sent
    return out


@dataclass
class RecipientSchedule:
    """What one recipient of a sent version sees: what moved for them since the version they
    were last sent (or the one before, the first time), and their days (cast: the days they
    work and only their scenes; crew: every day)."""

    version: ScheduleVersion
    against: ScheduleVersion | None
    cast_id: str | None
    moved: list[tuple[str, list[str]]]  # (day heading, sentences), day by day
    cast_change: CastChange | None
    days: list[FrozenDay]

    @property
    def revised(self) -> bool:
        return self.version.number > 1

    @property
    def headline(self) -> str:
        if self.against is None:
            return "The first schedule you have been sent."
        if not self.moved and self.cast_change is None:
            return f"Nothing moved for you since the {self.against.title}."
        return f"What moved for you since the {self.against.title}:"


def recipient_schedule(
    version: ScheduleVersion,
    *,
    cast_id: str | None,
    against: ScheduleVersion | None,
    diffs: dict[int, VersionDiff] | None = None,
) -> RecipientSchedule:
    """``diffs`` (against's pk -> diff), when given, keeps each comparison for the next
    recipient: a send to hundreds compares once per version they were last sent."""
    new = board_from_json(version.board)
    days = [
        FrozenDay(d.number, d.date, tuple(s for s in d.scenes if s.cast and cast_id in s.cast))
        for d in new.days
    ]
    days = [d for d in days if d.scenes] if cast_id else list(new.days)
    if against is None:
        return RecipientSchedule(version, None, cast_id, [], None, days)
    old = board_from_json(against.board)
    diff = (diffs or {}).get(against.pk) or compare_versions(old, new)
    if diffs is not None:
        diffs[against.pk] = diff
    theirs = None
    if cast_id:
        theirs = {
            s.number for b in (old, new) for d in b.days for s in d.scenes if cast_id in s.cast
        }
    moved = []
    said: set[str] = set()  # a move is listed under both its days: said once, where it is first
    for day in diff.days:
        lines = []
        for change in day.scenes:
            sentence = scene_sentence(change)
            if (theirs is None or change.number in theirs) and sentence not in said:
                said.add(sentence)
                lines.append(sentence)
        if lines or (theirs is None and (day.change or day.date_changed)):
            moved.append((day_heading(day), lines))
    cast_change = next((c for c in diff.cast if c.id == cast_id), None) if cast_id else None
    return RecipientSchedule(version, against, cast_id, moved, cast_change, days)


def latest_sent_version(production: Production) -> ScheduleVersion | None:
    """The newest version that has been sent to anyone: what calendars follow."""
    from callboard.distribution.models import Dispatch

    sent = Dispatch.objects.filter(production=production, kind=SEND_KIND).values("object_id")
    return (
        ScheduleVersion.objects.filter(production=production, pk__in=sent)
        .order_by("-number")
        .first()
    )


def sent_work_days(person: Person) -> tuple[ScheduleVersion | None, list[FrozenDay]]:
    """The person's dated work days in the latest sent version (cast: the days their role
    works; crew: every shoot day), with the version."""
    version = latest_sent_version(person.production)
    if version is None:
        return None, []
    board = board_from_json(version.board)
    if person.kind == Person.Kind.CAST:
        cast_id = cast_ids_of(person.production, [person.pk]).get(person.pk)
        worked = set(board.cast_days().get(cast_id, ())) if cast_id else set()
        days = [d for d in board.days if d.number in worked]
    else:
        days = list(board.days)
    return version, [d for d in days if d.date is not None]


def version_deliveries(version: ScheduleVersion):
    """Who was sent ``version``: each delivery with its person, in name order."""
    from callboard.distribution.models import Delivery

    return (
        Delivery.objects.filter(
            dispatch__production_id=version.production_id,
            dispatch__kind=SEND_KIND,
            dispatch__object_id=version.pk,
        )
        .select_related("person", "dispatch")
        .order_by("person__last_name", "person__first_name", "queued_at")
    )
