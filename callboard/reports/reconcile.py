"""Three-way reconciliation of a shoot day: the call sheet (planned) ↔ the production report
(actual: the crew's back page, the cast's Exhibit G) ↔ the time cards (claimed).

The production report's day of each person is handed to payroll (registered in
``ReportsConfig.ready``): a card further than the production's tolerance from it is flagged
on the card with both values, the flag stops the department's approval, and a new card is
filled from the report. The comparison itself is payroll's (``timecards.day_differences``),
so the card and this page read one rule.

A person's card day is measured against every unit's current report of the date (someone on
both units' reports is one work day: ``span``), an approved version as it was approved (its
snapshot), and a call past 24:00 on the date it falls on (``on_its_date``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from callboard.core.controls import subject_type
from callboard.core.models import WarningOverride
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.payroll.timecards import ActualDay, day_differences, dpr_flag

from .models import CastTime, ProductionReport
from .queries import current_reports
from .settimes import DAY, clock_24, parse_typed

STATES = ("differs", "no_card", "accepted", "agrees")


def tolerance_of(production) -> int:
    """The minutes a card may differ from the report by (the production's setting)."""
    from .queries import report_settings

    return report_settings(production).tolerance_minutes


ONE_DAY = dt.timedelta(days=1)


def report_actuals(
    report: ProductionReport, tolerance: int, person_ids=None
) -> dict[int, tuple[str, ActualDay]]:
    """Each person's day on the report, {person id: (crew or cast, ActualDay)}: the crew as
    the DPR's back page has them (call, the department's wrap, their own deviation), the
    cast from the Exhibit G (report to dismissal). An approved version is read from its
    frozen snapshot: what was approved, whatever the crew list, departments or rows say
    since."""
    wanted = None if person_ids is None else set(person_ids)
    if report.is_frozen and report.snapshot:
        return _approved_actuals(report.snapshot, tolerance, wanted)
    from .queries import crew_days

    found: dict[int, tuple[str, ActualDay]] = {}
    for row in crew_days(report, person_ids=wanted):
        if row.call is None:
            continue
        found[row.person.pk] = (
            "crew",
            ActualDay(row.call, row.wrap, row.meal_out, row.meal_in, tolerance, row.meal_grace),
        )
    cast = CastTime.objects.filter(report=report, person__isnull=False)
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


def _approved_actuals(document: dict, tolerance: int, wanted) -> dict:
    """report_actuals of an approved report's document (its times in the 24-hour clock,
    "25:30" past midnight)."""

    def minutes(text: str) -> int | None:
        return parse_typed(text).minutes if text else None

    grace = document["times"]["meal_out"]["grace"]
    found: dict[int, tuple[str, ActualDay]] = {}
    for group in document["crew"]:
        for row in group["people"]:
            if wanted is not None and row["person_id"] not in wanted:
                continue
            if row["in"]:
                found[row["person_id"]] = (
                    "crew",
                    ActualDay(
                        minutes(row["in"]),
                        minutes(row["out"]),
                        minutes(row["meal_out"]),
                        minutes(row["meal_in"]),
                        tolerance,
                        grace,
                    ),
                )
    for row in document["cast"]:
        person_id = row["person_id"]
        if person_id is None or (wanted is not None and person_id not in wanted):
            continue
        start = row["report"] or row["on_set"]
        if start:
            found[person_id] = (
                "cast",
                ActualDay(
                    minutes(start),
                    minutes(row["dismiss"]),
                    minutes(row["meal_out"]),
                    minutes(row["meal_in"]),
                    tolerance,
                ),
            )
    return found


def on_its_date(date: dt.date, actual: ActualDay) -> tuple[dt.date, ActualDay]:
    """The card date of a person's day: the date of its call. A report's call at or past
    24:00 is the next morning's, so that card day starts at the call's clock time (a card
    and the pay engine put a call on its own date; "00:30" on the report's date would be
    a day early)."""
    days = actual.call // DAY
    if not days:
        return date, actual

    def back(minutes: int | None) -> int | None:
        return None if minutes is None else minutes - days * DAY

    return date + dt.timedelta(days=days), replace(
        actual,
        call=back(actual.call),
        wrap=back(actual.wrap),
        meal_out=back(actual.meal_out),
        meal_in=back(actual.meal_in),
    )


def span(one: ActualDay, other: ActualDay) -> ActualDay:
    """One person on two units' reports the same date (moved from the main unit to the second,
    or the reverse): payroll pays one work day, from the earliest call to the latest wrap
    (unknown while either unit's wrap is), with the first meal taken; the card is compared
    with that day, not with either unit's part of it, which it could never match both of."""
    wraps = (one.wrap, other.wrap)
    meal = min(
        (d for d in (one, other) if d.meal_out is not None),
        key=lambda d: d.meal_out,
        default=one,
    )
    return ActualDay(
        min(one.call, other.call),
        None if None in wraps else max(wraps),
        meal.meal_out,
        meal.meal_in,
        one.tolerance,
        meal.grace,
    )


def person_days(
    production, start: dt.date, end: dt.date, person_ids=None, *, known=None
) -> dict[int, dict[dt.date, tuple[str, ActualDay]]]:
    """{person id: {card date: (crew or cast, ActualDay)}} from start to end (exclusive), from
    every unit's current report (the day before too: its calls past 24:00 fall on start), a
    person on two units' reports spanning both. ``known``: {report id: its report_actuals}
    already read."""
    tolerance = tolerance_of(production)
    known = known or {}
    found: dict[int, dict[dt.date, tuple[str, ActualDay]]] = {}
    reports = current_reports(production, start - ONE_DAY, end).select_related(
        "call_sheet", "production"
    )
    for report in reports.order_by("date", "unit"):
        actuals = known.get(report.pk)
        if actuals is None:
            actuals = report_actuals(report, tolerance, person_ids)
        for person_id, (kind, actual) in actuals.items():
            date, actual = on_its_date(report.date, actual)
            if not start <= date < end:
                continue
            days = found.setdefault(person_id, {})
            if date in days:
                kind, before = days[date]
                actual = span(before, actual)
            days[date] = (kind, actual)
    return found


def actual_days_for_week(production, week_start: dt.date, person_ids) -> dict:
    """payroll's reader (queries.actual_days): {person id: {ISO date: ActualDay}} for the
    workweek from every unit's production reports."""
    days = person_days(production, week_start, week_start + dt.timedelta(days=7), person_ids)
    return {
        person_id: {date.isoformat(): actual for date, (_, actual) in by_date.items()}
        for person_id, by_date in days.items()
    }


@dataclass
class Line:
    """One person on the day: planned, actual, claimed, and where they stand."""

    person: object
    kind: str  # crew | cast
    date: dt.date  # the card's date of the day (the report's, or the next for a call past 24:00)
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
    """Everyone the report has on the day, against their time card for the week (their day
    spanning every unit's report of the date, as the card is flagged)."""
    from callboard.callsheets.queries import issued
    from callboard.people.models import Person

    tolerance = tolerance_of(report.production)
    own = report_actuals(report, tolerance)
    mine = {pk: (kind, *on_its_date(report.date, actual)) for pk, (kind, actual) in own.items()}
    dates = {date for _, date, _ in mine.values()} or {report.date}
    days = person_days(
        report.production, min(dates), max(dates) + ONE_DAY, list(own), known={report.pk: own}
    )
    calls = issued(report.call_sheet).calls
    cards = {
        (c.person_id, c.week_start): c
        for c in TimeCard.objects.filter(
            production=report.production,
            week_start__in={sunday_on_or_before(date) for date in dates},
            replaced_at__isnull=True,
            person_id__in=list(own),
        )
    }
    accepted = {
        (o.subject_id, o.warning): o
        for o in WarningOverride.objects.filter(
            subject_type=subject_type(TimeCard),
            subject_id__in=[c.pk for c in cards.values()],
        )
    }
    people = Person.objects.in_bulk(list(own))
    lines = []
    for person_id, (kind, date, actual) in mine.items():
        # Their day across every unit's report (a replaced version, opened from its
        # history, is no current report: its own day then).
        kind, actual = days.get(person_id, {}).get(date, (kind, actual))
        iso = date.isoformat()
        card = cards.get((person_id, sunday_on_or_before(date)))
        card_day = None
        if card is not None:
            card_day = next((d for d in card.days if d.get("date") == iso), None)
        line = Line(
            person=people[person_id],
            kind=kind,
            date=date,
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
