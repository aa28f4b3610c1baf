"""Daily production reports once the 2nd AD has handed them in: submitted, approved, and
approved versions since replaced by a correction. A draft is not the day's record yet: it is
not read here, and a report sent back to draft leaves the feed (a tombstone)."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Case, DateTimeField, F, When
from ninja import Query, Router, Schema

from callboard.core.capabilities import Cap
from callboard.core.eighths import format_eighths
from callboard.core.tenancy import get_scoped_or_404
from callboard.reports.models import ProductionReport
from callboard.reports.queries import report_document
from callboard.reports.settimes import KINDS, LABELS, clock_24, format_minutes

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS

router = Router(tags=["Reports"])


class SetTimeOut(Schema):
    kind: str  # crew_call, first_shot, meal_out, meal_in, camera_wrap, last_out...
    label: str
    clock: str  # "07:30"; past midnight "25:30", as a time card reads it
    shown: str  # "7:30 AM", "1:30 AM (+1)"
    grace: bool  # a meal's grace called
    note: str


class SceneShotOut(Schema):
    number: str
    status: str  # complete, part, not_shot, added
    added: bool
    retake: bool
    eighths: int  # the scene's length
    pages: str
    eighths_shot: int  # of a part, what was shot today
    seconds: int  # screen time shot today
    setups: int


class ReportOut(Schema):
    id: int
    day_number: int
    date: date
    unit: str  # main, second
    version: int
    status: str  # submitted, approved, replaced
    reason: str  # why this version (a correction)
    call_sheet_id: int
    submitted_at: datetime | None
    approved_at: datetime | None
    times: list[SetTimeOut]  # the day's times recorded, in the day's order
    scenes: list[SceneShotOut]
    setups: int  # today's
    seconds: int  # today's screen time
    updated_at: datetime


class CountsOut(Schema):
    previous: int
    today: int
    to_date: int
    script_total: int | None = None
    remaining: int | None = None
    shown: dict[str, str]  # the same, as the report prints them ("2 6/8", "1:20")


class ProgressOut(Schema):
    scenes: CountsOut
    pages: CountsOut  # in eighths
    minutes: CountsOut  # screen time, in seconds
    setups: CountsOut
    days_scheduled: int
    days_shot: int
    days_ahead: float | None  # negative: behind schedule
    schedule_text: str
    estimated_finish_day: int | None


class SceneCreditedOut(SceneShotOut):
    credited: int  # eighths credited to today
    credited_pages: str


class DelayOut(Schema):
    reason: str
    minutes: int


class ReportDetailOut(ReportOut):
    days_total: int
    scenes: list[SceneCreditedOut]
    progress: ProgressOut
    weather: str
    locations: str
    camera_media: str
    sound_media: str
    delays: list[DelayOut]
    notes: str


ReportPage = page_schema(ReportOut)

_HANDED_IN = (
    ProductionReport.Status.SUBMITTED,
    ProductionReport.Status.APPROVED,
    ProductionReport.Status.REPLACED,
)
_PLAIN = (
    "id",
    "day_number",
    "date",
    "unit",
    "version",
    "status",
    "reason",
    "call_sheet_id",
    "submitted_at",
    "approved_at",
    "updated_at",
)


def _time_out(kind: str, minutes: int, grace: bool, note: str) -> dict:
    return {
        "kind": kind,
        "label": LABELS[kind],
        "clock": clock_24(minutes),
        "shown": format_minutes(minutes),
        "grace": grace,
        "note": note,
    }


def _report_out(report: ProductionReport) -> dict:
    recorded = {t.kind: t for t in report.times.all()}
    scenes = list(report.scenes.all())
    return {
        **{name: getattr(report, name) for name in _PLAIN},
        "times": [
            _time_out(kind, t.minutes, t.grace, t.note)
            for kind in KINDS
            if (t := recorded.get(kind)) is not None
        ],
        "scenes": [
            {
                "number": s.scene,
                "status": "added" if s.added else s.status,
                "added": s.added,
                "retake": s.retake,
                "eighths": s.eighths,
                "pages": format_eighths(s.eighths),
                "eighths_shot": s.eighths_shot,
                "seconds": s.seconds,
                "setups": s.setups,
            }
            for s in scenes
        ],
        "setups": sum(s.setups for s in scenes),
        "seconds": sum(s.seconds for s in scenes),
    }


class ReportFilter(ListParams):
    status: Literal["submitted", "approved", "replaced"] | None = None
    unit: Literal["main", "second"] | None = None


@router.get("/{production}/reports", response={200: ReportPage, **ERRORS})
def reports_list(request, production: str, filters: Query[ReportFilter]):
    """Every report handed in (submitted, approved, replaced by a correction), in the order
    they changed, with the day's times and the scenes shot. With ``updated_since``, a report
    sent back to draft since is listed under ``deleted``: it is not the record until it is
    submitted again. The day's progress against the script is in each report's detail."""
    access = need(request, Cap.REPORTS_VIEW)
    rows = (
        ProductionReport.objects.filter(production=access.production)
        # A draft never handed in was never in the feed: no tombstone for it.
        .exclude(status=ProductionReport.Status.DRAFT, submitted_at__isnull=True)
        .annotate(
            withdrawn_at=Case(
                When(status=ProductionReport.Status.DRAFT, then=F("updated_at")),
                default=None,
                output_field=DateTimeField(),
            )
        )
        .prefetch_related("times", "scenes")
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.unit:
        rows = rows.filter(unit=filters.unit)
    live, gone, next_cursor = cursor_page(rows, filters, deleted="withdrawn_at")
    return {
        "items": [_report_out(r) for r in live],
        "deleted": gone,
        "next_cursor": next_cursor,
    }


@router.get("/{production}/reports/{report_id}", response={200: ReportDetailOut, **ERRORS})
def report_detail(request, production: str, report_id: int):
    """One report as the DPR page reads it (the frozen record once approved): the day's
    times, the scenes with the pages each credits today, and the totals previously, today
    and to date against the script and the schedule."""
    need(request, Cap.REPORTS_VIEW)
    report = get_scoped_or_404(
        ProductionReport.objects.filter(status__in=_HANDED_IN).select_related(
            "production", "call_sheet", "call_sheet__scenario", "submitted_by", "approved_by"
        ),
        request,
        pk=report_id,
    )
    document = report_document(report)
    return {
        **_report_out(report),
        "days_total": document["report"]["days_total"],
        "scenes": document["scenes"],
        "progress": document["progress"],
        "weather": report.weather,
        "locations": report.locations,
        "camera_media": report.camera_media,
        "sound_media": report.sound_media,
        "delays": document["delays"],
        "notes": report.notes,
    }
