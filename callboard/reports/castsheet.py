"""Reads for the Exhibit G: a report's performer rows as the page and the PDF show them, the
week's reports for the union representative, and the printed document (typst)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from callboard.documents.render import render_pdf
from callboard.payroll.engine import sunday_on_or_before

from . import exhibitg
from .models import CastTime, ProductionReport
from .settimes import clock_24, format_minutes

EXHIBIT_G_TEMPLATE = Path(__file__).parent / "typst" / "exhibit_g.typ"
# Columns of the page's grid that take a typed time, as the 2nd AD fills them.
GRID_TIMES = exhibitg.TIME_FIELDS


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
                "forced_call": "Y" if c.forced_call else "",
                "meal_penalties": str(c.meal_penalties or ""),
                "rest_invaded": "Y" if c.rest_invaded else "",
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
