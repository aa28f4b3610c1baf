"""Three-way reconciliation of a shoot day: the call sheet (planned) ↔ the production report
(actual: the crew's back page, the cast's Exhibit G) ↔ the time cards (claimed).

The production report's day of each person is handed to payroll (registered in
``ReportsConfig.ready``): a card further than the production's tolerance from it is flagged
on the card with both values, the flag stops the department's approval, and a new card is
filled from the report. The comparison itself is payroll's (``timecards.day_differences``),
so the card and this page read one rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from callboard.core.controls import subject_type
from callboard.core.models import WarningOverride
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.payroll.timecards import ActualDay, day_differences, dpr_flag

from .models import CastTime, ProductionReport
from .queries import current_reports
from .settimes import clock_24

STATES = ("differs", "no_card", "accepted", "agrees")


def tolerance_of(production) -> int:
    """The minutes a card may differ from the report by (the production's setting)."""
    from .queries import report_settings

    return report_settings(production).tolerance_minutes


def report_actuals(
    report: ProductionReport, tolerance: int, person_ids=None
) -> dict[int, tuple[str, ActualDay]]:
    """Each person's day on the report, {person id: (crew or cast, ActualDay)}: the crew as
    the DPR's back page has them (call, the department's wrap, their own deviation), the
    cast from the Exhibit G (report to dismissal)."""
    from .queries import crew_days

    wanted = None if person_ids is None else set(person_ids)
    found: dict[int, tuple[str, ActualDay]] = {}
    for row in crew_days(report, person_ids=wanted):
        if row.call is None:
            continue
        found[row.person.pk] = (
            "crew",
            ActualDay(row.call, row.wrap, row.meal_out, row.meal_in, tolerance),
        )
    cast = CastTime.objects.filter(report=report)
    if wanted is not None:
        cast = cast.filter(person_id__in=wanted)
    for c in cast:
        start = c.report_makeup if c.report_makeup is not None else c.on_set
        if start is not None:
            found[c.person_id] = (
                "cast",
                ActualDay(start, c.dismiss, c.meal_out, c.meal_in, tolerance),
            )
    return found


def actual_days_for_week(production, week_start: dt.date, person_ids) -> dict:
    """payroll's reader (queries.actual_days): {person id: {ISO date: ActualDay}} for the
    workweek from the main unit's production reports."""
    reports = list(
        current_reports(production, week_start, week_start + dt.timedelta(days=7))
        .filter(unit="main")
        .select_related("call_sheet", "production")
        .order_by("date")
    )
    if not reports:
        return {}
    tolerance = tolerance_of(production)
    found: dict[int, dict[str, ActualDay]] = {}
    for report in reports:
        for person_id, (_, actual) in report_actuals(report, tolerance, person_ids).items():
            found.setdefault(person_id, {})[report.date.isoformat()] = actual
    return found


@dataclass
class Line:
    """One person on the day: planned, actual, claimed, and where they stand."""

    person: object
    kind: str  # crew | cast
    planned: str  # the call sheet's call as printed
    actual: ActualDay
    card: TimeCard | None
    card_day: dict | None
    differences: list[tuple[str, str, str]] = field(default_factory=list)
    flag: str = ""  # the flag's text on the card, when it differs
    accepted: WarningOverride | None = None  # the card's side accepted, with its reason

    @property
    def state(self) -> str:
        if self.card is None:
            return "no_card"
        if not self.differences:
            return "agrees"
        return "accepted" if self.accepted else "differs"

    @property
    def actual_text(self) -> dict[str, str]:
        a = self.actual
        return {
            "call": clock_24(a.call),
            "meal": f"{clock_24(a.meal_out)}–{clock_24(a.meal_in)}"
            if a.meal_out is not None
            else "",
            "wrap": clock_24(a.wrap),
        }

    @property
    def card_text(self) -> dict[str, str]:
        day = self.card_day or {}
        meals = day.get("meals") or []
        return {
            "call": day.get("call", ""),
            "meal": f"{meals[0]['start']}–{meals[0]['end']}" if meals else "",
            "wrap": day.get("wrap", ""),
        }


def day_lines(report: ProductionReport) -> list[Line]:
    """Everyone the report has on the day, against their time card for the week."""
    from callboard.callsheets.queries import issued
    from callboard.people.models import Person

    tolerance = tolerance_of(report.production)
    actuals = report_actuals(report, tolerance)
    calls = issued(report.call_sheet).calls
    week = sunday_on_or_before(report.date)
    cards = {
        c.person_id: c
        for c in TimeCard.objects.filter(
            production=report.production,
            week_start=week,
            replaced_at__isnull=True,
            person_id__in=list(actuals),
        )
    }
    accepted = {
        (o.subject_id, o.warning): o
        for o in WarningOverride.objects.filter(
            subject_type=subject_type(TimeCard),
            subject_id__in=[c.pk for c in cards.values()],
        )
    }
    people = Person.objects.in_bulk(list(actuals))
    iso = report.date.isoformat()
    lines = []
    for person_id, (kind, actual) in actuals.items():
        card = cards.get(person_id)
        card_day = None
        if card is not None:
            card_day = next((d for d in card.days if d.get("date") == iso), None)
        line = Line(
            person=people[person_id],
            kind=kind,
            planned=calls[person_id].text if person_id in calls else "",
            actual=actual,
            card=card,
            card_day=card_day,
        )
        if card is not None:
            line.differences = day_differences(card_day, actual)
            flag = dpr_flag(iso, card_day, actual)
            line.flag = flag.message if flag else ""
            line.accepted = accepted.get((card.pk, line.flag)) if flag else None
        lines.append(line)
    lines.sort(
        key=lambda x: (STATES.index(x.state), x.kind, x.person.last_name, x.person.first_name)
    )
    return lines


def actual_card_day(card_day: dict | None, actual: ActualDay, date: dt.date) -> dict:
    """The card's day as the report has it (call, first meal, wrap), the rest kept."""
    from callboard.payroll.timecards import days_with_actuals

    iso = date.isoformat()
    days = [card_day] if card_day else []
    return days_with_actuals(days, {iso: actual})[0]


def summary(report: ProductionReport) -> dict:
    """What the DPR shows of its reconciliation: how many agree, differ (open), were accepted
    or have no card, and each open difference with both values."""
    lines = day_lines(report)
    return {
        **{state: sum(1 for x in lines if x.state == state) for state in STATES},
        "differing": [
            {"name": x.person.display_name, "differences": x.differences}
            for x in lines
            if x.state == "differs"
        ],
    }
