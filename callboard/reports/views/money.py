"""The day's money: the three-way reconciliation (call sheet ↔ production report ↔ time cards)
and the hot cost (the day's labour cost against the plan), page and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view

from .. import hotcost, reconcile, services
from ..models import ProductionReport
from ..services import ReportError


def _report(request, report_pk: int) -> ProductionReport:
    return get_object_or_404(
        ProductionReport.objects.select_related("production", "call_sheet"),
        pk=report_pk,
        production=request.production,
    )


@production_view(Cap.TIMECARDS_VIEW)
def reconciliation(request, report_pk: int) -> HttpResponse:
    """Everyone on the day's report beside their time card: who agrees, who differs (both
    values), who has no card; payroll or the UPM accepts either side with a reason. Everyone's
    card times: for those who read both the reports and the time cards."""
    membership = request.membership
    if not membership.can(Cap.REPORTS_VIEW):
        raise PermissionDenied("Your role does not read the production reports.")
    report = _report(request, report_pk)
    may_settle = membership.can(Cap.TIMECARDS_MANAGE) or membership.can(Cap.TIMECARDS_OVERRIDE)
    status = 200
    if request.method == "POST":
        if not may_settle:
            raise PermissionDenied("Your role does not settle time cards.")
        person_id = request.POST.get("person", "")
        side = request.POST.get("side")
        accept = {
            "report": services.reconcile_accept_report,
            "card": services.reconcile_accept_card,
        }.get(side)
        try:
            if accept is None or not person_id.isdigit():
                raise ReportError("Choose whose times to accept: the report's or the card's.")
            accept(
                actor=request.user,
                membership=membership,
                report=report,
                person_id=int(person_id),
                reason=request.POST.get("reason", ""),
            )
        except ReportError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(
                request,
                "The report's times are on the card."
                if side == "report"
                else "The card's times are accepted, with your reason.",
            )
            return redirect(
                "reports:reconciliation", production=request.production.slug, report_pk=report.pk
            )
    lines = reconcile.day_lines(report)
    counts = {state: sum(1 for x in lines if x.state == state) for state in reconcile.STATES}
    return render(
        request,
        "reports/money_reconcile.html",
        {
            "report": report,
            "lines": lines,
            "counts": counts,
            "may_settle": may_settle,
            "tolerance": reconcile.tolerance_of(report.production),
        },
        status=status,
    )


def _money_view(view):
    """The hot cost is read by those who read reports and the budget."""

    @production_view(Cap.REPORTS_VIEW)
    def wrapper(request, *args, **kwargs):
        if not request.membership.can(Cap.ACCOUNTING_VIEW):
            raise PermissionDenied("The hot cost shows pay: it is for those who read the budget.")
        return view(request, *args, **kwargs)

    return wrapper


@_money_view
def hot_cost(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    return render(
        request, "reports/money_hot_cost.html", {"report": report, "cost": hotcost.hot_cost(report)}
    )


@_money_view
def hot_cost_pdf(request, report_pk: int) -> HttpResponse:
    report = _report(request, report_pk)
    response = HttpResponse(hotcost.hot_cost_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{request.production.slug}-hot-cost-day-{report.day_number}.pdf"'
    )
    return response


urlpatterns = [
    path("<int:report_pk>/reconcile/", reconciliation, name="reconciliation"),
    path("<int:report_pk>/hot-cost/", hot_cost, name="hot_cost"),
    path("<int:report_pk>/hot-cost.pdf", hot_cost_pdf, name="hot_cost_pdf"),
]
link_urlpatterns: list = []
