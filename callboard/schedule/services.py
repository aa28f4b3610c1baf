"""Writes for the breakdown and the schedule. Each function is one transaction and audited."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.capabilities import Cap
from callboard.core.controls import ControlError, require_cleared
from callboard.core.models import AuditEvent, Production
from callboard.core.services import warning_override
from callboard.distribution.models import Delivery
from callboard.distribution.services import channel_for, dispatch_create
from callboard.people.models import Person
from callboard.scripts.models import ScriptVersion

from . import sending, uss
from .board import (
    BoardError,
    Layout,
    add_day,
    break_into_days,
    move_strip,
    move_strips,
    remove_day,
    scenes_to_strips,
    sort_strips,
    split_day,
    with_strips,
)
from .daynight import production_day_night
from .importing import ImportSummary, day_of, eighths_of, events_of, layout_of, too_long
from .models import (
    DEFAULT_CATEGORIES,
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
from .queries import (
    cast_dood,
    frozen_board,
    has_breakdown,
    heading_facts,
    next_version_number,
    performer_for,
    publish_findings,
    publish_problems,
    scenario_plan,
    scheduled_strips,
    strip_infos,
    strips_in_order,
    version_colour,
    version_documents,
)
from .sorting import SORTS, next_board_id, norm_ie, sort_key
from .versiondiff import board_to_json


class ScheduleExists(ValueError):
    """The production already has a breakdown; importing would replace it."""


def _clear_schedule(production: Production) -> None:
    Scenario.objects.filter(production=production).delete()
    Calendar.objects.filter(production=production).delete()
    Strip.objects.filter(production=production).delete()
    Element.objects.filter(production=production).delete()
    Category.objects.filter(production=production).delete()
    ScheduleHeader.objects.filter(production=production).delete()


def _import_header(production: Production, schedule: uss.Schedule, source_name: str) -> None:
    """The schedule's own facts (title, episode, colours and dates) as the file gives them."""
    ScheduleHeader.objects.create(
        production=production,
        uss_id=(schedule.id or ScheduleHeader._meta.get_field("uss_id").default())[:64],
        name=(schedule.name or "")[:200],
        project=(schedule.project or "")[:200],
        author=(schedule.author or "")[:200],
        company=(schedule.company or "")[:200],
        description=schedule.description or "",
        episode=(schedule.episode or "")[:60],
        episode_name=(schedule.episode_name or "")[:200],
        season=(schedule.season or "")[:60],
        sched_color=(schedule.sched_color or "")[:40],
        sched_date=day_of(schedule.sched_date),
        script_color=(schedule.script_color or "")[:40],
        script_date=day_of(schedule.script_date),
        source=(schedule.source or "")[:200],
        imported_from=source_name[:255],
    )


def _import_elements(
    production: Production, schedule: uss.Schedule
) -> tuple[list[Category], dict[str, int]]:
    """The categories, and the elements with their links: (categories, {USS id: element pk})."""
    categories = Category.objects.bulk_create(
        Category(production=production, uss_id=c.id, ucid=c.ucid, name=c.name, position=n)
        for n, c in enumerate(schedule.categories)
    )
    category_pk = {c.uss_id: c.pk for c in categories}
    category_of = {e: c.id for c in schedule.categories for e in (c.elements or [])}

    elements = Element.objects.bulk_create(
        Element(
            production=production,
            uss_id=e.id,
            category_id=category_pk.get(e.category or category_of.get(e.id, "")),
            name=e.name,
            board_id=e.element_id or "",
            id_locked=e.id_lock,
            in_dood=e.dood,
            allow_holds=e.hold,
            allow_drops=e.drop,
            drop_days=e.drop_days,
            days_off=list(e.days_off),
            events=events_of(e.events),
        )
        for e in schedule.elements
    )
    element_pk = {e.uss_id: e.pk for e in elements}
    Element.linked.through.objects.bulk_create(
        Element.linked.through(from_element_id=element_pk[e.id], to_element_id=element_pk[link])
        for e in schedule.elements
        for link in dict.fromkeys(e.linked_elements)
        if link in element_pk
    )
    return categories, element_pk


def _import_strips(
    production: Production, schedule: uss.Schedule, element_pk: dict[str, int]
) -> dict[str, int]:
    """The breakdowns as strips tagged with their elements (day breaks are not strips):
    {USS id: strip pk}."""
    strips = Strip.objects.bulk_create(
        Strip(
            production=production,
            uss_id=b.id,
            kind=Strip.Kind.BANNER if b.type == "banner" else Strip.Kind.SCENE,
            position=n,
            scene_number=b.scene or "",
            script_page=b.script_page or "",
            eighths=eighths_of(b.pages),
            description=(b.description or "")[:500],
            comments=b.comments or "",
            banner_text=(b.banner_text or "")[:300],
            duration_minutes=None if b.duration is None else round(b.duration / 60000),
        )
        for n, b in enumerate(b for b in schedule.breakdowns if b.type != "day")
    )
    strip_pk = {s.uss_id: s.pk for s in strips}
    Strip.elements.through.objects.bulk_create(
        Strip.elements.through(strip_id=strip_pk[b.id], element_id=element_pk[e])
        for b in schedule.breakdowns
        if b.id in strip_pk
        for e in dict.fromkeys(b.elements)
        if e in element_pk
    )
    return strip_pk


@transaction.atomic
def schedule_import(
    *,
    actor,
    production: Production,
    schedule: uss.Schedule,
    source_name: str = "",
    scenario: str | None = None,
    replace: bool = False,
) -> ImportSummary:
    """Store a USS schedule: every category, element and breakdown, each stripboard as a
    scenario with its calendar and day grouping (only the one named ``scenario`` if given).
    All or nothing; a production that already has a breakdown is only replaced on request."""
    problems = too_long(schedule)
    if problems:
        raise uss.UssError(problems)
    if scenario is not None:
        names = [s.name for s in schedule.stripboards]
        if scenario not in names:
            listed = ", ".join(f'"{n}"' for n in names) or "none"
            raise ScheduleExists(f'The file has no stripboard "{scenario}" (it has: {listed}).')
    if has_breakdown(production):
        if not replace:
            raise ScheduleExists(
                "This production already has a breakdown. To replace it (with its scenarios "
                "and calendars), tick “Replace the current breakdown” and import the file again."
            )
        _clear_schedule(production)
    summary = ImportSummary(warnings=list(schedule.warnings))

    _import_header(production, schedule, source_name)
    categories, element_pk = _import_elements(production, schedule)
    types = {b.id: b.type for b in schedule.breakdowns}
    strip_pk = _import_strips(production, schedule, element_pk)
    calendars = Calendar.objects.bulk_create(
        Calendar(
            production=production,
            uss_id=c.id,
            name=c.name,
            start=c.start,
            weekly_off=sorted(set(c.days_off)),
            events=events_of(c.events),
        )
        for c in schedule.calendars
    )
    calendar_pk = {c.uss_id: c.pk for c in calendars}

    for position, stripboard in enumerate(schedule.stripboards):
        if scenario is not None and stripboard.name != scenario:
            continue
        layout = layout_of(stripboard, types, strip_pk, summary)
        Scenario.objects.create(
            production=production,
            uss_id=stripboard.id,
            name=stripboard.name,
            calendar_id=calendar_pk.get(stripboard.calendar or ""),
            layout=layout.as_json(),
            position=position,
            created_by=actor,
        )
        summary.scenarios.append(stripboard.name)

    summary.strips = len(strip_pk)
    summary.elements = len(element_pk)
    summary.categories = len(categories)
    summary.calendars = len(calendars)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=production,
        changes={
            "file": source_name,
            "strips": summary.strips,
            "elements": summary.elements,
            "scenarios": summary.scenarios,
            "replaced": replace,
        },
    )
    return summary


# --------------------------------------------------------------------------- the board


class StaleBoard(BoardError):
    """The board changed since the page was loaded (another tab or person moved a strip)."""


def _save_layout(*, actor, scenario: Scenario, layout: Layout, change: str, detail: dict) -> None:
    layout.check()
    scenario.layout = layout.as_json()
    scenario.revision += 1
    scenario.save(update_fields=["layout", "revision", "updated_at"])
    audit_record(
        actor=actor,
        production=scenario.production,
        action=AuditEvent.Action.UPDATE,
        obj=scenario,
        changes={"board": change, **detail},
    )


def _locked(scenario: Scenario, revision: int | None) -> Scenario:
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if revision is not None and locked.revision != revision:
        raise StaleBoard(
            "Someone else changed this board a moment ago; it has been reloaded with their "
            "change. Make your move again."
        )
    return locked


def _relayout(
    *,
    actor,
    scenario: Scenario,
    revision: int | None,
    edit: Callable[[Layout], Layout],
    change: str,
    detail: dict,
) -> Scenario:
    """Lock the board (refused if it changed since ``revision``), apply ``edit`` to its layout,
    save and audit it."""
    scenario = _locked(scenario, revision)
    _save_layout(
        actor=actor, scenario=scenario, layout=edit(scenario.board), change=change, detail=detail
    )
    return scenario


@transaction.atomic
def strip_move(
    *,
    actor,
    scenario: Scenario,
    strip: int,
    target: str,
    day: int | None = None,
    before: int | None = None,
    revision: int | None = None,
) -> Scenario:
    return _relayout(
        actor=actor,
        scenario=scenario,
        revision=revision,
        edit=lambda board: move_strip(board, strip, target=target, day=day, before=before),
        change="strip moved",
        detail={"strip": strip, "to": target, "day": None if day is None else day + 1},
    )


@transaction.atomic
def strips_move(
    *,
    actor,
    scenario: Scenario,
    strips: list[int] | None = None,
    scenes: str | None = None,
    target: str,
    day: int | None = None,
    before: int | None = None,
    revision: int | None = None,
) -> Scenario:
    """Move several strips at once: by id (shift-click on the board, in board order) or by
    scene numbers as typed ("14, 22, 31-35", in the order written). Bad input moves nothing."""
    scenario = _locked(scenario, revision)
    layout = scenario.board
    if scenes is not None:
        on_board = layout.strips()
        numbers = Strip.objects.filter(
            production=scenario.production, kind=Strip.Kind.SCENE, pk__in=on_board
        ).values_list("pk", "scene_number")
        order = {pk: n for n, pk in enumerate(on_board)}
        strips = scenes_to_strips(scenes, sorted(numbers, key=lambda row: order[row[0]]))
    moved = move_strips(layout, strips or [], target=target, day=day, before=before)
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=moved,
        change="strips moved",
        detail={
            "strips": list(strips or []),
            "to": target,
            "day": None if day is None else day + 1,
        },
    )
    return scenario


@transaction.atomic
def strips_sort(
    *,
    actor,
    scenario: Scenario,
    by: str,
    target: str,
    day: int | None = None,
    revision: int | None = None,
) -> Scenario:
    """Sort a shoot day or the unscheduled strips by set, INT/EXT, D/N, location, cast or scene
    number (banners keep their places)."""
    if by not in SORTS:
        raise BoardError("Choose what to sort by.")
    scenario = _locked(scenario, revision)
    infos = strip_infos(scenario.production)
    layout = sort_strips(
        scenario.board,
        target=target,
        day=day,
        key=sort_key(by, infos),
        is_banner=lambda pk: pk not in infos or infos[pk].kind == Strip.Kind.BANNER,
    )
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=layout,
        change="sorted",
        detail={"by": by, "what": target, "day": None if day is None else day + 1},
    )
    return scenario


@transaction.atomic
def strips_break_into_days(
    *, actor, scenario: Scenario, per_day: int, revision: int | None = None
) -> Scenario:
    """The unscheduled strips, in their order, into shoot days of about ``per_day`` eighths
    (omitted scenes stay unscheduled)."""
    scenario = _locked(scenario, revision)
    strips = dict(Strip.objects.filter(production=scenario.production).values_list("pk", "eighths"))
    omitted = set(
        Strip.objects.filter(production=scenario.production, omitted=True).values_list(
            "pk", flat=True
        )
    )
    before = len(scenario.board.days)
    layout = break_into_days(
        scenario.board,
        per_day=per_day,
        eighths=lambda pk: strips.get(pk) or 0,
        keep=lambda pk: pk in omitted,
    )
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=layout,
        change="broken into days",
        detail={"eighths_per_day": per_day, "days_before": before, "days_after": len(layout.days)},
    )
    return scenario


@transaction.atomic
def scenario_day_add(
    *, actor, scenario: Scenario, after: int | None = None, revision: int | None = None
) -> Scenario:
    return _relayout(
        actor=actor,
        scenario=scenario,
        revision=revision,
        edit=lambda board: add_day(board, after=after),
        change="day added",
        detail={"after_day": None if after is None else after + 1},
    )


@transaction.atomic
def scenario_day_split(
    *, actor, scenario: Scenario, day: int, before: int, revision: int | None = None
) -> Scenario:
    return _relayout(
        actor=actor,
        scenario=scenario,
        revision=revision,
        edit=lambda board: split_day(board, day=day, before=before),
        change="day break",
        detail={"day": day + 1, "before_strip": before},
    )


@transaction.atomic
def scenario_day_remove(
    *, actor, scenario: Scenario, day: int, revision: int | None = None
) -> Scenario:
    return _relayout(
        actor=actor,
        scenario=scenario,
        revision=revision,
        edit=lambda board: remove_day(board, day=day),
        change="day break removed",
        detail={"day": day + 1},
    )


SHOOT_DATES_CALENDAR = "Shoot dates"


@transaction.atomic
def calendar_from_shoot_dates(*, actor, production: Production) -> Calendar:
    """The production's calendar built from its shoot dates (production settings): the first
    shoot day, weekends off (a five-day week; change it on the calendar's page), the last shoot
    day noted. One already built for the same dates is reused."""
    if not production.shoot_start:
        raise BoardError(
            "The production has no first shoot day: set the shoot dates in the production "
            "settings, or choose a calendar."
        )
    events = []
    if production.shoot_end:
        events.append(
            {
                "type": "event",
                "name": "last scheduled shoot day",
                "date": production.shoot_end.isoformat(),
            }
        )
    name = f"{SHOOT_DATES_CALENDAR} {production.shoot_start:%b %-d, %Y}" + (
        f" – {production.shoot_end:%b %-d, %Y}" if production.shoot_end else ""
    )
    existing = Calendar.objects.filter(production=production, name=name).first()
    if existing is not None:  # built before (holidays added to it since are kept)
        return existing
    calendar = Calendar.objects.create(
        production=production,
        name=name,
        start=production.shoot_start,
        weekly_off=[0, 6],
        events=events,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=calendar,
        changes={"name": calendar.name, "from": "shoot dates"},
    )
    return calendar


@transaction.atomic
def scenario_create(
    *,
    actor,
    production: Production,
    name: str,
    calendar: Calendar | str | None,
    copy_of: Scenario | None = None,
) -> Scenario:
    """A new scenario: a copy of another's board, or every strip unscheduled in script order.
    ``calendar="shoot-dates"`` builds its calendar from the production's shoot dates, and a
    fresh board then starts with one empty day per shoot day up to the last shoot date."""
    present, scenes = strips_in_order(production)
    empty_days = 0
    if calendar == "shoot-dates":
        calendar = calendar_from_shoot_dates(actor=actor, production=production)
        if production.shoot_end and copy_of is None:
            rules = calendar.rules()
            empty_days = sum(
                1
                for n in range((production.shoot_end - production.shoot_start).days + 1)
                if not rules.is_off(production.shoot_start + timedelta(days=n))
            )
    start = copy_of.board if copy_of else Layout.of([[] for _ in range(empty_days)])
    layout = with_strips(start, present, scenes)
    last = Scenario.objects.filter(production=production).aggregate(m=Max("position"))["m"]
    scenario = Scenario.objects.create(
        production=production,
        name=name.strip()[:200] or "New scenario",
        calendar=calendar,
        layout=layout.as_json(),
        position=(last or 0) + 1,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=scenario,
        changes={"name": scenario.name, "copy_of": copy_of.name if copy_of else None},
    )
    return scenario


@transaction.atomic
def calendar_save(
    *,
    actor,
    production: Production,
    calendar: Calendar | None,
    name: str,
    start: date,
    weekly_off: list[int],
    events: list[dict],
) -> Calendar:
    """Create or change a calendar (start date, weekly days off, holidays and other events)."""
    if any(d not in range(7) for d in weekly_off):
        raise BoardError("Weekly days off must be weekdays.")
    if len(set(weekly_off)) == 7:
        raise BoardError("Every weekday is a day off: the company would never shoot.")
    action = AuditEvent.Action.UPDATE if calendar else AuditEvent.Action.CREATE
    if calendar is None:
        calendar = Calendar(production=production)
    calendar.name = name.strip()[:200] or f"Start {start:%b %d, %Y}"
    calendar.start = start
    calendar.weekly_off = sorted(set(weekly_off))
    calendar.events = sorted(events, key=lambda e: e["date"])
    calendar.save()
    audit_record(
        actor=actor,
        production=production,
        action=action,
        obj=calendar,
        changes={
            "start": start.isoformat(),
            "weekly_off": calendar.weekly_off,
            "events": len(events),
        },
    )
    return calendar


def ensure_categories(production: Production) -> dict[int, Category]:
    """The production's categories by UCID, creating the standard ones that are missing."""
    existing = {c.ucid: c for c in Category.objects.filter(production=production)}
    missing = [
        Category(production=production, ucid=ucid, name=name, position=n)
        for n, (ucid, name) in enumerate(DEFAULT_CATEGORIES)
        if ucid not in existing
    ]
    for category in Category.objects.bulk_create(missing):
        existing[category.ucid] = category
    return existing


# --------------------------------------------------------------------------- from the script


@dataclass
class SeedSummary:
    added: int = 0
    updated: int = 0
    omitted: int = 0
    new_cast: list[str] = field(default_factory=list)
    flagged: int = 0  # scheduled scenes whose INT/EXT, D/N or cast the new version changed


def _seed_cast(
    production: Production, cast_category: Category, scenes: list, by_name: dict
) -> list[str]:
    """A cast element for each speaking role not on the breakdown yet (added to ``by_name``);
    returns them as "board ID. NAME"."""
    # A new role takes its performer's cast number from the cast list when there is one;
    # the others are numbered like a 1st AD does: most scenes first, then first appearance.
    cast_elements = [e for (c, _), e in by_name.items() if c == cast_category.pk]
    performers = list(Person.objects.cast().filter(production=production, deleted_at__isnull=True))
    taken = {e.board_id for e in cast_elements}
    numbers = [p.cast_number for p in performers if p.cast_number]
    next_id = max(next_board_id(cast_elements), max(numbers, default=0) + 1)
    appearances: dict[str, int] = {}
    for scene in scenes:
        for name in scene.characters:
            appearances[name.upper()] = appearances.get(name.upper(), 0) + 1
    first_seen = list(appearances)
    new_cast = []
    for name in sorted(first_seen, key=lambda n: (-appearances[n], first_seen.index(n))):
        if (cast_category.pk, name) not in by_name:
            person = performer_for(name, performers)
            if person and person.cast_number and str(person.cast_number) not in taken:
                board_id = str(person.cast_number)
            else:
                board_id, next_id = str(next_id), next_id + 1
            taken.add(board_id)
            by_name[(cast_category.pk, name)] = Element.objects.create(
                production=production,
                category=cast_category,
                name=name,
                board_id=board_id,
                in_dood=True,
                person=person,
            )
            new_cast.append(f"{board_id}. {name}")
    return new_cast


@transaction.atomic
def breakdown_seed(*, actor, version: ScriptVersion) -> SeedSummary:
    """Seed (or re-seed) the breakdown from a script version: one strip per scene with its
    set, INT/EXT, day/night, pages and speaking cast. For scenes that still exist, what was
    entered by hand is kept: other elements, synopsis, comments, estimated time, and cast added
    by hand; a cast member the script gave the scene before and no longer does is taken off.
    Scenes gone from the new version are marked omitted, never deleted (they stay on the
    boards); new scenes join every scenario's unscheduled strips."""
    production = version.production
    categories = ensure_categories(production)
    by_name: dict[tuple[int, str], Element] = {
        (e.category_id, e.name.upper()): e
        for e in Element.objects.filter(production=production, category__isnull=False)
    }
    cast_category = categories[Ucid.CAST]
    scenes = [s for s in version.scenes.order_by("order") if not s.omitted]

    summary = SeedSummary(new_cast=_seed_cast(production, cast_category, scenes, by_name))

    def element(ucid: int, name: str) -> Element | None:
        name = name.strip()
        if not name:
            return None
        category = categories[ucid]
        key = (category.pk, name.upper())
        if key not in by_name:
            by_name[key] = Element.objects.create(
                production=production, category=category, name=name[:200]
            )
        return by_name[key]

    heading_ucids = (Ucid.SET, Ucid.INT_EXT, Ucid.DAY_NIGHT)
    scheduled = scheduled_strips(production)
    dn_before = production_day_night(production)
    facts_before: dict[int, tuple[str, str, dict[str, str]]] = {}
    strips = {
        s.scene_number: s
        for s in Strip.objects.filter(production=production, kind=Strip.Kind.SCENE)
        .prefetch_related("elements__category")
        .order_by("-id")  # the earliest strip wins for a repeated number
    }
    seen: set[int] = set()
    for scene in scenes:
        strip = strips.get(scene.number)
        if strip is None:
            strip = Strip.objects.create(
                production=production,
                scene_number=scene.number,
                position=scene.order,
                description=scene.synopsis[:500],
                eighths=scene.eighths,
            )
            summary.added += 1
            current: list[Element] = []
        else:
            summary.updated += 1
            current = list(strip.elements.all())
            if strip.pk in scheduled and not strip.omitted:
                facts_before[strip.pk] = heading_facts(strip, cast_category.pk)
        seen.add(strip.pk)
        keep = [
            e
            for e in current
            if not (e.category and e.category.ucid in heading_ucids)
            and not (e.category_id == cast_category.pk and e.name.upper() in strip.seeded_cast)
        ]
        heading = [
            element(Ucid.SET, scene.set_name),
            element(Ucid.INT_EXT, scene.int_ext),
            element(Ucid.DAY_NIGHT, scene.time_of_day),
        ]
        cast = [by_name[(cast_category.pk, n.upper())] for n in scene.characters]
        strip.elements.set({e.pk for e in [*keep, *heading, *cast] if e is not None})
        strip.scene = scene
        strip.eighths = scene.eighths
        strip.script_page = scene.page_start
        strip.position = scene.order
        strip.omitted = False
        strip.seeded_cast = sorted({n.upper() for n in scene.characters})
        if not strip.description:
            strip.description = scene.synopsis[:500]
        strip.save()
    gone = Strip.objects.filter(production=production, kind=Strip.Kind.SCENE, omitted=False)
    summary.omitted = gone.exclude(pk__in=seen).update(omitted=True, updated_at=timezone.now())
    summary.flagged = _flag_changed_strips(
        production=production,
        version=version,
        before=facts_before,
        dn_before=dn_before,
        cast_category_pk=cast_category.pk,
    )

    present, scenes = strips_in_order(production)
    for scenario in Scenario.objects.filter(production=production):
        scenario.layout = with_strips(scenario.board, present, scenes).as_json()
        scenario.revision += 1
        scenario.save(update_fields=["layout", "revision", "updated_at"])
    if not Scenario.objects.filter(production=production).exists():
        scenario_create(
            actor=actor,
            production=production,
            name="Script order",
            calendar="shoot-dates" if production.shoot_start else None,
        )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=version,
        changes={
            "added": summary.added,
            "updated": summary.updated,
            "omitted": summary.omitted,
            "new_cast": summary.new_cast,
            "flagged": summary.flagged,
        },
    )
    return summary


def _flag_changed_strips(
    *,
    production: Production,
    version: ScriptVersion,
    before: dict,
    dn_before: dict,
    cast_category_pk: int,
) -> int:
    """A StripChange for each scheduled strip whose INT/EXT, day or night (as resolved, so a
    CONTINUOUS scene after a scene that turned to night is flagged too) or cast changed."""
    dn_after = production_day_night(production)
    strips = Strip.objects.filter(pk__in=list(before)).prefetch_related("elements__category")
    made = 0
    for strip in strips:
        int_ext, word, cast = before[strip.pk]
        new_int_ext, new_word, new_cast = heading_facts(strip, cast_category_pk)
        changes = []
        if norm_ie(int_ext) != norm_ie(new_int_ext):
            changes.append(f"INT/EXT: {int_ext or '—'} → {new_int_ext or '—'}")
        old_dn, new_dn = dn_before.get(strip.pk), dn_after.get(strip.pk)
        old_letter = old_dn.letter if old_dn else ""
        new_letter = new_dn.letter if new_dn else ""
        if old_letter != new_letter or (
            not old_letter and not new_letter and word.upper() != new_word.upper()
        ):
            old_text = str(old_dn) if old_dn and str(old_dn) else (word or "—")
            new_text = str(new_dn) if new_dn and str(new_dn) else (new_word or "—")
            changes.append(f"D/N: {old_text} → {new_text}")
        added = [label for name, label in new_cast.items() if name not in cast]
        removed = [label for name, label in cast.items() if name not in new_cast]
        if added:
            changes.append(f"cast added: {', '.join(added)}")
        if removed:
            changes.append(f"cast removed: {', '.join(removed)}")
        if changes:
            StripChange.objects.create(
                production=production, strip=strip, version=version, changes=changes
            )
            made += 1
    return made


@transaction.atomic
def strip_changes_acknowledge(*, actor, production: Production, strip: int) -> int:
    """Someone has seen what the script revision changed on this strip: the flag goes, who and
    when are kept (on the change and in the audit log)."""
    open_changes = StripChange.objects.select_for_update().filter(
        production=production, strip_id=strip, acknowledged_at__isnull=True
    )
    changes = list(open_changes)
    if not changes:
        raise BoardError("That strip has no script change waiting; reload the board.")
    now = timezone.now()
    for change in changes:
        change.acknowledged_by = actor
        change.acknowledged_at = now
        change.save(update_fields=["acknowledged_by", "acknowledged_at"])
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=changes[0].strip,
        changes={"acknowledged": [c for ch in changes for c in ch.changes]},
    )
    return len(changes)


# --------------------------------------------------------------------------- breakdown sheets

STRIP_FIELDS = [
    "scene_number",
    "script_page",
    "eighths",
    "description",
    "comments",
    "duration_minutes",
]
ELEMENT_FIELDS = [
    "name",
    "board_id",
    "in_dood",
    "allow_holds",
    "allow_drops",
    "drop_days",
    "days_off",
    "events",
    "rehearsals_paid_as_days",
    "fittings_paid_as_days",
]


def _update_audited(*, actor, obj, allowed: list[str], fields: dict):
    """Set ``fields`` (only those in ``allowed``), save, and audit what changed."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"cannot update {', '.join(sorted(unknown))} on {obj._meta.model_name}")
    before = snapshot(obj, allowed)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    changes = diff(before, snapshot(obj, allowed))
    if changes:
        audit_record(
            actor=actor,
            production=obj.production,
            action=AuditEvent.Action.UPDATE,
            obj=obj,
            changes=changes,
        )
    return obj


@transaction.atomic
def strip_update(*, actor, strip: Strip, **fields) -> Strip:
    return _update_audited(actor=actor, obj=strip, allowed=STRIP_FIELDS, fields=fields)


@transaction.atomic
def strip_element_add(*, actor, strip: Strip, category: Category, name: str) -> Element:
    """Tag the strip with an element of ``category`` by name, creating the element if new
    (a new cast member gets the next free board ID)."""
    name = " ".join(name.split())
    if not name:
        raise BoardError("Type the element's name.")
    if len(name) > 200:
        raise BoardError(f"That name is {len(name)} characters long; 200 fit.")
    element = (
        Element.objects.filter(production=strip.production, category=category, name__iexact=name)
        .order_by("id")
        .first()
    )
    if element is None:
        board_id = ""
        if category.ucid == Ucid.CAST:
            board_id = str(next_board_id(list(Element.objects.filter(category=category))))
        element = Element.objects.create(
            production=strip.production,
            category=category,
            name=name,
            board_id=board_id,
            in_dood=category.ucid == Ucid.CAST or None,
        )
    if strip.elements.filter(pk=element.pk).exists():
        raise BoardError(f"{element} is already on this sheet.")
    strip.elements.add(element)
    strip.save(update_fields=["updated_at"])  # its breakdown changed (the API's feed)
    audit_record(
        actor=actor,
        production=strip.production,
        action=AuditEvent.Action.UPDATE,
        obj=strip,
        changes={"added": f"{category.name}: {element}"},
    )
    return element


@transaction.atomic
def strip_element_remove(*, actor, strip: Strip, element: Element) -> None:
    strip.elements.remove(element)
    strip.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        production=strip.production,
        action=AuditEvent.Action.UPDATE,
        obj=strip,
        changes={"removed": str(element)},
    )


@transaction.atomic
def element_update(*, actor, element: Element, **fields) -> Element:
    element = _update_audited(actor=actor, obj=element, allowed=ELEMENT_FIELDS, fields=fields)
    # The strips show the element's name and ID: they changed too (the API's feed).
    element.strips.update(updated_at=timezone.now())
    return element


@transaction.atomic
def scenario_calendar_set(*, actor, scenario: Scenario, calendar: Calendar | None) -> Scenario:
    scenario.calendar = calendar
    scenario.revision += 1
    scenario.save(update_fields=["calendar", "revision", "updated_at"])
    audit_record(
        actor=actor,
        production=scenario.production,
        action=AuditEvent.Action.UPDATE,
        obj=scenario,
        changes={"calendar": str(calendar) if calendar else None},
    )
    return scenario


@transaction.atomic
def banner_add(*, actor, scenario: Scenario, text: str, revision: int | None = None) -> Scenario:
    """A banner strip ("Second unit", "Company move to Stage 5") at the top of the unscheduled
    strips, to be dragged where it belongs."""
    text = " ".join(text.split())[:300]
    if not text:
        raise BoardError("Type the banner's text.")
    scenario = _locked(scenario, revision)
    last = Strip.objects.filter(production=scenario.production).aggregate(m=Max("position"))["m"]
    banner = Strip.objects.create(
        production=scenario.production,
        kind=Strip.Kind.BANNER,
        banner_text=text,
        position=(last or 0) + 1,
    )
    board = scenario.board
    layout = Layout.of(board.days, (banner.pk, *board.unscheduled), board.boneyard)
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=layout,
        change="banner added",
        detail={"banner": text},
    )
    return scenario


@transaction.atomic
def banner_remove(
    *, actor, scenario: Scenario, strip: int, revision: int | None = None
) -> Scenario:
    """Take a banner off this board; it is deleted once no board shows it."""
    scenario = _locked(scenario, revision)
    banner = Strip.objects.filter(
        production=scenario.production, pk=strip, kind=Strip.Kind.BANNER
    ).first()
    if banner is None or strip not in scenario.board.strips():
        raise BoardError("That banner is not on this board any more; reload the board.")
    board = scenario.board
    layout = Layout.of(
        [[s for s in day if s != strip] for day in board.days],
        [s for s in board.unscheduled if s != strip],
        [s for s in board.boneyard if s != strip],
    )
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=layout,
        change="banner removed",
        detail={"banner": banner.banner_text},
    )
    others = Scenario.objects.filter(production=scenario.production).exclude(pk=scenario.pk)
    if not any(strip in other.board.strips() for other in others):
        banner.delete()
    return scenario


@transaction.atomic
def scenario_rename(*, actor, scenario: Scenario, name: str) -> Scenario:
    name = " ".join(name.split())[:200]
    if not name:
        raise BoardError("Give the scenario a name.")
    clash = Scenario.objects.filter(production=scenario.production, name__iexact=name)
    if clash.exclude(pk=scenario.pk).exists():
        raise BoardError(f'There is already a scenario called "{name}".')
    before = scenario.name
    scenario.name = name
    scenario.save(update_fields=["name", "updated_at"])
    audit_record(
        actor=actor,
        production=scenario.production,
        action=AuditEvent.Action.UPDATE,
        obj=scenario,
        changes={"name": [before, name]},
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor, scenario: Scenario) -> None:
    """Delete a scenario (a way of ordering the strips; the strips stay). Its board is kept in
    the audit log, so it can be rebuilt. One that call sheets were made from stays."""
    if scenario.call_sheets.exists():
        raise BoardError(
            f'Call sheets were made from "{scenario.name}": it stays, so they can be read again.'
        )
    if scenario.versions.exists():
        raise BoardError(
            f'Schedule versions were published from "{scenario.name}": it stays, so they can '
            "be compared and printed again."
        )
    audit_record(
        actor=actor,
        production=scenario.production,
        action=AuditEvent.Action.DELETE,
        obj=scenario,
        changes={
            "name": scenario.name,
            "layout": scenario.layout,
            "calendar": str(scenario.calendar or ""),
        },
    )
    scenario.delete()


def _roles_played(person: Person) -> list[Element]:
    """The cast elements ``person`` plays: linked to them, or named for their character."""
    roles = Element.objects.filter(
        production=person.production, category__ucid=Ucid.CAST
    ).select_for_update()
    linked = list(roles.filter(person=person))
    if linked or not person.character.strip():
        return linked
    return list(roles.filter(person__isnull=True, name__iexact=person.character.strip()))


@transaction.atomic
def cast_rehearsal_mark(*, actor, person: Person, day: date, source: str) -> list[Element]:
    """A paid rehearsal day (R on the DOOD, read from the element's events) for each role
    ``person`` plays, tagged with ``source`` (what booked it: a table read) so that taking it
    back removes only its own; the roles marked, none when they play no role on the board."""
    roles = _roles_played(person)
    for element in roles:
        event = {"type": "event", "name": "rehearsal", "date": day.isoformat(), "source": source}
        if event in element.events:
            continue
        _update_audited(
            actor=actor,
            obj=element,
            allowed=ELEMENT_FIELDS,
            fields={"events": [*element.events, event]},
        )
    return roles


@transaction.atomic
def cast_rehearsal_unmark(*, actor, production: Production, source: str) -> int:
    """The rehearsal days ``source`` put on the DOOD taken off again; how many roles changed."""
    changed = 0
    cast = Element.objects.filter(production=production, category__ucid=Ucid.CAST)
    for element in cast.select_for_update():
        kept = [e for e in element.events if e.get("source") != source]
        if len(kept) != len(element.events):
            _update_audited(
                actor=actor, obj=element, allowed=ELEMENT_FIELDS, fields={"events": kept}
            )
            changed += 1
    return changed


# --------------------------------------------------------------------------- published versions


class VersionError(ValueError):
    """A schedule version that cannot be published; the message says why."""


@transaction.atomic
def schedule_version_publish(
    *, actor, scenario: Scenario, revision: int | None = None
) -> ScheduleVersion:
    """Freeze the scenario's board as the production's next schedule version, in the next
    revision colour. Refused, with nothing published, when the board cannot be published
    (undated days, strips on a day off) or while one of its findings is neither resolved nor
    overridden with a reason."""
    scenario = _locked(scenario, revision)
    production = scenario.production
    plan = scenario_plan(scenario)
    problems = publish_problems(plan)
    if problems:
        raise VersionError("Nothing was published: " + " ".join(problems))
    cast = cast_dood(plan)
    try:
        require_cleared(scenario, publish_findings(plan, cast))
    except ControlError as exc:
        raise VersionError(f"Nothing was published: {exc}") from exc
    number = next_version_number(production)
    colour = version_colour(production, number)
    now = timezone.now()
    version = ScheduleVersion(
        production=production,
        scenario=scenario,
        number=number,
        colour=colour,
        date=production.today(),
        published_at=now,
        published_by=actor,
        published_by_label=str(actor)[:200],
        board=board_to_json(frozen_board(plan, cast)),
        documents={},
    )
    version.documents = version_documents(plan, cast, version.title)
    version.save()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=version,
        changes={"scenario": scenario.name, "number": number, "colour": colour},
    )
    return version


SEND_VALID_FOR = timedelta(days=90)


@transaction.atomic
def schedule_version_send(*, actor, version: ScheduleVersion, people, message: str = ""):
    """Send ``version`` to ``people``, each with their own link, through distribution (the
    worker sends once this commits). Refused, nothing sent, for a version a newer one replaced
    or when nobody can be reached. The same people twice (a double click) is one send."""
    production = version.production
    newer = (
        ScheduleVersion.objects.filter(production=production, number__gt=version.number)
        .order_by("-number")
        .first()
    )
    if newer is not None:
        raise VersionError(
            f"Nothing was sent: version {version.number} was replaced by version "
            f"{newer.number} ({newer.title}). Send the newest version."
        )
    recipients = {
        p.pk: p
        for p in people
        if p.production_id == production.pk and channel_for(p)[0] != Delivery.Channel.NONE
    }
    if not recipients:
        raise VersionError("Nothing was sent: none of the chosen people can be reached.")
    who = ",".join(map(str, sorted(recipients)))
    key = f"{sending.KIND}-{version.pk}-{hashlib.sha256(who.encode()).hexdigest()[:16]}"
    kind = f"{version.colour} revision" if version.number > 1 else version.colour
    dispatch, _ = dispatch_create(
        actor=actor,
        production=production,
        kind=sending.KIND,
        object_id=version.pk,
        key=key,
        subject=f"{production.title}: {'REVISED ' if version.number > 1 else ''}schedule — {kind}",
        people=list(recipients.values()),
        message=message,
        notify=actor,
        valid_for=SEND_VALID_FOR,
    )
    return dispatch


@transaction.atomic
def schedule_version_warning_override(
    *, actor, membership, scenario: Scenario, warning: str, reason: str
) -> None:
    """Let one of the board's findings pass publishing, with a reason (kept on the scenario:
    the same finding on a later publish needs no second override)."""
    plan = scenario_plan(scenario)
    try:
        warning_override(
            actor=actor,
            membership=membership,
            capability=Cap.SCHEDULE_EDIT,
            subject=scenario,
            warning=warning,
            reason=reason,
            allowed=publish_findings(plan, cast_dood(plan)),
        )
    except ControlError as exc:
        raise VersionError(str(exc)) from exc
