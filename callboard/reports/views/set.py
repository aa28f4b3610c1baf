"""Times from set, as they happen: the day's phone page (the 2nd AD, a set PA or the script
supervisor records crew call, first shot, meals, wrap... by "Now" or a typed time), the same
page opened by a signed link the office gives someone without an account, the office's list
of those links, the day's status reports and who got them, and the production's report
settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone

from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve, link_token
from callboard.core.params import id_param
from callboard.core.tenancy import production_view
from callboard.distribution.services import dispatch_resend
from callboard.people.models import DistributionGroup

from .. import sending, services
from ..models import ProductionReport, ReportSettings, SetTime, SetTimesLink, Unit
from ..services import ReportError
from ..settimes import KINDS, LABELS, format_minutes

GRACE_KINDS = ("meal_out", "second_meal_out")  # the meals whose grace is called on set
REASON_KINDS = ("first_shot",)  # where a late time needs its reason


def _report(request, report_pk: int) -> ProductionReport:
    return get_object_or_404(
        ProductionReport.objects.select_related("production", "call_sheet"),
        pk=report_pk,
        production=request.production,
    )


@dataclass
class TimeRow:
    """One of the day's times on the phone page: recorded (who, when) or a form to record it,
    with what was typed kept when it could not be recorded."""

    kind: str
    label: str
    recorded: SetTime | None
    typed: dict = field(default_factory=dict)
    error: str = ""

    @property
    def shown(self) -> str:
        return format_minutes(self.recorded.minutes) if self.recorded else ""

    @property
    def who(self) -> str:
        if self.recorded is None:
            return ""
        by = self.recorded.recorded_by
        return self.recorded.recorded_via or (by.get_full_name() or by.email if by else "")

    @property
    def grace_shown(self) -> bool:
        return self.kind in GRACE_KINDS

    @property
    def reason_shown(self) -> bool:
        return self.kind in REASON_KINDS


def _rows(report: ProductionReport, failed: TimeRow | None = None) -> list[TimeRow]:
    recorded = {t.kind: t for t in report.times.select_related("recorded_by")}
    rows = [TimeRow(kind, LABELS[kind], recorded.get(kind)) for kind in KINDS]
    if failed is not None:
        rows[KINDS.index(failed.kind)] = failed
    return rows


def _next_kind(report: ProductionReport) -> str:
    """The first time not yet recorded: where the page opens after a recording."""
    done = set(report.times.values_list("kind", flat=True))
    return next((kind for kind in KINDS if kind not in done), KINDS[-1])


def _record(request, report: ProductionReport, *, link=None, replace: bool = False):
    """Record the posted time, by the signed-in member or in the name of a link's holder;
    (the failed row with what was typed and why, or None)."""
    kind = request.POST.get("kind", "")
    if kind not in KINDS:  # a forged or stale form: said on the first card, nothing saved
        kind, error = KINDS[0], "Choose one of the day's times."
        return TimeRow(kind, LABELS[kind], report.times.filter(kind=kind).first(), error=error)
    typed = {
        "time": request.POST.get("time", "").strip(),
        "next_morning": bool(request.POST.get("next_morning")),
        "grace": bool(request.POST.get("grace")) and kind in GRACE_KINDS,
        "note": request.POST.get("note", "").strip()[:300],
    }
    now = request.POST.get("now") is not None
    try:
        if not now and not typed["time"]:
            raise ReportError("Type the time (7:30, 19:05, 7:30 PM, 25:30) or press Now.")
        minutes = services.typed_minutes(
            report, typed["time"], kind=kind, now=now, next_morning=typed["next_morning"]
        )
        set_time = services.set_time_record(
            actor=None if link else request.user,
            report=report,
            kind=kind,
            minutes=minutes,
            grace=typed["grace"],
            note=typed["note"],
            via=f"{link.name} (link)" if link else "",
            replace=replace,
        )
    except ReportError as exc:  # AlreadyRecorded too: it names who was first
        existing = report.times.filter(kind=kind).select_related("recorded_by").first()
        return TimeRow(kind, LABELS[kind], existing, typed, str(exc))
    verb = "Corrected" if replace else "Recorded"
    messages.success(request, f"{verb}: {LABELS[kind]} {format_minutes(set_time.minutes)}.")
    return None


def _page(request, report, *, rows, status=200, link=None, token="") -> HttpResponse:
    membership = getattr(request, "membership", None)
    report_settings = ReportSettings.objects.filter(production=report.production).first()
    context = {
        "report": report,
        "production": report.production,
        "day_of": sending.day_of(report),
        "rows": rows,
        "link": link,
        "action": reverse("set_times_by_link", args=[token]) if link else _day_url(report),
        "may_correct": link is None and membership.can(Cap.REPORTS_PREPARE),
        "office": link is None and membership.can(Cap.REPORTS_VIEW),
        "status_group": report_settings.status_group if report_settings else None,
        # A submitted report is with the UPM: its times change only once it is back in draft
        # (the services refuse it too; the page does not offer what would be refused).
        "editable": report.is_draft,
    }
    return render(request, "reports/set_day.html", context, status=status)


def _day_url(report: ProductionReport) -> str:
    return reverse(
        "reports:set_day", kwargs={"production": report.production.slug, "report_pk": report.pk}
    )


def _after_record(url: str, report: ProductionReport):
    return redirect(f"{url}#t-{_next_kind(report)}")


# ------------------------------------------------------------------ the day's phone page


@dataclass
class SheetToday:
    sheet: CallSheet
    units: list  # (unit, label, its report or None)


@production_view(Cap.SET_TIMES)
def set_today(request) -> HttpResponse:
    """Today's shoot (and last night's, still open the next morning): open a unit's report,
    or start it from the day's published call sheet."""
    production = request.production
    if request.method == "POST":
        sheet = get_object_or_404(
            CallSheet, pk=id_param(request.POST.get("sheet")), production=production
        )
        try:
            report = services.report_start(
                actor=request.user, call_sheet=sheet, unit=request.POST.get("unit", Unit.MAIN)
            )
        except ReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:set_today", production=production.slug)
        return redirect("reports:set_day", production=production.slug, report_pk=report.pk)
    today = production.today()
    days = [today, today - services.ONE_DAY]
    latest: dict = {}
    for sheet in CallSheet.objects.filter(
        production=production, status=CallSheet.Status.PUBLISHED, date__in=days
    ).order_by("-date", "day_number", "-version"):
        latest.setdefault((sheet.scenario_id, sheet.day_number), sheet)
    reports = ProductionReport.objects.filter(production=production, date__in=days).exclude(
        status=ProductionReport.Status.REPLACED
    )
    by_date: dict = {}
    for report in reports:
        by_date.setdefault(report.date, {})[report.unit] = report
    sheets = [
        SheetToday(
            sheet,
            [(unit, label, by_date.get(sheet.date, {}).get(unit)) for unit, label in Unit.choices],
        )
        for sheet in latest.values()
        # Yesterday's shoot only while its report is open (a night running past midnight).
        if sheet.date == today or any(not r.is_frozen for r in by_date.get(sheet.date, {}).values())
    ]
    return render(
        request,
        "reports/set_today.html",
        {"production": production, "today": today, "sheets": sheets},
    )


@production_view(Cap.SET_TIMES)
def set_day(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    url = _day_url(report)
    if request.method == "POST":
        failed = _record(request, report)
        if failed is None:
            return _after_record(url, report)
        return _page(request, report, rows=_rows(report, failed), status=400)
    return _page(request, report, rows=_rows(report))


@production_view(Cap.REPORTS_PREPARE)
def set_correct(request, report_pk: int) -> HttpResponse:
    """A recorded time corrected by the office (or the 2nd AD), audited with what it was."""
    report = _report(request, report_pk)
    if request.method != "POST":
        return redirect("reports:set_day", production=report.production.slug, report_pk=report.pk)
    failed = _record(request, report, replace=True)
    if failed is None:
        return redirect(f"{_day_url(report)}#t-{request.POST.get('kind')}")
    return _page(request, report, rows=_rows(report, failed), status=400)


def set_times_by_link(request, token: str) -> HttpResponse:
    """The same page for someone on set without an account: what they record carries the
    name the office gave the link."""
    try:
        grant = link_grant_resolve(token, purpose=services.SET_TIMES_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    link = (
        SetTimesLink.objects.select_related("report__production", "report__call_sheet")
        .filter(grant=grant)
        .first()
    )
    if link is None:
        raise Http404("This link is not for a day's times.")
    report = link.report
    if request.method == "POST":
        failed = _record(request, report, link=link)
        if failed is None:
            return _after_record(reverse("set_times_by_link", args=[token]), report)
        rows = _rows(report, failed)
        return _page(request, report, rows=rows, status=400, link=link, token=token)
    return _page(request, report, rows=_rows(report), link=link, token=token)


# ------------------------------------------------------------------ the office's pages


@production_view(Cap.REPORTS_PREPARE)
def set_links(request, report_pk: int) -> HttpResponse:
    """Links to the day's times for people on set without an account: issue one to a named
    person, see who used theirs, revoke."""
    report = _report(request, report_pk)
    here = reverse(
        "reports:set_links", kwargs={"production": report.production.slug, "report_pk": report.pk}
    )
    name = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            link = get_object_or_404(report.set_links, pk=id_param(request.POST.get("revoke")))
            if services.set_times_link_revoke(actor=request.user, link=link):
                messages.success(request, f"{link.name}'s link no longer works.")
            return redirect(here)
        name = request.POST.get("name", "")
        try:
            link, token = services.set_times_link_issue(
                actor=request.user, report=report, name=name
            )
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Link made for {link.name}: copy it and send it to them.")
            return redirect(f"{here}#link-{link.pk}")
    links = list(report.set_links.select_related("grant", "grant__created_by"))
    for link in links:
        grant = link.grant
        link.live = grant.revoked_at is None and grant.expires_at > timezone.now()
        link.url = settings.SITE_URL + reverse("set_times_by_link", args=[link_token(grant)])
    return render(
        request,
        "reports/set_links.html",
        {"nav": "reports", "report": report, "links": links, "name": name},
    )


@production_view(Cap.REPORTS_VIEW)
def set_status(request, report_pk: int) -> HttpResponse:
    """The day's status reports (first shot, lunch, wrap), each with who got it and how."""
    report = _report(request, report_pk)
    sent = sending.status_reports(report)
    may_resend = request.membership.can(Cap.REPORTS_PREPARE)
    if request.method == "POST":
        if not may_resend:
            raise PermissionDenied("Your role does not send the day's reports.")
        event = next((s for s in sent if s.event == request.POST.get("event")), None)
        if event is None:
            raise Http404("No such status report today.")
        going = dispatch_resend(actor=request.user, dispatch=event.group_send)
        messages.success(request, f"{event.name}: sent again to {going} whose copy did not go.")
        return redirect(request.path)
    context = {
        "nav": "reports",
        "report": report,
        "sent": sent,
        "sending": any(d.status in ("queued", "sending") for s in sent for d in s.dispatches),
        "report_settings": ReportSettings.objects.filter(production=report.production).first(),
        "may_resend": may_resend,
    }
    template = "reports/set_status_list.html" if request.htmx else "reports/set_status.html"
    return render(request, template, context)


class ReportSettingsForm(forms.Form):
    status_group = forms.ModelChoiceField(
        queryset=DistributionGroup.objects.none(),
        required=False,
        empty_label="Nobody (no status reports)",
        label="Status reports (first shot, lunch, wrap) go to",
    )
    status_by_text = forms.BooleanField(
        required=False, label="Also by text, to those who agreed to texts"
    )
    report_group = forms.ModelChoiceField(
        queryset=DistributionGroup.objects.none(),
        required=False,
        empty_label="Nobody yet",
        label="The approved DPR goes to",
    )
    tolerance_minutes = forms.IntegerField(
        min_value=0,
        max_value=services.MAX_TOLERANCE,
        label="Tolerance between a time card and the DPR (minutes)",
    )
    credit_parts = forms.BooleanField(
        required=False,
        label="Credit a partly shot scene's pages on the day shot (not the day completed)",
    )

    def __init__(self, production, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = DistributionGroup.objects.filter(production=production)
        self.fields["status_group"].queryset = groups
        self.fields["report_group"].queryset = groups


@production_view(Cap.PRODUCTION_EDIT)
def report_settings(request) -> HttpResponse:
    production = request.production
    row = ReportSettings.objects.filter(production=production).first() or ReportSettings(
        production=production
    )
    initial = {
        "status_group": row.status_group,
        "status_by_text": row.status_by_text,
        "report_group": row.report_group,
        "tolerance_minutes": row.tolerance_minutes,
        "credit_parts": row.credit_parts,
    }
    form = ReportSettingsForm(production, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_settings_update(
                    actor=request.user, production=production, **form.cleaned_data
                )
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Report settings saved.")
                return redirect("reports:report_settings", production=production.slug)
        status = 400
    return render(
        request, "reports/set_settings.html", {"nav": "settings", "form": form}, status=status
    )


urlpatterns = [
    path("set/", set_today, name="set_today"),
    path("<int:report_pk>/set/", set_day, name="set_day"),
    path("<int:report_pk>/set/correct/", set_correct, name="set_correct"),
    path("<int:report_pk>/set/links/", set_links, name="set_links"),
    path("<int:report_pk>/status-reports/", set_status, name="set_status"),
    path("settings/", report_settings, name="report_settings"),
]
# Named without the namespace (mounted at /l/ by callboard.urls, as every signed link is).
link_urlpatterns = [
    path("set-times/<str:token>/", set_times_by_link, name="set_times_by_link"),
]
