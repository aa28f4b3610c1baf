"""Reads for the Exhibit G: a performer's day (their deal, their rest, their penalties: what
the Exhibit G stores and the hot cost prices), a report's performer rows as the page and the
PDF show them, the week's reports for the union representative, and the printed document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from callboard.documents.render import render_pdf
from callboard.payroll import engine
from callboard.payroll.engine import sunday_on_or_before

from . import exhibitg
from .models import CastTime, ProductionReport
from .settimes import clock_24, format_minutes

EXHIBIT_G_TEMPLATE = Path(__file__).parent / "typst" / "exhibit_g.typ"
# Columns of the page's grid that take a typed time, as the 2nd AD fills them.
GRID_TIMES = exhibitg.TIME_FIELDS


# A performer without deal terms on file: the production's SAG-AFTRA rule set, and a day
# performer's eight-hour day as the guarantee their rate buys.
PERFORMER_RULES = "sag-aftra-day"
PERFORMER_GUARANTEE = Decimal(8)


@dataclass(frozen=True)
class Deal:
    """What the pay engine prices a person's day by: the rule set, and the rate (None when no
    rate is on file: penalties are counted, not priced)."""

    rules: str
    deal: engine.Deal | None

    @property
    def day_rate(self) -> Decimal:
        """What a forced call is capped by: the deal's day (0 without a rate)."""
        if self.deal is None:
            return Decimal(0)
        rules = engine.load_rules(self.rules)
        return engine.day_rate(rules, self.deal, engine.base_rate(rules, self.deal))


def performer_deal(person) -> Deal:
    """A performer's deal: their deal terms' rule set and guarantee, else the production's
    SAG-AFTRA rules; the rate and its unit from the cast list."""
    terms = getattr(person, "deal_terms", None)
    rules = terms.rules if terms is not None else PERFORMER_RULES
    hours = terms.guaranteed_hours if terms is not None else PERFORMER_GUARANTEE
    per_week = terms.days_per_week if terms is not None else 5
    if person.rate is None or person.rate_unit not in engine.PERS:
        return Deal(rules, None)
    if person.rate_unit != "hour" and not hours:
        return Deal(rules, None)
    return Deal(rules, engine.Deal(Decimal(person.rate), person.rate_unit, hours, per_week))


def cast_times_of(cast_time: CastTime) -> dict[str, int | None]:
    return {name: getattr(cast_time, name) for name in exhibitg.TIME_FIELDS}


def previous_ends(
    production_id: int, date: dt.date, person_ids: list[int]
) -> dict[int, dt.datetime]:
    """Each performer's end of their last day before ``date`` on the production's current
    reports (any unit): what their rest is counted from."""
    ends: dict[int, dt.datetime] = {}
    earlier = (
        CastTime.objects.filter(
            person_id__in=person_ids,
            report__production_id=production_id,
            report__date__lt=date,
        )
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .select_related("report")
        .order_by("report__date")
    )
    for c in earlier:
        end = exhibitg.end_moment(c.report.date, cast_times_of(c))
        if end is not None:
            ends[c.person_id] = end
    return ends


def performer_day(
    cast_time: CastTime, *, person=None, ends: dict[int, dt.datetime] | None = None
) -> tuple[Deal, exhibitg.Penalties]:
    """A performer's day by their deal: the one reading of it that the Exhibit G's penalties
    and the hot cost share. ``ends``: the report's performers' previous_ends, when read for
    them all at once."""
    person = person or cast_time.person
    report = cast_time.report
    if ends is None:
        ends = previous_ends(report.production_id, report.date, [person.pk])
    deal = performer_deal(person)
    found = exhibitg.penalties(
        report.date,
        cast_times_of(cast_time),
        rules=deal.rules,
        day_rate=deal.day_rate,
        previous_end=ends.get(person.pk),
        forced_call=cast_time.forced_call,
    )
    return deal, found


def designated_day_off(report: ProductionReport) -> bool:
    """A day worked on a five-day week's designated days off (Saturday, Sunday)."""
    return report.date.weekday() >= 5


def cast_rows(report: ProductionReport) -> list[CastTime]:
    return list(report.cast_times.select_related("person").order_by("cast_number", "pk"))


def typed(cast_time: CastTime) -> dict[str, str]:
    """A row's values as the grid shows them (times as 24-hour clock, past 24:00 the next
    morning, so that typing them back reads the same)."""
    values = {name: clock_24(getattr(cast_time, name)) for name in GRID_TIMES}
    values["outfits"] = str(cast_time.outfits or "")
    values["stunt_adjustment"] = (
        "" if cast_time.stunt_adjustment is None else f"{cast_time.stunt_adjustment:.2f}"
    )
    values["minor"] = "on" if cast_time.minor else ""
    values["forced_call"] = "on" if cast_time.forced_call else ""
    return values


def week_reports(report: ProductionReport) -> list[ProductionReport]:
    """The unit's current reports of the report's workweek (Sunday to Saturday)."""
    start = sunday_on_or_before(report.date)
    return list(
        ProductionReport.objects.filter(
            production=report.production,
            unit=report.unit,
            date__gte=start,
            date__lt=start + timedelta(days=7),
        )
        .exclude(status=ProductionReport.Status.REPLACED)
        .order_by("date")
    )


def short_time(minutes: int | None) -> str:
    """'7:30a', '1:30a+1': a time narrow enough for the sheet's two dozen columns."""
    text = format_minutes(minutes)
    return text.replace(" AM", "a").replace(" PM", "p").replace(" (+1)", "+1")


def signed_text(cast_time: CastTime, tz) -> str:
    """A row's signature as the Exhibit G and the DPR print it: "Donna Reed, Dec 10 9:12 PM"."""
    if not cast_time.signed_at:
        return ""
    return (
        f"{cast_time.signed_name}, {timezone.localtime(cast_time.signed_at, tz):%b %-d %-I:%M %p}"
    )


def exhibit_g_document(reports: list[ProductionReport]) -> dict:
    """The data of the printed Exhibit G (one page or more per day), every value a string."""
    production = reports[0].production
    tz = production.tzinfo
    days = []
    for report in reports:
        rows = []
        for c in cast_rows(report):
            row = {name: short_time(getattr(c, name)) for name in GRID_TIMES}
            row |= {
                "id": c.cast_number,
                "name": c.person.display_name,
                "character": c.character,
                "status": c.status,
                "minor": "Y" if c.minor else "",
                "outfits": str(c.outfits or ""),
                "stunt": "" if c.stunt_adjustment is None else f"${c.stunt_adjustment:,.2f}",
                "forced_call": "Y" if c.rest_invaded else "",  # computed or marked
                "meal_penalties": exhibitg.meal_penalty_text(c.meal_penalties),
                "signed": signed_text(c, tz),
            }
            rows.append(row)
        days.append(
            {
                "date": f"{report.date:%A, %B %-d, %Y}",
                "day": f"Shoot day {report.day_number}",
                "unit": report.get_unit_display(),
                "day_off": "Yes" if designated_day_off(report) else "No",
                "location": report.locations,
                "status": report.get_status_display(),
                "rows": rows,
            }
        )
    return {
        "production": {"title": production.title, "company": production.company},
        "days": days,
        "printed": f"{timezone.localtime(timezone.now(), tz):%b %-d, %Y %-I:%M %p}",
    }


def exhibit_g_pdf(reports: list[ProductionReport]) -> bytes:
    return render_pdf(EXHIBIT_G_TEMPLATE, exhibit_g_document(reports))


def sign_link_key(cast_time: CastTime, resend: int = 0) -> str:
    """The key of a performer's signing-link message: one per report version and performer,
    and per deliberate send again (``resend`` 1, 2, ...)."""
    report = cast_time.report
    return f"exhibit-g:{report.pk}:v{report.version}:{cast_time.person_id}:{resend}"


def sign_link_sends(report: ProductionReport) -> dict[int, int]:
    """How many signing-link messages each row of the report was sent: row pk -> count (the
    next deliberate send again is that number)."""
    from callboard.distribution.models import Dispatch

    rows = {c.person_id: c.pk for c in report.cast_times.all()}
    prefix = f"exhibit-g:{report.pk}:v{report.version}:"
    sends: dict[int, set[str]] = {}
    for key in Dispatch.objects.filter(
        production=report.production, key__startswith=prefix
    ).values_list("key", flat=True):
        person, _, rest = key.removeprefix(prefix).partition(":")
        if person.isdigit() and int(person) in rows:
            sends.setdefault(rows[int(person)], set()).add(rest.partition("-")[0])
    return {pk: len(made) for pk, made in sends.items()}


def cast_time_for_link(grant) -> CastTime | None:
    return (
        CastTime.objects.filter(pk=grant.subject_id)
        .select_related("person", "report", "report__production")
        .first()
    )
