"""The Exhibit G (cast times): the 2nd AD's grid of performers × times, its PDF and the week's,
and each performer's signing page opened by a link (under /l/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.params import id_param
from callboard.core.tenancy import production_view
from callboard.distribution.services import link_opened

from .. import castsheet, exhibitg, services
from ..models import ProductionReport
from ..services import CastTimesProblems, ReportError
from ..settimes import format_minutes

FIELDS = (*exhibitg.TIME_FIELDS, "outfits", "stunt_adjustment", "minor", "forced_call")


def _report(request, report_pk: int) -> ProductionReport:
    return get_object_or_404(
        ProductionReport.objects.select_related("production", "call_sheet"),
        pk=report_pk,
        production=request.production,
    )


def _posted_rows(post) -> dict[int, dict]:
    """{row pk: {field: typed}} from fields named r<pk>_<field>."""
    rows: dict[int, dict] = {}
    for pk in post.getlist("row"):
        if pk.isdigit():
            rows[int(pk)] = {name: post.get(f"r{pk}_{name}", "") for name in FIELDS}
    return rows


@production_view(Cap.REPORTS_VIEW)
def exhibit_g(request, report_pk: int) -> HttpResponse:
    """The day's performers, one row each, every time in one grid (the 2nd AD types what
    happened over the call sheet's plan); signing links; a signed row reopened with a reason."""
    report = _report(request, report_pk)
    may_prepare = request.membership.can(Cap.REPORTS_PREPARE)
    # Signing is not editing: links go out while the report is with the UPM and once approved.
    may_send_links = may_prepare and report.status != ProductionReport.Status.REPLACED
    rows = castsheet.cast_rows(report)
    typed = {c.pk: castsheet.typed(c) for c in rows}
    problems: dict[int, dict[str, str]] = {}
    status = 200
    if request.method == "POST":
        if not request.membership.can(Cap.REPORTS_PREPARE):
            raise PermissionDenied("Your role does not fill in the DPR.")
        action = request.POST.get("action", "save")
        try:
            if action == "prefill":
                added = services.cast_times_prefill(actor=request.user, report=report)
                messages.success(request, f"{added} performer(s) added from the call sheet.")
            elif action == "save":
                saved = services.cast_times_save(
                    actor=request.user, report=report, rows=_posted_rows(request.POST)
                )
                messages.success(request, f"Saved ({len(saved)} row(s) changed).")
            elif action == "link":
                cast_time = get_object_or_404(
                    report.cast_times, pk=id_param(request.POST.get("cast_time"))
                )
                link = services.cast_sign_link(actor=request.user, cast_time=cast_time)
                messages.success(request, f"{cast_time.person.display_name}'s signing link: {link}")
            elif action == "send":
                cast_time = get_object_or_404(
                    report.cast_times, pk=id_param(request.POST.get("cast_time"))
                )
                name = cast_time.person.display_name
                # The page says which send this is (0 the first, then each Send again): a
                # double-click posts the same number and sends one message.
                if services.cast_sign_link_send(
                    actor=request.user,
                    cast_time=cast_time,
                    resend=id_param(request.POST.get("resend")) or 0,
                ):
                    messages.success(request, f"Signing link sent to {name}.")
                else:
                    messages.info(
                        request,
                        f"{name} was sent this link already (a second click?): nothing more "
                        "was sent. To send it again, press Send again.",
                    )
            elif action == "send_all":
                sent, already, unreachable = services.cast_sign_links_send(
                    actor=request.user, report=report
                )
                messages.success(
                    request,
                    f"Signing links sent to {len(sent)} performer(s)."
                    + (f" Sent already, not again: {', '.join(already)}." if already else "")
                    + (
                        f" No e-mail or phone for texts: {', '.join(unreachable)}; hand them "
                        "the phone with their link open."
                        if unreachable
                        else ""
                    ),
                )
            elif action == "reopen":
                cast_time = get_object_or_404(
                    report.cast_times, pk=id_param(request.POST.get("cast_time"))
                )
                services.cast_time_reopen(
                    actor=request.user, cast_time=cast_time, reason=request.POST.get("reason", "")
                )
                messages.success(request, f"{cast_time.person.display_name}'s row is open again.")
            else:
                raise ReportError("Unknown action.")
        except CastTimesProblems as exc:
            problems, status = exc.problems, 400
            messages.error(request, str(exc))
            typed.update(_posted_rows(request.POST))
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            return redirect(
                "reports:exhibit_g", production=request.production.slug, report_pk=report.pk
            )
    return render(
        request,
        "reports/cast_exhibit_g.html",
        {
            "report": report,
            "rows": [(c, typed[c.pk], problems.get(c.pk, {})) for c in rows],
            "columns": [(name, exhibitg.LABELS[name]) for name in exhibitg.TIME_FIELDS],
            "may_edit": may_prepare and report.is_draft,
            "may_send_links": may_send_links,
            "sends": {str(pk): n for pk, n in castsheet.sign_link_sends(report).items()},
            "day_off": castsheet.designated_day_off(report),
        },
        status=status,
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@production_view(Cap.REPORTS_VIEW)
def exhibit_g_pdf(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    return _pdf(
        castsheet.exhibit_g_pdf([report]),
        f"{request.production.slug}-exhibit-g-day-{report.day_number}.pdf",
    )


@production_view(Cap.REPORTS_VIEW)
def exhibit_g_week_pdf(request, report_pk: int) -> HttpResponse:
    """The workweek's Exhibit Gs in one PDF, for the union representative."""
    report = _report(request, report_pk)
    reports = castsheet.week_reports(report)
    return _pdf(
        castsheet.exhibit_g_pdf(reports),
        f"{request.production.slug}-exhibit-g-week-of-{reports[0].date:%Y-%m-%d}.pdf",
    )


def exhibit_g_sign(request, token: str) -> HttpResponse:
    """A performer's own row on their phone: they read their times and sign (typed name)."""
    try:
        grant = link_grant_resolve(token, purpose=services.CAST_SIGN_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    cast_time = castsheet.cast_time_for_link(grant)
    if cast_time is None:
        raise Http404("This row is no longer on the report.")
    link_opened(grant=grant)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.cast_time_sign(
                cast_time=cast_time,
                name=request.POST.get("name", ""),
                via=f"{cast_time.person.display_name} (link)",
            )
        except ReportError as exc:
            error, status = str(exc), 400
        else:
            return redirect("exhibit_g_sign", token=token)
    times = [
        (exhibitg.LABELS[name], format_minutes(getattr(cast_time, name)))
        for name in exhibitg.TIME_FIELDS
        if getattr(cast_time, name) is not None
    ]
    return render(
        request,
        "reports/cast_sign.html",
        {"cast_time": cast_time, "times": times, "error": error},
        status=status,
    )


urlpatterns = [
    path("<int:report_pk>/exhibit-g/", exhibit_g, name="exhibit_g"),
    path("<int:report_pk>/exhibit-g.pdf", exhibit_g_pdf, name="exhibit_g_pdf"),
    path("<int:report_pk>/exhibit-g-week.pdf", exhibit_g_week_pdf, name="exhibit_g_week_pdf"),
]
link_urlpatterns = [
    path("exhibit-g/<str:token>/", exhibit_g_sign, name="exhibit_g_sign"),
]
