"""Hot cost: a shoot day's labour cost from the production report, priced by the pay engine,
against what the call sheet planned for it (each person's call, the sheet's lunch and
estimated wrap, priced the same way) and the budget's labour accounts shared over the
schedule's days; overtime, meal penalties, forced calls and extra background by department,
and the running total of the shoot to date.

Each person's day is priced alone (their deal: rule set, rate, guarantee); weekly overtime,
which needs the whole week, is left to the time cards. People without a rate are listed, not
guessed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from callboard.documents.render import render_pdf
from callboard.payroll import engine

from . import exhibitg
from .castsheet import Deal, cast_times_of, performer_day, previous_ends
from .models import CastTime, ProductionReport
from .queries import HOT_COST_KEY, _set_times, crew_call_minutes, crew_days, current_reports
from .settimes import moment, sheet_minutes

HOT_COST_TEMPLATE = Path(__file__).parent / "typst" / "hot_cost.typ"
ZERO = Decimal("0.00")
OVERTIME_KINDS = {"overtime", "double_time", "golden", "sixth_day", "seventh_day"}
MEAL_KINDS = {"meal_penalty", "meal_premium"}
FORCED_KINDS = {"forced_call", "rest_invasion"}
PLANNED_LUNCH = 30  # minutes, as a time card's first draft has it
BACKGROUND = "Background"
CAST = "Cast"


@dataclass
class Cost:
    """Money of one department (or the day): planned and actual, and the actual's parts."""

    planned: Decimal = ZERO
    actual: Decimal = ZERO
    overtime: Decimal = ZERO
    meal_penalties: Decimal = ZERO
    forced_calls: Decimal = ZERO
    extra_background: Decimal = ZERO
    people: int = 0
    meal_periods: int = 0  # the meal penalties' count ("MP n"), by each person's rule set
    unpriced: list[str] = field(default_factory=list)

    def add(self, other: Cost) -> None:
        for name in ("planned", "actual", "overtime", "meal_penalties", "forced_calls"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.extra_background += other.extra_background
        self.people += other.people
        self.meal_periods += other.meal_periods
        self.unpriced += other.unpriced

    def as_json(self) -> dict:
        return {
            "planned": str(self.planned),
            "actual": str(self.actual),
            "difference": str(self.actual - self.planned),
            "overtime": str(self.overtime),
            "meal_penalties": str(self.meal_penalties),
            "forced_calls": str(self.forced_calls),
            "extra_background": str(self.extra_background),
            "people": self.people,
            "meal_periods": self.meal_periods,
            "meal_periods_text": exhibitg.meal_penalty_text(self.meal_periods),
            "unpriced": self.unpriced,
        }


def _crew_deal(person) -> Deal | None:
    """A crew member's deal as the engine reads it, or None without a rate (or a day or week
    rate without its guarantee on file)."""
    terms = getattr(person, "deal_terms", None)
    if person.rate is None or person.rate_unit not in engine.PERS:
        return None
    if terms is None:
        if person.rate_unit != "hour":  # a day or week deal needs its guarantee
            return None
        rules, hours, per_week = "ca-nonunion", Decimal(0), 5
    else:
        rules, hours, per_week = terms.rules, terms.guaranteed_hours, terms.days_per_week
    if person.rate_unit != "hour" and not hours:
        return None
    return Deal(rules, engine.Deal(Decimal(person.rate), person.rate_unit, hours, per_week))


def _price(deal: Deal, day: engine.Day, *, previous_end: dt.datetime | None = None) -> Cost:
    """One person's day by the engine: its total, the overtime, meal and forced-call parts,
    and the meal penalties' count."""
    try:
        pay = engine.compute(
            engine.Week(deal.rules, deal.deal, previous_wrap=previous_end, days=(day,))
        )
    except engine.PayInputError:  # a rule set no longer known: left out, not guessed
        return Cost()
    cost = Cost(actual=pay.gross)
    lines = pay.days[0].lines if pay.days else ()
    for line in lines:
        if line.kind in OVERTIME_KINDS:
            cost.overtime += line.amount
        elif line.kind in MEAL_KINDS:
            cost.meal_penalties += line.amount
        elif line.kind in FORCED_KINDS:
            cost.forced_calls += line.amount
    cost.meal_periods = engine.meal_penalty_periods(deal.rules, lines)
    return cost


def _crew_day(
    date: dt.date, call: int, wrap: int, meals: list[tuple[int | None, int | None]]
) -> engine.Day | None:
    """A crew member's day (or a planned one) for the engine; None when it does not run."""
    if wrap <= call:
        return None
    return engine.Day(
        date,
        moment(date, call),
        moment(date, wrap),
        tuple(
            engine.Meal(moment(date, out), moment(date, back))
            for out, back in meals
            if out is not None and back is not None and call <= out < back <= wrap
        ),
    )


def _planned(deal: Deal, date: dt.date, call: int | None, sheet, crew_call: int | None) -> Decimal:
    """The call sheet's day for the person: their call, the sheet's lunch (half an hour) and
    its estimated wrap (or the guarantee's hours after a lunch), priced."""
    if call is None:
        return ZERO
    wrap = sheet_minutes(sheet.est_wrap, crew_call)
    lunch = sheet_minutes(sheet.lunch, crew_call)
    if wrap is None:
        wrap = call + int(max(deal.deal.guaranteed_hours, Decimal(8)) * 60) + PLANNED_LUNCH
    meals = [(lunch, lunch + PLANNED_LUNCH)] if lunch is not None else []
    day = _crew_day(date, call, wrap, meals)
    return ZERO if day is None else _price(deal, day).actual


def day_costs(report: ProductionReport) -> dict[str, Cost]:
    """{department: Cost} for the report's day: crew from the DPR's back page, cast from the
    Exhibit G (each performer's day as castsheet.performer_day reads it), background from its
    lines."""
    from callboard.callsheets.queries import issued
    from callboard.people.models import Person

    sheet = report.call_sheet
    calls = issued(sheet).calls
    times = _set_times(report)
    crew_call = crew_call_minutes(report, times)
    fallback_wrap = times.get("last_out", times.get("camera_wrap"))
    costs: dict[str, Cost] = {}

    def planned_call(person_id: int) -> int | None:
        return sheet_minutes(calls[person_id].first, crew_call) if person_id in calls else None

    for row in crew_days(report, times):
        name = row.department.name if row.department else "Other"
        cost = costs.setdefault(name, Cost())
        cost.people += 1
        deal = _crew_deal(row.person)
        if deal is None:
            cost.unpriced.append(row.person.display_name)
            continue
        planned = _planned(deal, report.date, planned_call(row.person.pk), sheet, crew_call)
        wrap = row.wrap if row.wrap is not None else fallback_wrap
        day = None
        if row.call is not None and wrap is not None:
            meals = [(row.meal_out, row.meal_in), (row.second_meal_out, row.second_meal_in)]
            day = _crew_day(report.date, row.call, wrap, meals)
        # A day not over yet: the plan stands for it.
        actual = Cost(actual=planned) if day is None else _price(deal, day)
        actual.planned = planned
        cost.add(actual)
    cast = list(CastTime.objects.filter(report=report))
    people = Person.objects.select_related("deal_terms").in_bulk([c.person_id for c in cast])
    ends = previous_ends(report.production_id, report.date, list(people))
    for c in cast:
        c.report = report
        cost = costs.setdefault(CAST, Cost())
        cost.people += 1
        person = people[c.person_id]
        deal, found = performer_day(c, person=person, ends=ends)
        if deal.deal is None:
            cost.unpriced.append(person.display_name)
            continue
        start = exhibitg.work_start(cast_times_of(c))
        call = planned_call(c.person_id)
        planned = _planned(deal, report.date, start if call is None else call, sheet, crew_call)
        if found.day is None:
            actual = Cost(actual=planned)
        else:
            actual = _price(deal, found.day, previous_end=found.rest_from)
        actual.planned = planned
        cost.add(actual)
    for line in report.background.all():
        cost = costs.setdefault(BACKGROUND, Cost())
        cost.people += line.count
        if line.rate is None:
            if line.count:
                cost.unpriced.append(f"{line.count} {line.description}")
            continue
        rate = Decimal(line.rate)
        extra = max(line.count - line.called, 0) * rate
        cost.add(
            Cost(
                planned=engine.q_cent(line.called * rate),
                actual=engine.q_cent(line.count * rate),
                extra_background=engine.q_cent(extra),
            )
        )
    return costs


def _budget_per_day(report: ProductionReport, days_total: int) -> Decimal | None:
    """The current budget's labour accounts of the day's people, shared over the schedule's
    days; None without a budget or labour accounts on the deals."""
    from callboard.accounting.models import BudgetLine
    from callboard.accounting.queries import current_budget
    from callboard.payroll.models import DealTerms

    budget = current_budget(report.production)
    if budget is None or not days_total:
        return None
    accounts = set(
        DealTerms.objects.filter(production=report.production)
        .exclude(account="")
        .values_list("account", flat=True)
    )
    if not accounts:
        return None
    total = sum(
        BudgetLine.objects.filter(budget=budget, account__code__in=accounts).values_list(
            "amount", flat=True
        ),
        Decimal(0),
    )
    return engine.q_cent(total / days_total)


def _day_totals(report: ProductionReport) -> tuple[Decimal, Decimal]:
    """(planned, actual) of a day: an approved day's as frozen at approval."""
    frozen = frozen_hot_cost(report)
    if frozen is not None:
        return Decimal(frozen["planned"]), Decimal(frozen["actual"])
    total = Cost()
    for cost in day_costs(report).values():
        total.add(cost)
    return total.planned, total.actual


def frozen_hot_cost(report: ProductionReport) -> dict | None:
    """The hot cost an approved report kept in its snapshot when it was approved (the deals
    and the crew list may change after; the approved day's cost does not)."""
    if report.is_frozen and report.snapshot:
        return report.snapshot.get(HOT_COST_KEY)
    return None


def hot_cost(report: ProductionReport) -> dict:
    """The day's hot cost as JSON-ready values (amounts as strings, dollars and cents):
    planned, actual, difference, overtime, meal_penalties (and meal_periods, their count),
    forced_calls, extra_background, by_department (each with the same keys and
    ``department``), unpriced (names), budget_per_day and to_date (the shoot's days up to this
    one: days, planned, actual, difference). An approved day's as it was approved; a day in
    the works live."""
    frozen = frozen_hot_cost(report)
    if frozen is not None:
        return frozen
    return live_hot_cost(report)


def live_hot_cost(report: ProductionReport) -> dict:
    """The hot cost from today's deals and crew list: a draft's, and an approved day's at
    the moment of approval (services.report_approve keeps it in the snapshot)."""
    from callboard.schedule.queries import scenario_plan

    costs = day_costs(report)
    total = Cost()
    for cost in costs.values():
        total.add(cost)
    earlier = current_reports(report.production, end=report.date).filter(unit=report.unit)
    planned_to_date, actual_to_date, days = total.planned, total.actual, 1
    for other in earlier.select_related("call_sheet", "production"):
        planned, actual = _day_totals(other)
        planned_to_date += planned
        actual_to_date += actual
        days += 1
    days_total = len(scenario_plan(report.call_sheet.scenario).days)
    budget = _budget_per_day(report, days_total)
    order = {CAST: 0, BACKGROUND: 2}
    return {
        "date": report.date.isoformat(),
        "day": report.day_number,
        "days_total": days_total,
        **total.as_json(),
        "by_department": [
            {"department": name, **cost.as_json()}
            for name, cost in sorted(costs.items(), key=lambda kv: (order.get(kv[0], 1), kv[0]))
        ],
        "budget_per_day": "" if budget is None else str(budget),
        "to_date": {
            "days": days,
            "planned": str(planned_to_date),
            "actual": str(actual_to_date),
            "difference": str(actual_to_date - planned_to_date),
        },
    }


def _money(text: str) -> str:
    if text in ("", None):
        return ""
    amount = Decimal(text)
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def hot_cost_pdf(report: ProductionReport) -> bytes:
    """The UPM's one page for the evening."""
    cost = hot_cost(report)
    money_keys = (
        "planned",
        "actual",
        "difference",
        "overtime",
        "meal_penalties",
        "forced_calls",
        "extra_background",
    )

    def shown(row: dict) -> dict:
        shown = {**row, **{k: _money(row[k]) for k in money_keys if k in row}}
        if row.get("meal_periods_text"):  # "$75.00 (MP 3)": the amount and how many
            shown["meal_penalties"] += f" ({row['meal_periods_text']})"
        return shown

    production = report.production
    data = {
        "production": {"title": production.title, "company": production.company},
        "day": f"Day {report.day_number} of {cost['days_total']}",
        "date": f"{report.date:%A, %B %-d, %Y}",
        "status": report.get_status_display(),
        "total": shown(cost),
        "departments": [shown(d) for d in cost["by_department"]],
        "budget_per_day": _money(cost["budget_per_day"]),
        "to_date": {k: _money(v) if k != "days" else str(v) for k, v in cost["to_date"].items()},
        "unpriced": [n for d in cost["by_department"] for n in d["unpriced"]],
        "printed": f"{timezone.localtime(timezone.now(), production.tzinfo):%b %-d, %Y %-I:%M %p}",
    }
    return render_pdf(HOT_COST_TEMPLATE, data)
