"""Writes for the breakdown and the schedule. Each function is one transaction and audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max

from callboard.core.audit import audit_record
from callboard.core.models import Production

from . import uss
from .board import BoardError, Layout, add_day, move_strip, remove_day, split_day, with_strips
from .models import (
    DEFAULT_CATEGORIES,
    Calendar,
    Category,
    Element,
    Scenario,
    ScheduleHeader,
    Strip,
    Ucid,
)


class ScheduleExists(ValueError):
    """The production already has a breakdown; importing would replace it."""


@dataclass
class ImportSummary:
    strips: int = 0
    elements: int = 0
    categories: int = 0
    scenarios: list[str] = field(default_factory=list)
    calendars: int = 0
    warnings: list[str] = field(default_factory=list)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _events(events: list[uss.Event]) -> list[dict]:
    return [
        {"type": e.type, "name": e.name or "", "date": e.day.isoformat()}
        for e in events
        if e.type != "start"
    ]


def _eighths(pages: float | None) -> int | None:
    return None if pages is None else max(0, round(pages * 8))


def has_breakdown(production: Production) -> bool:
    return Strip.objects.filter(production=production).exists()


def _clear_schedule(production: Production) -> None:
    Scenario.objects.filter(production=production).delete()
    Calendar.objects.filter(production=production).delete()
    Strip.objects.filter(production=production).delete()
    Element.objects.filter(production=production).delete()
    Category.objects.filter(production=production).delete()
    ScheduleHeader.objects.filter(production=production).delete()


def _layout_of(stripboard: uss.Stripboard, types: dict[str, str], strip_pk: dict[str, int],
               summary: ImportSummary) -> Layout:  # fmt: skip
    """A USS stripboard as a board layout. Day grouping comes from lists (breakdownArrays) or
    from "day" breakdowns (each closes a day, as an end-of-day strip does)."""
    days: list[list[int]] = []
    unscheduled: list[int] = []
    boneyard: list[int] = []
    for board in stripboard.boards:
        name = board.name.strip().lower()
        if name == "boneyard":
            boneyard += [strip_pk[i] for i in board.breakdown_ids if i in strip_pk]
            continue
        if name not in ("stripboard", "unscheduled"):
            summary.warnings.append(
                f'Stripboard "{stripboard.name}": board "{board.name}" was added to the '
                "unscheduled strips."
            )
        if name == "stripboard" and board.days:
            days += [[strip_pk[i] for i in day if i in strip_pk] for day in board.days]
            continue
        open_day: list[int] = []
        for item in board.breakdown_ids:
            if types.get(item) == "day" and name == "stripboard":
                days.append(open_day)
                open_day = []
            elif item in strip_pk:
                open_day.append(strip_pk[item])
        unscheduled += open_day
    return with_strips(Layout.of(days, unscheduled, boneyard), list(strip_pk.values()))


@transaction.atomic
def schedule_import(
    *, actor, production: Production, schedule: uss.Schedule, source_name: str = "",
    scenario: str | None = None, replace: bool = False,
) -> ImportSummary:  # fmt: skip
    """Store a USS schedule: every category, element and breakdown, each stripboard as a
    scenario with its calendar and day grouping (only the one named ``scenario`` if given).
    All or nothing; a production that already has a breakdown is only replaced on request."""
    if scenario is not None:
        names = [s.name for s in schedule.stripboards]
        if scenario not in names:
            listed = ", ".join(f'"{n}"' for n in names) or "none"
            raise ScheduleExists(f'The file has no stripboard "{scenario}" (it has: {listed}).')
    if has_breakdown(production):
        if not replace:
            raise ScheduleExists(
                "This production already has a breakdown. Importing replaces it, with its "
                "scenarios and calendars: confirm to replace."
            )
        _clear_schedule(production)
    summary = ImportSummary(warnings=list(schedule.warnings))

    ScheduleHeader.objects.create(
        production=production,
        uss_id=schedule.id or ScheduleHeader._meta.get_field("uss_id").default(),
        name=schedule.name or "",
        project=schedule.project or "",
        author=schedule.author or "",
        company=schedule.company or "",
        description=schedule.description or "",
        episode=schedule.episode or "",
        episode_name=schedule.episode_name or "",
        season=schedule.season or "",
        sched_color=schedule.sched_color or "",
        sched_date=_day(schedule.sched_date),
        script_color=schedule.script_color or "",
        script_date=_day(schedule.script_date),
        source=schedule.source or "",
        imported_from=source_name[:255],
    )

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
            events=_events(e.events),
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

    types = {b.id: b.type for b in schedule.breakdowns}
    strips = Strip.objects.bulk_create(
        Strip(
            production=production,
            uss_id=b.id,
            kind=Strip.Kind.BANNER if b.type == "banner" else Strip.Kind.SCENE,
            position=n,
            scene_number=b.scene or "",
            script_page=b.script_page or "",
            eighths=_eighths(b.pages),
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

    calendars = Calendar.objects.bulk_create(
        Calendar(
            production=production,
            uss_id=c.id,
            name=c.name,
            start=c.start,
            weekly_off=sorted(set(c.days_off)),
            events=_events(c.events),
        )
        for c in schedule.calendars
    )
    calendar_pk = {c.uss_id: c.pk for c in calendars}

    for position, stripboard in enumerate(schedule.stripboards):
        if scenario is not None and stripboard.name != scenario:
            continue
        layout = _layout_of(stripboard, types, strip_pk, summary)
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

    summary.strips = len(strips)
    summary.elements = len(elements)
    summary.categories = len(categories)
    summary.calendars = len(calendars)
    audit_record(
        actor=actor,
        production=production,
        action="schedule.import",
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


def _save_layout(*, actor, scenario: Scenario, layout: Layout, action: str, detail: dict) -> None:
    layout.check()
    scenario.layout = layout.as_json()
    scenario.revision += 1
    scenario.save(update_fields=["layout", "revision", "updated_at"])
    audit_record(
        actor=actor,
        production=scenario.production,
        action=action,
        obj=scenario,
        changes=detail,
    )


def _locked(scenario: Scenario, revision: int | None) -> Scenario:
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if revision is not None and locked.revision != revision:
        raise StaleBoard(
            "Someone else changed this board a moment ago; it has been reloaded with their "
            "change. Make your move again."
        )
    return locked


@transaction.atomic
def strip_move(
    *, actor, scenario: Scenario, strip: int, target: str, day: int | None = None,
    before: int | None = None, revision: int | None = None,
) -> Scenario:  # fmt: skip
    scenario = _locked(scenario, revision)
    layout = move_strip(scenario.board, strip, target=target, day=day, before=before)
    _save_layout(
        actor=actor,
        scenario=scenario,
        layout=layout,
        action="schedule.strip_move",
        detail={"strip": strip, "to": target, "day": None if day is None else day + 1},
    )
    return scenario


@transaction.atomic
def scenario_day_add(*, actor, scenario: Scenario, after: int | None = None,
                     revision: int | None = None) -> Scenario:  # fmt: skip
    scenario = _locked(scenario, revision)
    layout = add_day(scenario.board, after=after)
    _save_layout(actor=actor, scenario=scenario, layout=layout, action="schedule.day_add",
                 detail={"after_day": None if after is None else after + 1})  # fmt: skip
    return scenario


@transaction.atomic
def scenario_day_split(*, actor, scenario: Scenario, day: int, before: int,
                       revision: int | None = None) -> Scenario:  # fmt: skip
    scenario = _locked(scenario, revision)
    layout = split_day(scenario.board, day=day, before=before)
    _save_layout(actor=actor, scenario=scenario, layout=layout, action="schedule.day_break",
                 detail={"day": day + 1, "before_strip": before})  # fmt: skip
    return scenario


@transaction.atomic
def scenario_day_remove(*, actor, scenario: Scenario, day: int,
                        revision: int | None = None) -> Scenario:  # fmt: skip
    scenario = _locked(scenario, revision)
    layout = remove_day(scenario.board, day=day)
    _save_layout(actor=actor, scenario=scenario, layout=layout, action="schedule.day_remove",
                 detail={"day": day + 1})  # fmt: skip
    return scenario


@transaction.atomic
def scenario_create(*, actor, production: Production, name: str, calendar: Calendar | None,
                    copy_of: Scenario | None = None) -> Scenario:  # fmt: skip
    """A new scenario: a copy of another's board, or every strip unscheduled in script order."""
    strips = list(
        Strip.objects.filter(production=production)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    layout = with_strips(copy_of.board if copy_of else Layout(), strips)
    last = Scenario.objects.filter(production=production).aggregate(m=Max("position"))["m"]
    scenario = Scenario.objects.create(
        production=production,
        name=name.strip()[:200] or "New scenario",
        calendar=calendar,
        layout=layout.as_json(),
        position=(last or 0) + 1,
        created_by=actor,
    )
    audit_record(actor=actor, production=production, action="schedule.scenario_create",
                 obj=scenario, changes={"name": scenario.name,
                                        "copy_of": copy_of.name if copy_of else None})  # fmt: skip
    return scenario


@transaction.atomic
def calendar_save(
    *, actor, production: Production, calendar: Calendar | None, name: str, start: date,
    weekly_off: list[int], events: list[dict],
) -> Calendar:  # fmt: skip
    """Create or change a calendar (start date, weekly days off, holidays and other events)."""
    if any(d not in range(7) for d in weekly_off):
        raise BoardError("Weekly days off must be weekdays.")
    if len(set(weekly_off)) == 7:
        raise BoardError("Every weekday is a day off: the company would never shoot.")
    if calendar is None:
        calendar = Calendar(production=production)
    calendar.name = name.strip()[:200] or f"Start {start:%b %d, %Y}"
    calendar.start = start
    calendar.weekly_off = sorted(set(weekly_off))
    calendar.events = sorted(events, key=lambda e: e["date"])
    calendar.save()
    audit_record(actor=actor, production=production, action="schedule.calendar_save",
                 obj=calendar, changes={"start": start.isoformat(), "weekly_off":
                                        calendar.weekly_off, "events": len(events)})  # fmt: skip
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


__all__ = [
    "ImportSummary",
    "ScheduleExists",
    "StaleBoard",
    "Ucid",
    "calendar_save",
    "ensure_categories",
    "has_breakdown",
    "scenario_create",
    "scenario_day_add",
    "scenario_day_remove",
    "scenario_day_split",
    "schedule_import",
    "strip_move",
]
