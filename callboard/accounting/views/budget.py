"""The cost report, the chart of accounts and budget import, estimates, the fringe table,
the approval chain and locking a budget."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.params import text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.tabular import TableError, read_table, size_problem

from .. import exports, forms, queries, services
from ..budgetfile import BudgetFileError, BudgetRow, budget_changes, parse_amount, read_budget_rows
from ..costreport import dollars
from ..models import (
    Account,
    Budget,
    FringeLine,
)
from .common import (
    MAX_BYTES,
)

SESSION_KEY = "accounting_import"


def _period(request) -> tuple[date, date]:
    """This period: the dates asked for, or else this workweek (Sunday to Saturday)."""
    try:
        start = date.fromisoformat(request.GET.get("from", "")[:10])
        end = date.fromisoformat(request.GET.get("to", "")[:10])
    except ValueError:
        today = request.production.today()
        start = today - timedelta(days=(today.weekday() + 1) % 7)
        return start, start + timedelta(days=6)
    return (start, end) if start <= end else (end, start)


@production_view(Cap.ACCOUNTING_VIEW)
def cost_report(request) -> HttpResponse:
    period = _period(request)
    budget = queries.current_budget(request.production)
    report = queries.cost_report(request.production, period=period, budget=budget)
    biggest = report.biggest_variances(8)
    fringes = report.fringes
    codes = {r.code for r in fringes.accounts}
    if any({r.code for r in c.accounts} == codes for c in report.categories):
        fringes = None  # a category of their own already totals them
    scale = max((abs(r.variance) for r in biggest), default=Decimal(1)) or Decimal(1)
    return render(
        request,
        "accounting/cost_report.html",
        {
            "nav": "accounting",
            "report": report,
            "budget": budget,
            "period": period,
            "fringes": fringes,
            "bars": [(r, int(abs(r.variance) * 100 / scale)) for r in biggest],
            "query": request.GET.urlencode(),
            "can_manage": request.membership.can(Cap.ACCOUNTING_MANAGE),
        },
    )


@production_view(Cap.ACCOUNTING_VIEW)
def cost_report_export(request, fmt: str) -> HttpResponse:
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
        content = exports.cost_report_pdf(
            request.production, report, _period(request), queries.current_budget(request.production)
        )
        kind = "application/pdf"
    else:
        raise Http404("No such format.")
    response = HttpResponse(content, content_type=kind)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def estimate_save(request) -> HttpResponse:
    typed = forms.read(forms.EstimateForm, request.POST)
    account = get_scoped_or_404(Account, request, code=typed["account"])
    text = typed["amount"].strip()
    try:
        amount = parse_amount(text) if text else None
        services.estimate_save(
            actor=request.user,
            account=account,
            amount=amount,
            note=typed["note"],
        )
    except (ValueError, services.AccountingError) as exc:
        messages.error(request, f"{account.code}: {exc}")
    else:
        messages.success(
            request,
            f"{account.code}: estimate to complete "
            f"{'withdrawn' if amount is None else 'set to ' + dollars(amount)}.",
        )
    back = typed["back"]
    if back.startswith(f"/p/{request.production.slug}/accounting/"):
        return redirect(back)
    return redirect("accounting:cost_report", production=request.production.slug)


@production_view(Cap.ACCOUNTING_VIEW)
def chart(request) -> HttpResponse:
    return _chart_page(request)


FRINGE_ROWS = 3  # blank rows under the table's lines


def _chart_page(request, problems=None, status=200, fringe_rows=None):
    chain = queries.approval_chain(request.production)
    fringe_lines = list(scoped(FringeLine, request))
    if fringe_rows is None:
        fringe_rows = [
            {
                "name": f.name,
                "account": f.account_code,
                "basis": f.basis,
                "rate": f"{f.rate.normalize():f}",
                "cap": "" if f.cap is None else f"{f.cap.normalize():f}",
                "union": f.union,
            }
            for f in fringe_lines
        ]
        fringe_rows += [{}] * FRINGE_ROWS
    return render(
        request,
        "accounting/chart.html",
        {
            "fringe_lines": fringe_lines,
            "fringe_rows": list(enumerate(fringe_rows)),
            "bases": FringeLine.Basis.choices,
            "chain": "\n".join(f"{step['role']} {step['above']}" for step in chain),
            "nav": "accounting",
            "accounts": scoped(Account, request).order_by("order", "code"),
            "budgets": scoped(Budget, request).select_related("locked_by", "created_by"),
            "current": queries.current_budget(request.production),
            "problems": problems or [],
            "can_manage": request.membership.can(Cap.ACCOUNTING_MANAGE),
            "can_set_approvals": request.membership.can(Cap.ACCOUNTING_APPROVALS),
        },
        status=status,
    )


def _row_json(row: BudgetRow) -> dict:
    return {
        "row": row.row,
        "account": row.account,
        "sub": row.sub,
        "description": row.description,
        "amount": None if row.amount is None else str(row.amount),
        "above_line": row.above_line,
        "fringe": row.fringe,
        "category": row.category,
    }


def _row_from_json(data: dict) -> BudgetRow:
    return BudgetRow(
        **(data | {"amount": None if data["amount"] is None else Decimal(data["amount"])})
    )


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def import_upload(request) -> HttpResponse:
    """Read the file and show what would be imported; nothing is written yet."""
    upload = request.FILES.get("file")
    typed = forms.read(forms.ImportUploadForm, request.POST)
    kind = "budget" if typed["kind"] == "budget" else "chart"
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
        "name": typed["name"],
        "rows": [_row_json(r) for r in rows],
    }
    return redirect("accounting:import_preview", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def import_cancel(request) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("accounting:chart", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
def import_preview(request) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("production") != request.production.pk:
        messages.info(request, "Nothing waiting to be imported: upload a file first.")
        return redirect("accounting:chart", production=request.production.slug)
    rows = [_row_from_json(r) for r in pending["rows"]]
    if request.method == "POST":
        try:
            if pending["kind"] == "budget":
                budget = services.budget_import(
                    actor=request.user,
                    production=request.production,
                    rows=rows,
                    name=pending["name"],
                    source_name=pending["source"],
                )
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
            return _import_preview_page(request, pending, rows, exc.problems, 400)
        del request.session[SESSION_KEY]
        return redirect("accounting:chart", production=request.production.slug)
    return _import_preview_page(request, pending, rows)


def _import_preview_page(request, pending, rows, problems=(), status=200):
    """The file's rows and, for a budget, what it changes from the current version."""
    current = queries.current_budget(request.production) if pending["kind"] == "budget" else None
    changes = []
    if current is not None:
        amounts = {
            line.account.code: (line.account.description, line.amount)
            for line in current.lines.select_related("account")
        }
        changes = budget_changes(amounts, rows)
    return render(
        request,
        "accounting/import_preview.html",
        {
            "nav": "accounting",
            "pending": pending,
            "rows": rows,
            "problems": problems,
            "total": sum((r.amount or 0 for r in rows), Decimal(0)),
            "current": current,
            "changes": changes,
            "change_total": sum((c.difference for c in changes), Decimal(0)),
        },
        status=status,
    )


def _fringe_rows_from_post(post) -> tuple[list[dict], list[services.FringeInput], list[str]]:
    """The table's rows as typed (to show a refused table back), as inputs, and what could
    not be read."""
    typed, lines, problems = [], [], []
    count = min(int(post["rows"]) if (post.get("rows") or "").isdigit() else 0, 50)
    for n in range(count):
        row = {
            k: text_param(post.get(f"f{n}_{k}"), 80)
            for k in ("name", "account", "basis", "rate", "cap", "union")
        }
        typed.append(row)
        if not (row["name"] or row["rate"]):
            continue
        try:
            rate = parse_amount(row["rate"] or "0")
            cap = parse_amount(row["cap"]) if row["cap"] else None
        except ValueError as exc:
            problems.append(f"Line {n + 1}: {exc}.")
            continue
        lines.append(
            services.FringeInput(row["name"], row["account"], row["basis"], rate, cap, row["union"])
        )
    return typed, lines, problems


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def fringes_save(request) -> HttpResponse:
    typed, lines, problems = _fringe_rows_from_post(request.POST)
    try:
        if problems:
            raise services.AccountingError("Nothing was saved.", problems)
        count = services.fringe_table_save(
            actor=request.user, production=request.production, lines=lines
        )
    except services.AccountingError as exc:
        return _chart_page(request, exc.problems, 400, fringe_rows=typed)
    messages.success(
        request,
        f"Fringe table saved ({count} line{'s' if count != 1 else ''}): "
        "the next payroll batch uses it.",
    )
    return redirect("accounting:chart", production=request.production.slug)


@production_view(Cap.ACCOUNTING_APPROVALS)
@require_POST
def approvals_save(request) -> HttpResponse:
    """Lines 'role above': each step approves POs and check requests over that amount."""
    try:
        typed = forms.read(forms.ApprovalChainForm, request.POST)
        steps = forms.approval_chain(typed["chain"] or "")
        services.approval_chain_save(actor=request.user, production=request.production, steps=steps)
    except services.AccountingError as exc:
        return _chart_page(request, exc.problems, 400)
    messages.success(request, "Approvals saved: new POs and check requests follow them.")
    return redirect("accounting:chart", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def budget_lock(request, budget_pk: int) -> HttpResponse:
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
