"""The framework-free half of a USS import (no Django import): what would not fit the
database's columns, a USS stripboard as a board layout, and USS values as the models store
them. services.schedule_import writes what these return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import uss
from .board import Layout, with_strips


@dataclass
class ImportSummary:
    strips: int = 0
    elements: int = 0
    categories: int = 0
    scenarios: list[str] = field(default_factory=list)
    calendars: int = 0
    warnings: list[str] = field(default_factory=list)


def day_of(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def events_of(events: list[uss.Event]) -> list[dict]:
    return [
        {"type": e.type, "name": e.name or "", "date": e.day.isoformat()}
        for e in events
        if e.type != "start"
    ]


def eighths_of(pages: float | None) -> int | None:
    return None if pages is None else max(0, round(pages * 8))


def layout_of(
    stripboard: uss.Stripboard,
    types: dict[str, str],
    strip_pk: dict[str, int],
    summary: ImportSummary,
) -> Layout:
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
    scenes = [pk for uss_id, pk in strip_pk.items() if types.get(uss_id) != "banner"]
    return with_strips(Layout.of(days, unscheduled, boneyard), list(strip_pk.values()), scenes)


# (what, objects, attribute, column length): values longer than the database holds.
def too_long(schedule: uss.Schedule) -> list[str]:
    checks = [
        ("breakdowns", schedule.breakdowns, "id", 64),
        ("breakdowns", schedule.breakdowns, "scene", 20),
        ("breakdowns", schedule.breakdowns, "script_page", 20),
        ("categories", schedule.categories, "id", 64),
        ("categories", schedule.categories, "name", 100),
        ("elements", schedule.elements, "id", 64),
        ("elements", schedule.elements, "name", 200),
        ("elements", schedule.elements, "element_id", 20),
        ("stripboards", schedule.stripboards, "id", 64),
        ("stripboards", schedule.stripboards, "name", 200),
        ("calendars", schedule.calendars, "id", 64),
        ("calendars", schedule.calendars, "name", 200),
    ]
    problems = []
    for collection, objects, attr, limit in checks:
        for index, obj in enumerate(objects):
            value = getattr(obj, attr) or ""
            if len(value) > limit:
                problems.append(
                    f"{collection}[{index}].{attr}: {len(value)} characters; at most {limit} fit"
                )
    return problems
