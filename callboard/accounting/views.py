from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.db.models import Q, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.controls import (
    ControlError,
    Warning,
    open_warnings,
    overrides_for,
    warnings_with_overrides,
)
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.params import id_param, text_param
from callboard.core.services import warning_override
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.tabular import TableError, read_table, size_problem
from callboard.people.models import Person, Vendor

from . import exports, pettycash, queries, services
from .budgetfile import BudgetFileError, BudgetRow, budget_changes, parse_amount, read_budget_rows
from .costreport import dollars
from .models import (
    Account,
    Budget,
    CardStatementLine,
    CheckPickup,
    CheckRequest,
    Envelope,
    FringeLine,
    Invoice,
    PaymentProblem,
    POLine,
    PurchaseOrder,
    Receipt,
    VendorTerms,
)
from .tasks import envelope_pdf_build

MAX_BYTES = 10 * 1024 * 1024
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
def cost_report(request):
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
def estimate_save(request):
    account = get_scoped_or_404(Account, request, code=text_param(request.POST.get("account"), 41))
    text = (request.POST.get("amount") or "").strip()
    try:
        amount = parse_amount(text) if text else None
        services.estimate_save(
            actor=request.user,
            account=account,
            amount=amount,
            note=text_param(request.POST.get("note"), 200),
        )
    except (ValueError, services.AccountingError) as exc:
        messages.error(request, f"{account.code}: {exc}")
    else:
        messages.success(
            request,
            f"{account.code}: estimate to complete "
            f"{'withdrawn' if amount is None else 'set to ' + dollars(amount)}.",
        )
    back = request.POST.get("back", "")
    if back.startswith(f"/p/{request.production.slug}/accounting/"):
        return redirect(back)
    return redirect("accounting:cost_report", production=request.production.slug)


@production_view(Cap.ACCOUNTING_VIEW)
def chart(request):
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
def fringes_save(request):
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
        f"Fringe table saved ({count} line{'s' if count != 1 else ''}): the next payroll batch uses it.",
    )
    return redirect("accounting:chart", production=request.production.slug)


@production_view(Cap.ACCOUNTING_APPROVALS)
@require_POST
def approvals_save(request):
    """Lines 'role above': each step approves POs and check requests over that amount."""
    steps, problems = [], []
    for n, line in enumerate(request.POST.get("chain", "").splitlines()[:10], start=1):
        parts = line.split()
        if not parts:
            continue
        try:
            above = parse_amount(parts[1]) if len(parts) > 1 else Decimal("0")
        except ValueError as exc:
            problems.append(f"Line {n}: {exc}.")
            continue
        steps.append({"role": parts[0].lower(), "above": str(above)})
    try:
        if problems:
            raise services.AccountingError("Nothing was saved.", problems)
        services.approval_chain_save(actor=request.user, production=request.production, steps=steps)
    except services.AccountingError as exc:
        return _chart_page(request, exc.problems, 400)
    messages.success(request, "Approvals saved: new POs and check requests follow them.")
    return redirect("accounting:chart", production=request.production.slug)


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


# --------------------------------------------------------------------------- POs and invoices

LINE_ROWS = 5


def _typed_lines(post, count: int = LINE_ROWS) -> list[tuple[int, dict]]:
    """Each line row's fields as typed (for showing a refused form back as it was)."""
    return [
        (n, {k[len(f"l{n}_") :]: v for k, v in post.items() if k.startswith(f"l{n}_")})
        for n in range(count)
    ]


def _decimal(text: str, what: str) -> Decimal:
    try:
        return parse_amount(text or "0")
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: {exc}."]) from exc


def _optional_date(text: str, what: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: write a date."]) from exc


def _po_lines_from_post(post) -> list[services.LineInput]:
    lines = []
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        if not code and not description:
            continue
        label = f"Line {n + 1}"
        lines.append(
            services.LineInput(
                code,
                description,
                _decimal(post.get(f"l{n}_quantity") or "1", f"{label}, quantity"),
                _decimal(post.get(f"l{n}_rate"), f"{label}, rate"),
                _optional_date(post.get(f"l{n}_start"), f"{label}, rental start"),
                _optional_date(post.get(f"l{n}_end"), f"{label}, rental end"),
            )
        )
    return lines


def _vendors(request):
    return Vendor.objects.active().filter(production=request.production).order_by("name")


def _posted_vendor(request):
    """The vendor chosen in the form, if it is one of this production's."""
    return _vendors(request).filter(pk=id_param(request.POST.get("vendor"))).first()


@production_view(Cap.ACCOUNTING_MANAGE)
def purchase_orders(request):
    problems, status = [], 200
    if request.method == "POST":
        vendor = _posted_vendor(request)
        try:
            if vendor is None:
                raise services.AccountingError("Choose the vendor.")
            po, warnings = services.po_create(
                actor=request.user,
                production=request.production,
                vendor=vendor,
                description=text_param(request.POST.get("description"), 200),
                lines=_po_lines_from_post(request.POST),
            )
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            messages.success(request, f"PO {po.code} drafted for {vendor}.")
            standing, words = queries.coi_standing(
                queries.terms_for(vendor), request.production.today()
            )
            if standing != "ok":
                messages.warning(request, f"{vendor}: {words}.")
            for warning in warnings:
                messages.warning(request, f"Over budget (warned, not blocked): {warning}")
            return redirect("accounting:po", production=request.production.slug, po_pk=po.pk)
    pos = scoped(PurchaseOrder, request).select_related("vendor").prefetch_related("lines")
    open_by_po = queries.open_balances(request.production)
    return render(
        request,
        "accounting/purchase_orders.html",
        {
            "nav": "accounting",
            "pos": [(po, queries.po_total(po), open_by_po.get(po.pk)) for po in pos],
            "vendors": _vendors(request),
            "accounts": scoped(Account, request).order_by("order", "code"),
            "rows": _typed_lines(request.POST),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def purchase_order(request, po_pk: int):
    po = get_scoped_or_404(
        PurchaseOrder.objects.select_related("vendor", "requested_by"), request, pk=po_pk
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                services.po_submit(actor=request.user, po=po)
                messages.success(request, "Sent for approval.")
            elif action == "approve":
                po = services.po_approve(actor=request.user, role=request.membership.role, po=po)
                messages.success(
                    request,
                    "Approved."
                    if po.status == "approved"
                    else "Approved; the next approver is told on their list.",
                )
            elif action == "close":
                services.po_close(actor=request.user, po=po)
                messages.success(request, "Closed: its open balance is no longer a commitment.")
            else:
                raise services.AccountingError("Unknown action.")
        except services.AccountingError as exc:
            messages.error(request, str(exc))
        return redirect("accounting:po", production=request.production.slug, po_pk=po.pk)
    lines = po.lines.select_related("account").annotate(
        billed=queries.billed_by_approved_invoices()
    )
    return render(
        request,
        "accounting/purchase_order.html",
        {
            "nav": "accounting",
            "po": po,
            "lines": lines,
            "total": queries.po_total(po),
            "my_step": queries.approver_step(request.membership.role, po),
            "invoices": po.invoices.all(),
            "open": queries.open_balances(request.production).get(po.pk),
        },
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def purchase_order_pdf(request, po_pk: int):
    po = get_scoped_or_404(PurchaseOrder.objects.select_related("vendor"), request, pk=po_pk)
    response = HttpResponse(
        exports.purchase_order_pdf(request.production, po), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="PO-{po.code}.pdf"'
    return response


def _invoice_lines_from_post(post) -> list[services.InvoiceLineInput]:
    lines = []
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        amount = (post.get(f"l{n}_amount") or "").strip()
        if not (code or description or amount):
            continue
        lines.append(
            services.InvoiceLineInput(
                code,
                description,
                _decimal(amount, f"Line {n + 1}, amount"),
                id_param(post.get(f"l{n}_po_line")),
            )
        )
    return lines


@production_view(Cap.ACCOUNTING_MANAGE)
def invoices(request):
    problems, status = [], 200
    if request.method == "POST" and request.POST.get("action") == "batch":
        ids = [i for i in map(id_param, request.POST.getlist("invoice")) if i]
        try:
            number = services.invoices_batch(
                actor=request.user, production=request.production, invoice_ids=ids
            )
        except services.AccountingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Batch {number} sent to accounting.")
        return redirect("accounting:invoices", production=request.production.slug)
    if request.method == "POST":
        vendor = _posted_vendor(request)
        po = scoped(PurchaseOrder, request).filter(pk=id_param(request.POST.get("po"))).first()
        upload = request.FILES.get("file")
        try:
            if vendor is None:
                raise services.AccountingError("Choose the vendor.")
            on = _optional_date(request.POST.get("date"), "Invoice date")
            if on is None:
                raise services.AccountingError("Give the invoice's date.")
            if upload is not None and upload.size > MAX_BYTES:
                raise services.AccountingError(f"The file is over {MAX_BYTES // 1024 // 1024} MB.")
            invoice, flags = services.invoice_create(
                actor=request.user,
                production=request.production,
                vendor=vendor,
                number=text_param(request.POST.get("number"), 60),
                on=on,
                po=po,
                lines=_invoice_lines_from_post(request.POST),
                file=(upload.name, upload.read()) if upload else None,
            )
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            messages.success(request, f"Invoice {invoice.number} from {vendor} entered.")
            for flag in flags:
                messages.warning(request, f"To check before approval: {flag}")
            return redirect(
                "accounting:invoice", production=request.production.slug, invoice_pk=invoice.pk
            )
    rows = (
        scoped(Invoice, request).select_related("vendor", "po").annotate(total=Sum("lines__amount"))
    )
    po_lines = POLine.objects.filter(
        po__production=request.production, po__status=PurchaseOrder.Status.APPROVED
    ).select_related("po", "account")
    return render(
        request,
        "accounting/invoices.html",
        {
            "nav": "accounting",
            "invoices": rows,
            "vendors": _vendors(request),
            "accounts": scoped(Account, request).order_by("order", "code"),
            "po_lines": po_lines,
            "pos": scoped(PurchaseOrder, request)
            .filter(status=PurchaseOrder.Status.APPROVED)
            .select_related("vendor"),
            "rows": _typed_lines(request.POST),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


def _warnings_shown(subject, warnings, waiting: bool) -> list[Warning]:
    """While it waits for approval, what blocks it; afterwards, what was let pass and why."""
    if waiting:
        return warnings_with_overrides(subject, warnings())
    return [Warning(o.warning, o) for o in overrides_for(subject)]


def _override(request, subject, warnings: list[str]) -> None:
    """Let one of ``subject``'s open warnings pass with the reason typed (core controls)."""
    warning_override(
        actor=request.user,
        membership=request.membership,
        capability=Cap.ACCOUNTING_OVERRIDE,
        subject=subject,
        warning=request.POST.get("warning", ""),
        reason=request.POST.get("reason", ""),
        allowed=open_warnings(subject, warnings),
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def invoice(request, invoice_pk: int):
    found = get_scoped_or_404(
        Invoice.objects.select_related("vendor", "po", "entered_by", "voided_by"),
        request,
        pk=invoice_pk,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "override":
                _override(request, found, queries.invoice_warnings(found))
                messages.success(
                    request, "Warning overridden; the reason is shown to the approver."
                )
            elif action == "void":
                services.invoice_void(
                    actor=request.user,
                    invoice=found,
                    reason=text_param(request.POST.get("reason"), 300),
                )
                messages.success(
                    request, f"Invoice {found.number} is void; what it posted is reversed."
                )
            else:
                services.invoice_approve(actor=request.user, invoice=found)
                messages.success(request, "Approved: it is now actual cost on its accounts.")
        except (services.AccountingError, ControlError) as exc:
            messages.error(request, str(exc))
        return redirect(
            "accounting:invoice", production=request.production.slug, invoice_pk=found.pk
        )
    lines = found.lines.select_related("account", "po_line__po")
    waiting = found.status == Invoice.Status.ENTERED and not found.voided_at
    return render(
        request,
        "accounting/invoice.html",
        {
            "nav": "accounting",
            "invoice": found,
            "lines": lines,
            "total": sum((ln.amount for ln in lines), Decimal("0")),
            "warnings": _warnings_shown(found, lambda: queries.invoice_warnings(found), waiting),
            "can_override": request.membership.can(Cap.ACCOUNTING_OVERRIDE),
        },
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def invoice_file(request, invoice_pk: int):
    found = get_scoped_or_404(Invoice, request, pk=invoice_pk)
    if not found.file:
        raise Http404("No file attached.")
    return FileResponse(found.file.open("rb"), filename=found.file.name.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------- vendors


@production_view(Cap.ACCOUNTING_MANAGE)
def vendors(request):
    today = request.production.today()
    terms = {
        t.vendor_id: t for t in VendorTerms.objects.filter(vendor__production=request.production)
    }
    rows = [
        (v, terms.get(v.pk), queries.coi_standing(terms.get(v.pk), today))
        for v in _vendors(request)
    ]
    return render(request, "accounting/vendors.html", {"nav": "accounting", "rows": rows})


@production_view(Cap.ACCOUNTING_MANAGE)
def vendor_terms(request, vendor_pk: int):
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    terms = queries.terms_for(vendor)
    revealed, problems = "", []
    if request.method == "POST" and request.POST.get("action") == "reveal":
        if not request.membership.can(Cap.ACCOUNTING_PRIVATE) or not terms.tax_id_sealed:
            raise Http404("Not available.")
        revealed = services.tax_id_read(actor=request.user, terms=terms)
    elif request.method == "POST":
        upload = request.FILES.get("coi_file")
        try:
            if upload is not None and upload.size > MAX_BYTES:
                raise services.AccountingError(
                    f"The certificate is over {MAX_BYTES // 1024 // 1024} MB."
                )
            services.vendor_terms_save(
                actor=request.user,
                vendor=vendor,
                payment_terms=text_param(request.POST.get("payment_terms"), 60),
                w9_received=_optional_date(request.POST.get("w9_received"), "W-9 received"),
                tax_id=text_param(request.POST.get("tax_id"), 20) or None,
                is_1099=request.POST.get("is_1099") == "on",
                coi_expires=_optional_date(request.POST.get("coi_expires"), "Insurance expires"),
                coi_file=(upload.name, upload.read()) if upload else None,
            )
        except services.AccountingError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{vendor}: terms saved.")
            return redirect("accounting:vendors", production=request.production.slug)
    return render(
        request,
        "accounting/vendor_terms.html",
        {
            "nav": "accounting",
            "vendor": vendor,
            "terms": terms,
            "revealed": revealed,
            "problems": problems,
            "can_private": request.membership.can(Cap.ACCOUNTING_PRIVATE),
            "standing": queries.coi_standing(
                terms if terms.pk else None, request.production.today()
            ),
            "posted": request.POST if problems else None,
        },
        status=400 if problems else 200,
    )


# --------------------------------------------------------------------------- payments


@production_view(Cap.ACCOUNTING_MANAGE)
def payments(request):
    """Check requests, the check distribution log and payment problems, on one page."""
    problems, status = [], 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "check_request":
                vendor = _posted_vendor(request)
                made = services.check_request_create(
                    actor=request.user,
                    production=request.production,
                    vendor=vendor,
                    payee=text_param(request.POST.get("payee"), 200),
                    reason=text_param(request.POST.get("reason"), 300),
                    needed_by=_optional_date(request.POST.get("needed_by"), "Needed by"),
                    lines=_invoice_lines_from_post(request.POST),
                )
                messages.success(request, f"Check request {made.number} drafted.")
                return redirect(
                    "accounting:check_request",
                    production=request.production.slug,
                    request_pk=made.pk,
                )
            if action == "pickup":
                linked = (
                    scoped(CheckRequest, request)
                    .filter(pk=id_param(request.POST.get("check_request")))
                    .first()
                )
                services.check_pickup_record(
                    actor=request.user,
                    production=request.production,
                    check_number=text_param(request.POST.get("check_number"), 30),
                    payee=text_param(request.POST.get("payee"), 200)
                    or (linked.payee if linked else ""),
                    amount=_decimal(request.POST.get("amount"), "Amount"),
                    picked_up_by=text_param(request.POST.get("picked_up_by"), 200),
                    request=linked,
                )
                messages.success(request, "Pickup logged.")
            elif action == "problem":
                services.payment_problem_open(
                    actor=request.user,
                    production=request.production,
                    title=text_param(request.POST.get("title"), 200),
                    who=text_param(request.POST.get("who"), 200),
                    details=text_param(request.POST.get("details"), 4000),
                    assigned_to=_member(request),
                )
                messages.success(request, "Payment problem opened.")
            elif action == "resolve":
                ticket = get_scoped_or_404(
                    PaymentProblem, request, pk=id_param(request.POST.get("problem"))
                )
                services.payment_problem_update(
                    actor=request.user,
                    problem=ticket,
                    resolution=text_param(request.POST.get("resolution"), 300),
                )
                messages.success(request, "Resolved.")
            else:
                raise services.AccountingError("Unknown action.")
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            return redirect("accounting:payments", production=request.production.slug)
    requests_ = scoped(CheckRequest, request).annotate(total=Sum("lines__amount"))
    return render(
        request,
        "accounting/payments.html",
        {
            "nav": "accounting",
            "requests": requests_,
            "vendors": _vendors(request),
            "accounts": scoped(Account, request).order_by("order", "code"),
            "rows": _typed_lines(request.POST, 3),
            "pickups": scoped(CheckPickup, request).select_related("handed_by", "check_request")[
                :100
            ],
            "tickets": scoped(PaymentProblem, request).select_related("assigned_to", "opened_by"),
            "members": request.production.memberships.filter(is_active=True).select_related("user"),
            "payable": requests_.filter(
                status=CheckRequest.Status.APPROVED, voided_at__isnull=True
            ),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


def _member(request):
    pk = id_param(request.POST.get("assigned_to"))
    membership = (
        request.production.memberships.filter(user_id=pk, is_active=True).first() if pk else None
    )
    return membership.user if membership else None


@production_view(Cap.ACCOUNTING_MANAGE)
def check_request(request, request_pk: int):
    found = get_scoped_or_404(
        CheckRequest.objects.select_related("vendor", "requested_by", "voided_by"),
        request,
        pk=request_pk,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                services.check_request_submit(actor=request.user, request=found)
                messages.success(request, "Sent for approval.")
            elif action == "override":
                _override(request, found, queries.check_request_warnings(found))
                messages.success(
                    request, "Warning overridden; the reason is shown to the approvers."
                )
            elif action == "void":
                services.check_request_void(
                    actor=request.user,
                    request=found,
                    reason=text_param(request.POST.get("reason"), 300),
                )
                messages.success(
                    request, f"Check request {found.number} is void; what it posted is reversed."
                )
            else:
                found = services.check_request_approve(
                    actor=request.user, role=request.membership.role, request=found
                )
                messages.success(
                    request,
                    "Approved."
                    if found.status == "approved"
                    else "Approved; waiting for the next approver.",
                )
        except (services.AccountingError, ControlError) as exc:
            messages.error(request, str(exc))
        return redirect(
            "accounting:check_request", production=request.production.slug, request_pk=found.pk
        )
    return render(
        request,
        "accounting/check_request.html",
        {
            "nav": "accounting",
            "check": found,
            "lines": found.lines.select_related("account"),
            "total": queries.check_request_total(found),
            "my_step": queries.approver_step(request.membership.role, found),
            "warnings": _warnings_shown(
                found,
                lambda: queries.check_request_warnings(found),
                found.status in ("draft", "pending") and not found.voided_at,
            ),
            "can_override": request.membership.can(Cap.ACCOUNTING_OVERRIDE),
        },
    )


# --------------------------------------------------------------------------- petty cash and receipts


def _receipt_lines_from_post(post) -> list[services.ReceiptLineInput]:
    lines = []
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        amount = (post.get(f"l{n}_amount") or "").strip()
        if not (code or description or amount):
            continue
        lines.append(
            services.ReceiptLineInput(
                code,
                description,
                _decimal(amount, f"Line {n + 1}, amount"),
                text_param(post.get(f"l{n}_set"), 40),
            )
        )
    return lines


def _receipt_from_post(request, *, production, person, envelope, actor=None, who=""):
    upload = request.FILES.get("file")
    if upload is not None and upload.size > 60 * 1024 * 1024:
        raise services.AccountingError("The photo is over 60 MB.")
    on = _optional_date(request.POST.get("date"), "Date")
    if on is None:
        raise services.AccountingError("Nothing was saved.", ["Give the receipt's date."])
    paid = "card" if request.POST.get("paid") == "card" else "cash"
    return services.receipt_add(
        production=production,
        person=person,
        envelope=envelope if paid == "cash" else None,
        on=on,
        vendor_name=text_param(request.POST.get("vendor_name"), 200),
        lines=_receipt_lines_from_post(request.POST),
        paid=paid,
        card_last4=text_param(request.POST.get("card_last4"), 4),
        file=(upload.name, upload.read()) if upload else None,
        actor=actor,
        who=who,
    )


def _envelope_rows(envelope) -> list:
    return [
        (r, [] if r.voided_at else queries.receipt_flags_for(r))
        for r in envelope.receipts.select_related("person", "voided_by").prefetch_related(
            "lines__account"
        )
    ]


@production_view(Cap.ACCOUNTING_MANAGE)
def petty_cash(request):
    problems, status = [], 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "statement":
                rows = _statement_rows(request)
                count, matched = services.card_statement_import(
                    actor=request.user, production=request.production, rows=rows
                )
                messages.success(
                    request, f"{count} statement lines imported; {matched} matched to receipts."
                )
            else:
                person = get_scoped_or_404(Person, request, pk=id_param(request.POST.get("person")))
                envelope = services.float_create(
                    actor=request.user,
                    production=request.production,
                    person=person,
                    initials=text_param(request.POST.get("initials"), 4),
                    amount=_decimal(request.POST.get("amount"), "Float"),
                )
                messages.success(request, f"Float set up; envelope {envelope.code} is open.")
        except (services.AccountingError, TableError, BudgetFileError) as exc:
            problems, status = exc.problems, 400
        else:
            return redirect("accounting:petty_cash", production=request.production.slug)
    envelopes = (
        scoped(Envelope, request)
        .select_related("float__person")
        .annotate(receipts_total=Sum("receipts__total", filter=Q(receipts__voided_at__isnull=True)))
        .order_by("float__initials", "-sequence")
    )
    statement = CardStatementLine.objects.filter(production=request.production).select_related(
        "receipt"
    )
    unmatched_cards = scoped(Receipt, request).filter(
        paid="card", statement_line__isnull=True, voided_at__isnull=True
    )
    return render(
        request,
        "accounting/petty_cash.html",
        {
            "nav": "accounting",
            "envelopes": envelopes,
            "problems": problems,
            "people": Person.objects.active().filter(production=request.production),
            "statement": statement,
            "unmatched_cards": unmatched_cards.select_related("person"),
        },
        status=status,
    )


def _statement_rows(request) -> list[dict]:
    """A card statement CSV/XLSX: card (last 4), date, merchant (or description), amount."""
    upload = request.FILES.get("file")
    if upload is None:
        raise services.AccountingError("Choose the statement file.")
    if problem := size_problem(upload.size, MAX_BYTES):  # before the upload is read into memory
        raise TableError([problem])
    table = read_table(upload.name, upload.read(), max_bytes=MAX_BYTES)
    heads = [h.strip().lower() for h in table.headers]

    def col(*names):
        return next((i for i, h in enumerate(heads) if h in names), None)

    card, on, merchant, amount = (
        col("card", "card number", "last 4", "account"),
        col("date", "transaction date", "posted"),
        col("merchant", "description", "payee"),
        col("amount", "charge"),
    )
    if None in (on, merchant, amount):
        raise services.AccountingError(
            "Nothing was imported.", ["The statement needs date, merchant and amount columns."]
        )
    rows, problems = [], []
    for number, values in zip(table.row_numbers, table.rows, strict=True):
        cells = values + [""] * (len(heads) - len(values))
        try:
            when = _parse_statement_date(cells[on])
            value = parse_amount(cells[amount])
        except ValueError as exc:
            problems.append(f"Row {number}: {exc}.")
            continue
        digits = "".join(ch for ch in (cells[card] if card is not None else "") if ch.isdigit())[
            -4:
        ]
        rows.append(
            {"card_last4": digits, "date": when, "merchant": cells[merchant][:200], "amount": value}
        )
    if problems:
        raise services.AccountingError("Nothing was imported.", problems[:50])
    return rows


def _parse_statement_date(text: str) -> date:
    from datetime import datetime

    for shape in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            found = datetime.strptime(text.strip(), shape).date()
        except ValueError:
            continue
        if 1900 <= found.year <= 2999:
            return found
    raise ValueError(f"“{text[:20]}” is not a date")


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope(request, envelope_pk: int):
    found = get_scoped_or_404(
        Envelope.objects.select_related("float__person"), request, pk=envelope_pk
    )
    problems, status = [], 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "receipt":
                _, flags = _receipt_from_post(
                    request,
                    production=request.production,
                    person=found.float.person,
                    envelope=found,
                    actor=request.user,
                )
                messages.success(request, "Receipt added.")
                for flag in flags:
                    messages.warning(request, flag)
            elif action == "reconcile":
                found = services.envelope_reconcile(
                    actor=request.user,
                    envelope=found,
                    cash_on_hand=_decimal(request.POST.get("cash_on_hand"), "Cash on hand"),
                )
                messages.success(
                    request,
                    f"Envelope {found.code} reconciled: replenish {dollars(found.replenished)}.",
                )
            elif action == "void":
                receipt = get_scoped_or_404(
                    Receipt, request, pk=id_param(request.POST.get("receipt")), envelope=found
                )
                services.receipt_void(
                    actor=request.user,
                    receipt=receipt,
                    reason=text_param(request.POST.get("reason"), 300),
                )
                messages.success(request, f"The receipt from {receipt.vendor_name} is void.")
            elif action == "link":
                services.envelope_link_send(actor=request.user, envelope=found)
                messages.success(request, f"Link sent to {found.float.person.display_name}.")
            elif action == "pdf":
                Envelope.objects.filter(pk=found.pk).update(pdf_status="queued", pdf_progress=0)
                envelope_pdf_build.enqueue(envelope_id=found.pk)
                messages.info(
                    request, "The envelope PDF is being made; this page shows its progress."
                )
            else:
                raise services.AccountingError("Unknown action.")
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            return redirect(
                "accounting:envelope", production=request.production.slug, envelope_pk=found.pk
            )
    found.refresh_from_db()
    lines = [
        (ln.account.code, ln.amount)
        for r in found.receipts.filter(voided_at__isnull=True)
        for ln in r.lines.select_related("account")
    ]
    return render(
        request,
        "accounting/envelope.html",
        {
            "nav": "accounting",
            "envelope": found,
            "rows": _envelope_rows(found),
            "problems": problems,
            "accounts": scoped(Account, request).order_by("order", "code"),
            "line_rows": _typed_lines(request.POST, 3),
            "posted": request.POST if problems else None,
            "totals": pettycash.reconcile(
                float_amount=found.float.amount,
                lines=lines,
                cash_on_hand=found.cash_on_hand or Decimal(0),
            ),
        },
        status=status,
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope_pdf_status(request, envelope_pk: int):
    found = get_scoped_or_404(Envelope, request, pk=envelope_pk)
    return render(request, "accounting/_envelope_pdf.html", {"envelope": found})


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope_pdf_file(request, envelope_pk: int):
    found = get_scoped_or_404(Envelope.objects.select_related("float"), request, pk=envelope_pk)
    if found.pdf_status != "ready" or not found.pdf:
        raise Http404("Not made yet.")
    return FileResponse(
        found.pdf.open("rb"), content_type="application/pdf", filename=f"envelope-{found.code}.pdf"
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def receipt_file(request, receipt_pk: int):
    found = get_scoped_or_404(Receipt, request, pk=receipt_pk)
    if not found.file:
        raise Http404("No photo.")
    return FileResponse(found.file.open("rb"), content_type=found.content_type or None)


@production_view(Cap.ACCOUNTING_MANAGE)
def expense_reports(request):
    """What each person spent, by account: petty cash and card receipts."""
    people: dict[int, dict] = {}
    for row in queries.expense_lines(request.production):
        entry = people.setdefault(
            row["receipt__person_id"],
            {
                "name": f"{row['receipt__person__first_name']} {row['receipt__person__last_name']}".strip(),
                "lines": [],
                "total": Decimal(0),
            },
        )
        entry["lines"].append(row)
        entry["total"] += row["total"]
    return render(
        request, "accounting/expense_reports.html", {"nav": "accounting", "people": people.values()}
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def expense_reports_csv(request):
    response = HttpResponse(
        exports.expense_reports_csv(queries.expense_lines(request.production)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{request.production.slug}-expense-reports.csv"'
    )
    return response


def receipts_by_link(request, token: str):
    """The float holder's phone: add receipts to their open envelope."""
    try:
        grant = link_grant_resolve(token, purpose=services.RECEIPTS_LINK_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "people/link_invalid.html", {"reason": str(exc)}, status=410)
    found = (
        Envelope.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("float__person", "production")
        .first()
    )
    if found is None or found.status != Envelope.Status.OPEN:
        return render(
            request,
            "people/link_invalid.html",
            {"reason": "This envelope has been reconciled; the office will send the next one."},
            status=410,
        )
    person = found.float.person
    problems, flags, status = [], [], 200
    if request.method == "POST":
        try:
            _, flags = _receipt_from_post(
                request,
                production=found.production,
                person=person,
                envelope=found,
                who=f"{person.display_name} (link)",
            )
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            if not flags:
                return redirect("receipts_by_link", token=token)
    accounts = Account.objects.filter(production=found.production).order_by("order", "code")
    return render(
        request,
        "accounting/phone_receipts.html",
        {
            "envelope": found,
            "person": person,
            "rows": _envelope_rows(found),
            "accounts": accounts,
            "problems": problems,
            "flags": flags,
            "line_rows": _typed_lines(request.POST if problems else {}, 3),
            "posted": request.POST if problems else None,
            "total": sum(
                (r.total for r in found.receipts.filter(voided_at__isnull=True)), Decimal(0)
            ),
        },
        status=status,
    )
