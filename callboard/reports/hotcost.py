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

from django.core.cache import cache
from django.utils import timezone

from callboard.documents.render import render_pdf
from callboard.payroll import engine

from . import exhibitg
from .models import CastTime, ProductionReport
from .settimes import moment

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
    unpriced: list[str] = field(default_factory=list)

    def add(self, other: Cost) -> None:
        for name in ("planned", "actual", "overtime", "meal_penalties", "forced_calls"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.extra_background += other.extra_background
        self.people += other.people
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
            "unpriced": self.unpriced,
        }


@dataclass(frozen=True)
class Deal:
    rules: str
    deal: engine.Deal


def _deal(person) -> Deal | None:
    """The person's deal as the engine reads it, or None without a rate."""
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


def _price(
    deal: Deal,
    date: dt.date,
    call: int,
    wrap: int,
    meals: list[tuple[int | None, int | None]],
    *,
    ndb: tuple[int, int] | None = None,
    previous_end: dt.datetime | None = None,
) -> Cost:
    """One person's day by the engine: its total and the overtime, meal and forced-call parts."""
    if wrap <= call:
        return Cost()
    day = engine.Day(
        date,
        moment(date, call),
        moment(date, wrap),
        tuple(
            engine.Meal(moment(date, out), moment(date, back))
            for out, back in meals
            if out is not None and back is not None and call <= out < back <= wrap
        ),
        (moment(date, ndb[0]), moment(date, ndb[1])) if ndb else None,
    )
    if previous_end is not None and previous_end > day.call:
        previous_end = None  # a report out of order: no rest to measure
    try:
        pay = engine.compute(
            engine.Week(deal.rules, deal.deal, previous_wrap=previous_end, days=(day,))
        )
    except engine.PayInputError:  # a rule set no longer known: left out, not guessed
        return Cost()
    cost = Cost(actual=pay.gross)
    for line in pay.days[0].lines if pay.days else ():
        if line.kind in OVERTIME_KINDS:
            cost.overtime += line.amount
        elif line.kind in MEAL_KINDS:
            cost.meal_penalties += line.amount
        elif line.kind in FORCED_KINDS:
            cost.forced_calls += line.amount
    return cost


def _minutes_of(value) -> int | None:
    return value.hour * 60 + value.minute if value is not None else None


def _planned(deal: Deal, date: dt.date, call: int | None, sheet) -> Decimal:
    """The call sheet's day for the person: their call, the sheet's lunch (half an hour) and
    its estimated wrap (or the guarantee's hours after a lunch), priced."""
    if call is None:
        return ZERO
    wrap = _minutes_of(sheet.est_wrap)
    if wrap is not None and wrap <= call:
        wrap += 24 * 60
    lunch = _minutes_of(sheet.lunch)
    if lunch is not None and lunch < call:
        lunch += 24 * 60
    if wrap is None:
        wrap = call + int(max(deal.deal.guaranteed_hours, Decimal(8)) * 60) + PLANNED_LUNCH
    meals = [(lunch, lunch + PLANNED_LUNCH)] if lunch is not None else []
    return _price(deal, date, call, wrap, meals).actual


def _previous_ends(report: ProductionReport, person_ids: list[int]) -> dict[int, dt.datetime]:
    """Each performer's end of their previous day on the production (for rest)."""
    ends: dict[int, dt.datetime] = {}
    earlier = (
        CastTime.objects.filter(
            person_id__in=person_ids,
            report__production=report.production,
            report__date__lt=report.date,
        )
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .select_related("report")
        .order_by("report__date")
    )
    for c in earlier:
        end = exhibitg.end_moment(c.report.date, {n: getattr(c, n) for n in exhibitg.TIME_FIELDS})
        if end is not None:
            ends[c.person_id] = end
    return ends


def day_costs(report: ProductionReport) -> dict[str, Cost]:
    """{department: Cost} for the report's day: crew from the DPR's back page, cast from the
    Exhibit G, background from its lines."""
    from callboard.callsheets.queries import issued
    from callboard.people.models import Person

    from .queries import _set_times, crew_days

    sheet = report.call_sheet
    calls = issued(sheet).calls
    times = _set_times(report)
    fallback_wrap = times.get("last_out", times.get("camera_wrap"))
    costs: dict[str, Cost] = {}
    for row in crew_days(report, times):
        name = row.department.name if row.department else "Other"
        cost = costs.setdefault(name, Cost())
        cost.people += 1
        deal = _deal(row.person)
        if deal is None:
            cost.unpriced.append(row.person.display_name)
            continue
        planned_call = calls[row.person.pk].first if row.person.pk in calls else None
        planned = _planned(deal, report.date, _minutes_of(planned_call), sheet)
        wrap = row.wrap if row.wrap is not None else fallback_wrap
        if row.call is None or wrap is None:
            actual = Cost(actual=planned)  # the day is not over: the plan stands for it
        else:
            actual = _price(
                deal,
                report.date,
                row.call,
                wrap,
                [(row.meal_out, row.meal_in), (row.second_meal_out, row.second_meal_in)],
            )
        actual.planned = planned
        actual.people = 0
        cost.add(actual)
    cast = list(CastTime.objects.filter(report=report))
    people = Person.objects.select_related("deal_terms").in_bulk([c.person_id for c in cast])
    previous = _previous_ends(report, [c.person_id for c in cast])
    for c in cast:
        cost = costs.setdefault(CAST, Cost())
        cost.people += 1
        person = people[c.person_id]
        deal = _deal(person)
        if deal is None:
            cost.unpriced.append(person.display_name)
            continue
        start = c.report_makeup if c.report_makeup is not None else c.on_set
        planned_call = calls[c.person_id].first if c.person_id in calls else None
        planned = _planned(deal, report.date, _minutes_of(planned_call) or start, sheet)
        end = c.dismiss if c.dismiss is not None else fallback_wrap
        if start is None or end is None:
            actual = Cost(actual=planned)
        else:
            actual = _price(
                deal,
                report.date,
                start,
                end,
                [(c.meal_out, c.meal_in), (c.second_meal_out, c.second_meal_in)],
                ndb=(c.ndb_start, c.ndb_end)
                if c.ndb_start is not None and c.ndb_end is not None
                else None,
                previous_end=previous.get(c.person_id)
                # A forced call typed on the Exhibit G whose previous day is not on this
                # production's reports: charged as the engine charges one.
                or (moment(report.date, start - 1) if c.forced_call else None),
            )
        actual.planned = planned
        actual.people = 0
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
    """(planned, actual) of a day; an approved day's are kept in the cache (it is frozen)."""
    key = f"hotcost:{report.pk}:{report.version}" if report.is_frozen else None
    if key and (kept := cache.get(key)) is not None:
        return Decimal(kept[0]), Decimal(kept[1])
    total = Cost()
    for cost in day_costs(report).values():
        total.add(cost)
    if key:
        cache.set(key, (str(total.planned), str(total.actual)), 24 * 3600)
    return total.planned, total.actual


def hot_cost(report: ProductionReport) -> dict:
    """The day's hot cost as JSON-ready values (amounts as strings, dollars and cents):
    planned, actual, difference, overtime, meal_penalties, forced_calls, extra_background,
    by_department (each with the same keys and ``department``), unpriced (names), budget_per_day
    and to_date (the shoot's days up to this one: days, planned, actual, difference)."""
    from callboard.schedule.queries import scenario_plan

    costs = day_costs(report)
    total = Cost()
    for cost in costs.values():
        total.add(cost)
    earlier = (
        ProductionReport.objects.filter(
            production=report.production, unit=report.unit, date__lt=report.date
        )
        .exclude(status=ProductionReport.Status.REPLACED)
        .select_related("call_sheet", "production")
    )
    planned_to_date, actual_to_date, days = total.planned, total.actual, 1
    for other in earlier:
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
        return {**row, **{k: _money(row[k]) for k in money_keys if k in row}}

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
