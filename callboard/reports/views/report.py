"""The DPR's pages: the list of days, one day's report (what is in, what is missing, submit,
approve, send, correct), the script supervisor's scenes, a department's times, background, the
office's page for the rest, and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.params import id_param
from callboard.core.tenancy import production_view
from callboard.distribution.links import delivery_by_link
from callboard.distribution.models import Delivery, Dispatch
from callboard.people.models import Department

from .. import dprpdf, dprsending, queries, reconcile, services, settimes
from ..models import ProductionReport
from ..progress import STATUSES, minutes_text, parse_screen_time
from ..services import ReportError
from ..settimes import clock_24, format_minutes


def _report(request, report_pk: int) -> ProductionReport:
    return get_object_or_404(
        ProductionReport.objects.select_related("production", "call_sheet", "call_sheet__scenario"),
        pk=report_pk,
        production=request.production,
    )


def _back(report: ProductionReport, name: str = "reports:report", **kwargs):
    return redirect(name, production=report.production.slug, report_pk=report.pk, **kwargs)


def _typed(report: ProductionReport, text: str, what: str) -> int | None:
    """A typed time on the report's clock, None when blank. Crew and background may be called
    before the crew call, so a time is the shoot date's unless typed past 24:00 (25:30); the
    services refuse a wrap or meal typed before its call (2:00 for 26:00 on a night)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return settimes.day_minutes(settimes.parse_typed(text), call=None)
    except settimes.SetTimeError as exc:
        raise ReportError(f"{what}: {exc}") from None


MAX_ROWS = 500  # a form's lines (scenes, background): a posted count beyond is not read


def _row_count(post) -> int:
    count = post.get("count", "")
    return min(int(count), MAX_ROWS) if count.isdigit() else 0


# --------------------------------------------------------------------------- the days


@production_view(Cap.REPORTS_VIEW)
def report_list(request) -> HttpResponse:
    """Every day's report, newest first, and the days called whose report nobody started."""
    from callboard.callsheets.models import CallSheet

    reports = list(queries.current_reports(request.production).order_by("-date", "unit"))
    waiting = queries.days_without_report(request.production, reports)
    if request.method == "POST":
        if not request.membership.can(Cap.REPORTS_PREPARE):
            raise PermissionDenied("Your role does not prepare the DPR.")
        sheet = get_object_or_404(
            CallSheet, pk=id_param(request.POST.get("call_sheet")), production=request.production
        )
        try:
            report = services.report_start(
                actor=request.user, call_sheet=sheet, unit=request.POST.get("unit", "main")
            )
        except ReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:reports", production=request.production.slug)
        return _back(report)
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "waiting": waiting, "nav": "reports"},
    )


# --------------------------------------------------------------------------- one day


def _sends(report: ProductionReport):
    dispatches = Dispatch.objects.filter(
        production=report.production, kind=dprsending.KIND, object_id=report.pk
    )
    return list(
        Delivery.objects.filter(dispatch__in=dispatches)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


@production_view(Cap.REPORTS_VIEW)
def report_page(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    document = queries.report_document(report)
    m = request.membership
    versions = list(queries.report_versions(report).select_related("approved_by"))
    return render(
        request,
        "reports/report_day.html",
        {
            "report": report,
            "doc": document,
            "versions": versions,
            "sends": _sends(report),
            "report_group": queries.report_settings(report.production).report_group,
            "may_prepare": m.can(Cap.REPORTS_PREPARE),
            "may_approve": m.can(Cap.REPORTS_APPROVE),
            "may_scenes": m.can(Cap.SCRIPT_PROGRESS) and report.is_draft,
            "may_departments": (m.can(Cap.DEPARTMENT_TIMES) or m.can(Cap.REPORTS_PREPARE))
            and report.is_draft,
            "changes_so_far": _changes_so_far(report, document),
            # The day against the time cards (the flag shows on the card and here).
            "cards": reconcile.summary(report) if m.can(Cap.TIMECARDS_VIEW) else None,
            "may_hot_cost": m.can(Cap.ACCOUNTING_VIEW),
            "nav": "reports",
        },
    )


def _changes_so_far(report: ProductionReport, document: dict) -> list[str]:
    """For a correction in the works: what it changes from the version it corrects."""
    if report.version < 2 or report.is_frozen:
        return []
    before = queries.report_versions(report).filter(version=report.version - 1).first()
    return queries.document_changes(before.snapshot, document) if before and before.snapshot else []


@production_view(Cap.REPORTS_VIEW)
@require_POST
def report_action(request, report_pk: int) -> HttpResponse:
    """Submit (2nd AD), approve / send back (UPM), send again, correct (a new version)."""
    report = _report(request, report_pk)
    action = request.POST.get("action", "")
    needs = {
        "submit": (Cap.REPORTS_PREPARE,),
        "approve": (Cap.REPORTS_APPROVE,),
        # Back to draft, saying why: the UPM sends it back, the 2nd AD takes it back to fix.
        "return": (Cap.REPORTS_APPROVE, Cap.REPORTS_PREPARE),
        "send": (Cap.REPORTS_APPROVE,),
        "correct": (Cap.REPORTS_APPROVE,),
    }
    if action not in needs:
        messages.error(request, "Unknown action.")
        return _back(report)
    if not any(request.membership.can(cap) for cap in needs[action]):
        raise PermissionDenied("Your role does not allow this.")
    try:
        if action == "submit":
            services.report_submit(actor=request.user, report=report)
            messages.success(request, "Submitted to the UPM for approval.")
        elif action == "approve":
            report, sending = services.report_approve(actor=request.user, report=report)
            if sending.not_sent:
                messages.warning(
                    request, f"Approved and frozen, but the DPR was not sent: {sending.not_sent}"
                )
            else:
                messages.success(
                    request, f"Approved and frozen. Sending the DPR to {sending.count} people."
                )
        elif action == "return":
            services.report_return(
                actor=request.user, report=report, reason=request.POST.get("reason", "")
            )
            messages.success(request, "Returned to draft: it can be changed and submitted again.")
        elif action == "send":
            group = queries.report_settings(report.production).report_group
            if group is None:
                raise ReportError("Choose who gets the DPR in the report settings first.")
            sent = services.report_send(actor=request.user, report=report, groups=[group])
            messages.success(
                request,
                f"Sending the DPR to {sent} people not sent this version yet."
                if sent
                else "Everyone in the group has this version already: nobody gets it twice.",
            )
        elif action == "correct":
            report = services.report_correct(
                actor=request.user, report=report, reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                f"Version {report.version} started from the approved one: change what "
                "was wrong, then submit it again.",
            )
    except ReportError as exc:
        messages.error(request, str(exc))
    return _back(report)


def _pdf_response(report: ProductionReport) -> HttpResponse:
    response = HttpResponse(
        dprpdf.dpr_pdf(queries.report_document(report)), content_type="application/pdf"
    )
    name = dprpdf.file_name(
        show=report.production.slug,
        day=report.day_number,
        unit=report.unit,
        version=report.version,
        approved=report.is_frozen,
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@production_view(Cap.REPORTS_VIEW)
def report_pdf(request, report_pk: int) -> HttpResponse:
    return _pdf_response(_report(request, report_pk))


# --------------------------------------------------------------------------- scenes


def _scene_rows(report: ProductionReport) -> list[dict]:
    saved = {row.strip_id: row for row in report.scenes.all()}
    rows = []
    for strip in queries.scheduled_strips(report):
        row = saved.pop(strip.pk, None)
        rows.append(_scene_row(strip.pk, strip.scene_number, strip.eighths or 0, row, False))
    for strip_id, row in saved.items():
        rows.append(_scene_row(strip_id, row.scene, row.eighths, row, True))
    return rows


def _scene_row(strip_id, number, eighths, row, added) -> dict:
    from callboard.core.eighths import format_eighths

    return {
        "strip": strip_id,
        "scene": number,
        "pages": format_eighths(eighths),
        "added": added,
        "status": row.status if row else "not_shot",
        "eighths_shot": row.eighths_shot if row and row.eighths_shot else "",
        "minutes": minutes_text(row.seconds) if row and row.seconds else "",
        "setups": row.setups if row and row.setups else "",
        "retake": bool(row and row.retake),
    }


@production_view(Cap.REPORTS_VIEW)
def report_scenes(request, report_pk: int) -> HttpResponse:
    """The script supervisor's page: each scheduled scene complete / part / not shot, what was
    shot of a part, screen time and setups; scenes added on the day; retakes."""
    report = _report(request, report_pk)
    may_record = request.membership.can(Cap.SCRIPT_PROGRESS)
    rows = _scene_rows(report)
    status = 200
    if request.method == "POST":
        if not may_record:  # a report that is not a draft: the service says why
            raise PermissionDenied("Your role does not record scenes.")
        posted = [
            {
                "strip": request.POST.get(f"s{i}_strip") or None,
                "scene": request.POST.get(f"s{i}_scene", ""),
                "status": request.POST.get(f"s{i}_status", ""),
                "eighths_shot": request.POST.get(f"s{i}_eighths_shot", ""),
                "minutes": request.POST.get(f"s{i}_minutes", ""),
                "setups": request.POST.get(f"s{i}_setups", ""),
                "retake": bool(request.POST.get(f"s{i}_retake")),
            }
            for i in range(_row_count(request.POST) + 1)
        ]
        added = posted.pop()  # the blank row for a scene shot though not scheduled
        if added["scene"].strip():
            posted.append({**added, "strip": None})
        try:
            lines = []
            for row in posted:
                if row["strip"] and not str(row["strip"]).isdigit():
                    raise ReportError("A scene on the form is not one of this report's.")
                try:
                    seconds = parse_screen_time(row["minutes"])
                except ValueError as exc:
                    raise ReportError(f"Scene {row['scene']}: {exc}") from None
                lines.append({**row, "seconds": seconds})
            services.scene_progress_record(actor=request.user, report=report, rows=lines)
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
            rows = [
                {
                    **row,
                    "pages": next(
                        (r["pages"] for r in rows if str(r["strip"]) == str(row["strip"])), ""
                    ),
                    "added": row.get("added") or row["strip"] is None,
                }
                for row in posted
            ]
        else:
            messages.success(request, "Scenes saved.")
            return _back(report, "reports:report_scenes")
    document = queries.report_document(report)
    return render(
        request,
        "reports/report_scenes.html",
        {
            "report": report,
            "rows": rows,
            "count": len(rows),
            "statuses": [(s, s.replace("_", " ").capitalize()) for s in STATUSES],
            "progress": document["progress"],
            "credit_parts": queries.report_settings(report.production).credit_parts,
            "may_edit": may_record and report.is_draft,
            "nav": "reports",
        },
        status=status,
    )


# --------------------------------------------------------------------------- crew


# A department head or best boy has no other page of the report: this one is open to whoever
# enters the department's times (their departments) or reads reports (all, read-only).
@production_view(Cap.PRODUCTION_VIEW)
def report_department(request, report_pk: int, department_pk: int) -> HttpResponse:
    """One department's page: when it wrapped (and was called, if not as the sheet said), and
    each person whose day differed."""
    report = _report(request, report_pk)
    department = get_object_or_404(Department, pk=department_pk, production=request.production)
    allowed = queries.departments_entered_by(request.membership)
    enters = allowed is None or department.pk in allowed
    if not request.membership.can(Cap.REPORTS_VIEW) and not enters:
        raise PermissionDenied("You do not enter this department's times.")
    people = [
        row
        for row in queries.crew_days(report)
        if row.department and row.department.pk == department.pk
    ]
    wrap = report.department_wraps.filter(department=department).first()
    status = 200
    fields = ("call", "meal_out", "meal_in", "second_meal_out", "second_meal_in", "wrap")
    own = {c.person_id: c for c in report.crew_times.filter(department=department)}
    typed = {
        row.person.pk: {
            f: clock_24(getattr(own[row.person.pk], f)) if row.person.pk in own else ""
            for f in fields
        }
        | {"note": own[row.person.pk].note if row.person.pk in own else ""}
        for row in people
    }
    department_typed = {
        "wrap": clock_24(wrap.wrap) if wrap else "",
        "call": clock_24(wrap.call) if wrap and wrap.call is not None else "",
    }
    if request.method == "POST":
        if not enters:  # a report that is not a draft: the service says why
            raise PermissionDenied("You do not enter this department's times.")
        by_pk = {row.person.pk: row.person for row in people}
        department_typed = {k: request.POST.get(k, "") for k in ("wrap", "call")}
        typed = {
            pk: {f: request.POST.get(f"p{pk}_{f}", "") for f in (*fields, "note")} for pk in by_pk
        }
        try:
            rows = []
            for pk, values in typed.items():
                name = by_pk[pk].display_name
                rows.append(
                    {"person": by_pk[pk], "note": values["note"]}
                    | {
                        f: _typed(report, values[f], f"{name}, {f.replace('_', ' ')}")
                        for f in fields
                    }
                )
            services.department_times_record(
                actor=request.user,
                report=report,
                department=department,
                wrap=_typed(report, department_typed["wrap"], f"{department.name} wrap"),
                call=_typed(report, department_typed["call"], f"{department.name} call"),
                people=rows,
            )
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(request, f"{department.name}'s times saved.")
            return _back(report, "reports:report_department", department_pk=department.pk)
    return render(
        request,
        "reports/report_department.html",
        {
            "report": report,
            "department": department,
            "people": [(row, typed.get(row.person.pk, {}), _as_reported(row)) for row in people],
            "department_typed": department_typed,
            "may_edit": enters and report.is_draft,
            "nav": "reports",
        },
        status=status,
    )


def _as_reported(row: queries.CrewDay) -> str:
    meal = f", meal {clock_24(row.meal_out)}–{clock_24(row.meal_in)}" if row.meal_out else ""
    return f"in {clock_24(row.call) or '—'}{meal}, out {clock_24(row.wrap) or '—'}"


@production_view(Cap.DEPARTMENT_TIMES)
def department_days(request) -> HttpResponse:
    """A department head's or best boy's way in: the recent days' reports still open, with a
    link to each department of theirs."""
    allowed = queries.departments_entered_by(request.membership)
    departments = Department.objects.filter(production=request.production).order_by("order", "name")
    if allowed is not None:
        departments = departments.filter(pk__in=allowed)
    reports = (
        queries.current_reports(request.production)
        .exclude(status=ProductionReport.Status.APPROVED)
        .order_by("-date", "unit")[:14]
    )
    return render(
        request,
        "reports/report_departments.html",
        {"reports": reports, "departments": list(departments), "nav": "department_times"},
    )


# --------------------------------------------------------------------------- background


BACKGROUND_FIELDS = ("description", "count", "called", "vouchers", "rate")
BACKGROUND_TIMES = ("call", "meal_out", "meal_in", "wrap")


@production_view(Cap.REPORTS_VIEW)
def report_background(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    may_prepare = request.membership.can(Cap.REPORTS_PREPARE)
    status = 200
    lines = [
        {
            "description": b.description,
            "union": b.union,
            "count": b.count,
            "called": b.called,
            "vouchers": b.vouchers,
            "rate": b.rate if b.rate is not None else "",
            **{f: clock_24(getattr(b, f)) for f in BACKGROUND_TIMES},
        }
        for b in report.background.all()
    ]
    if request.method == "POST":
        if not may_prepare:  # a report that is not a draft: the service says why
            raise PermissionDenied("Your role does not prepare the DPR.")
        try:
            if request.POST.get("action") == "prefill":
                added = services.background_prefill(actor=request.user, report=report)
                messages.success(request, f"{added} line(s) from the call sheet.")
                return _back(report, "reports:report_background")
            count = _row_count(request.POST)
            lines = [
                {
                    f: request.POST.get(f"b{i}_{f}", "")
                    for f in (*BACKGROUND_FIELDS, *BACKGROUND_TIMES)
                }
                | {"union": bool(request.POST.get(f"b{i}_union"))}
                for i in range(count + 1)
            ]
            lines = [line for line in lines if any(str(line[f]).strip() for f in BACKGROUND_FIELDS)]
            parsed = [
                line
                | {
                    f: _typed(
                        report,
                        line[f],
                        f"{line['description'] or 'Background'} {f.replace('_', ' ')}",
                    )
                    for f in BACKGROUND_TIMES
                }
                for line in lines
            ]
            services.background_record(actor=request.user, report=report, lines=parsed)
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(request, "Background saved.")
            return _back(report, "reports:report_background")
    document = queries.report_document(report)
    return render(
        request,
        "reports/report_background.html",
        {
            "report": report,
            "lines": lines,
            "count": len(lines),
            "totals": document["background_totals"],
            "may_edit": may_prepare and report.is_draft,
            "nav": "reports",
        },
        status=status,
    )


# --------------------------------------------------------------------------- the rest


MEALS_SERVED = ("breakfast", "lunch", "second meal", "walking")  # counted on the DPR


@production_view(Cap.REPORTS_VIEW)
def report_office(request, report_pk: int) -> HttpResponse:
    """Weather, locations, media, equipment and vehicles, meals served, delays, incidents,
    notes and visitors."""
    report = _report(request, report_pk)
    may_prepare = request.membership.can(Cap.REPORTS_PREPARE)
    status = 200
    typed = {f: getattr(report, f) for f in services.DETAIL_FIELDS}
    meals = {meal: (report.meals_served or {}).get(meal, "") for meal in MEALS_SERVED}
    if request.method == "POST":
        if not may_prepare:  # a report that is not a draft: the service says why
            raise PermissionDenied("Your role does not prepare the DPR.")
        action = request.POST.get("action", "details")
        try:
            if action == "details":
                typed = {f: request.POST.get(f, "") for f in services.DETAIL_FIELDS}
                meals = {meal: request.POST.get(f"meal_{meal}", "") for meal in MEALS_SERVED}
                services.report_details_record(
                    actor=request.user, report=report, meals_served=meals, **typed
                )
                messages.success(request, "Saved.")
            elif action == "delay":
                services.delay_add(
                    actor=request.user,
                    report=report,
                    reason=request.POST.get("reason", ""),
                    minutes=request.POST.get("minutes", ""),
                )
                messages.success(request, "Delay added.")
            elif action == "incident":
                services.incident_add(
                    actor=request.user,
                    report=report,
                    who=request.POST.get("who", ""),
                    what=request.POST.get("what", ""),
                    at=_typed(report, request.POST.get("at", ""), "When"),
                    first_aid=bool(request.POST.get("first_aid")),
                    report_filed=bool(request.POST.get("report_filed")),
                )
                messages.success(request, "Incident added.")
            elif action in ("remove_delay", "remove_incident"):
                item = request.POST.get("item", "")
                if not item.isdigit():
                    raise ReportError("Nothing to remove.")
                services.report_item_remove(
                    actor=request.user,
                    report=report,
                    kind=action.removeprefix("remove_"),
                    pk=int(item),
                )
                messages.success(request, "Removed.")
            else:
                raise ReportError("Unknown action.")
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            return _back(report, "reports:report_office")
    return render(
        request,
        "reports/report_office.html",
        {
            "report": report,
            "typed": typed,
            "meals": meals,
            "delays": report.delays.all(),
            "incidents": [
                (incident, format_minutes(incident.at)) for incident in report.incidents.all()
            ],
            "may_edit": may_prepare and report.is_draft,
            "nav": "reports",
        },
        status=status,
    )


# --------------------------------------------------------------------------- by link


def _sent_copy(request, token: str):
    return delivery_by_link(request, token, kind=dprsending.KIND, what="a production report")


def report_by_link(request, token: str) -> HttpResponse:
    """A recipient's page for the DPR they were sent: opening it is tracked, one tap confirms
    they have it (as a call sheet's)."""
    from callboard.distribution.services import delivery_confirm, delivery_opened

    delivery, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        delivery_confirm(delivery=delivery)
        return redirect("report_by_link", token=token)
    delivery_opened(delivery=delivery)
    report = ProductionReport.objects.select_related("production").get(
        pk=delivery.dispatch.object_id
    )
    return render(
        request,
        "reports/report_by_link.html",
        {
            "delivery": delivery,
            "report": report,
            "doc": queries.report_document(report),
            "token": token,
        },
    )


def report_pdf_by_link(request, token: str) -> HttpResponse:
    delivery, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    return _pdf_response(
        ProductionReport.objects.select_related("production").get(pk=delivery.dispatch.object_id)
    )


urlpatterns = [
    path("", report_list, name="reports"),
    path("departments/", department_days, name="department_days"),
    path("<int:report_pk>/", report_page, name="report"),
    path("<int:report_pk>/action/", report_action, name="report_action"),
    path("<int:report_pk>/dpr.pdf", report_pdf, name="report_pdf"),
    path("<int:report_pk>/scenes/", report_scenes, name="report_scenes"),
    path("<int:report_pk>/crew/<int:department_pk>/", report_department, name="report_department"),
    path("<int:report_pk>/background/", report_background, name="report_background"),
    path("<int:report_pk>/office/", report_office, name="report_office"),
]
link_urlpatterns = [
    path("dpr/<str:token>/", report_by_link, name="report_by_link"),
    path("dpr/<str:token>/dpr.pdf", report_pdf_by_link, name="report_pdf_by_link"),
]
