from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.params import text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.people.tabular import TableError, read_table, size_problem

from . import exports, queries, services
from .budgetfile import BudgetFileError, BudgetRow, parse_amount, read_budget_rows
from .costreport import shown
from .models import Account, Budget

MAX_BYTES = 10 * 1024 * 1024
SESSION_KEY = "accounting_import"


def _period(request) -> tuple[date, date] | None:
    try:
        start = date.fromisoformat(request.GET.get("from", "")[:10])
        end = date.fromisoformat(request.GET.get("to", "")[:10])
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)


@production_view(Cap.ACCOUNTING_VIEW)
def cost_report(request):
    period = _period(request)
    budget = queries.current_budget(request.production)
    report = queries.cost_report(request.production, period=period, budget=budget)
    biggest = report.biggest_variances(8)
    scale = max((abs(r.variance) for r in biggest), default=Decimal(1)) or Decimal(1)
    return render(request, "accounting/cost_report.html", {
        "nav": "accounting", "report": report, "budget": budget, "period": period,
        "bars": [(r, int(abs(r.variance) * 100 / scale)) for r in biggest],
        "query": request.GET.urlencode(), "can_manage": request.membership.can(Cap.ACCOUNTING_MANAGE),
    })  # fmt: skip


@production_view(Cap.ACCOUNTING_VIEW)
def cost_report_export(request, fmt: str):
    report = queries.cost_report(request.production, period=_period(request))
    name = f"{request.production.slug}-cost-report"
    if fmt == "xlsx":
        content, kind = (
            exports.cost_report_xlsx(report),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    elif fmt == "csv":
        content, kind = exports.cost_report_csv(report), "text/csv; charset=utf-8"
    elif fmt == "pdf":
        content = exports.cost_report_pdf(request.production, report, _period(request),
                                          queries.current_budget(request.production))  # fmt: skip
        kind = "application/pdf"
    else:
        raise Http404("No such format.")
    response = HttpResponse(content, content_type=kind)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def estimate_save(request):
    account = get_scoped_or_404(Account, request, code=text_param(request.POST.get("account"), 41))
    text = (request.POST.get("amount") or "").strip()
    try:
        amount = parse_amount(text) if text else None
        services.estimate_save(actor=request.user, account=account, amount=amount,
                               note=text_param(request.POST.get("note"), 200))  # fmt: skip
    except (ValueError, services.AccountingError) as exc:
        messages.error(request, f"{account.code}: {exc}")
    else:
        messages.success(request, f"{account.code}: estimate to complete "
                                  f"{'withdrawn' if amount is None else 'set to ' + shown(amount)}.")  # fmt: skip
    back = request.POST.get("back", "")
    if back.startswith(f"/p/{request.production.slug}/accounting/"):
        return redirect(back)
    return redirect("accounting:cost_report", production=request.production.slug)


@production_view(Cap.ACCOUNTING_VIEW)
def chart(request):
    return _chart_page(request)


def _chart_page(request, problems=None, status=200):
    return render(request, "accounting/chart.html", {
        "nav": "accounting", "accounts": scoped(Account, request).order_by("order", "code"),
        "budgets": scoped(Budget, request).select_related("locked_by", "created_by"),
        "current": queries.current_budget(request.production), "problems": problems or [],
        "can_manage": request.membership.can(Cap.ACCOUNTING_MANAGE),
    }, status=status)  # fmt: skip


def _row_json(row: BudgetRow) -> dict:
    return {"row": row.row, "account": row.account, "sub": row.sub, "description": row.description,
            "amount": None if row.amount is None else str(row.amount), "above_line": row.above_line,
            "fringe": row.fringe, "category": row.category}  # fmt: skip


def _row_from_json(data: dict) -> BudgetRow:
    return BudgetRow(
        **(data | {"amount": None if data["amount"] is None else Decimal(data["amount"])})
    )


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def import_upload(request):
    """Read the file and show what would be imported; nothing is written yet."""
    upload = request.FILES.get("file")
    kind = "budget" if request.POST.get("kind") == "budget" else "chart"
    if upload is None:
        return _chart_page(request, ["Choose a CSV or Excel file."], 400)
    if problem := size_problem(upload.size, MAX_BYTES):
        return _chart_page(request, [problem], 400)
    try:
        table = read_table(upload.name, upload.read(), max_bytes=MAX_BYTES)
        rows = read_budget_rows(table, need_amounts=kind == "budget")
    except (TableError, BudgetFileError) as exc:
        return _chart_page(request, exc.problems, 400)
    request.session[SESSION_KEY] = {
        "production": request.production.pk,
        "kind": kind,
        "source": upload.name[:200],
        "name": text_param(request.POST.get("name"), 120),
        "rows": [_row_json(r) for r in rows],
    }
    return redirect("accounting:import_preview", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
def import_preview(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("production") != request.production.pk:
        messages.info(request, "Nothing waiting to be imported: upload a file first.")
        return redirect("accounting:chart", production=request.production.slug)
    rows = [_row_from_json(r) for r in pending["rows"]]
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            del request.session[SESSION_KEY]
            messages.info(request, "Import cancelled; nothing was changed.")
            return redirect("accounting:chart", production=request.production.slug)
        try:
            if pending["kind"] == "budget":
                budget = services.budget_import(actor=request.user, production=request.production,
                                                rows=rows, name=pending["name"], source_name=pending["source"])  # fmt: skip
                messages.success(
                    request, f"Budget version {budget.version} imported: {len(rows)} accounts."
                )
            else:
                added = services.chart_import(
                    actor=request.user, production=request.production, rows=rows
                )
                messages.success(
                    request,
                    f"Chart of accounts imported: {added} new, {len(rows) - added} updated.",
                )
        except services.AccountingError as exc:
            return render(request, "accounting/import_preview.html", {
                "nav": "accounting", "pending": pending, "rows": rows, "problems": exc.problems,
                "total": sum((r.amount or 0 for r in rows), Decimal(0)),
            }, status=400)  # fmt: skip
        del request.session[SESSION_KEY]
        return redirect("accounting:chart", production=request.production.slug)
    return render(request, "accounting/import_preview.html", {
        "nav": "accounting", "pending": pending, "rows": rows, "problems": [],
        "total": sum((r.amount or 0 for r in rows), Decimal(0)),
    })  # fmt: skip


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def budget_lock(request, budget_pk: int):
    budget = get_scoped_or_404(Budget, request, pk=budget_pk)
    try:
        services.budget_lock(actor=request.user, budget=budget)
    except services.AccountingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Budget version {budget.version} locked: the cost report measures against it."
        )
    return redirect("accounting:chart", production=request.production.slug)
