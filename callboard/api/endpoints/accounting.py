"""The books, as the accounting pages show them: purchase orders, invoices with their
approval state, check requests and the check log, and vendors' terms for those who handle
payables (ACCOUNTING_MANAGE, as those pages); the ledger and the cost report for those who
read the cost report (ACCOUNTING_VIEW). A vendor's tax ID is read only through the page's
audited reveal, by a token whose role sees tax IDs and that has the "private" scope."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema

from callboard.accounting import queries, services
from callboard.accounting.models import (
    CheckPickup,
    CheckRequest,
    CheckRequestLine,
    Invoice,
    InvoiceLine,
    LedgerLine,
    POLine,
    PurchaseOrder,
    VendorTerms,
)
from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404
from callboard.people.models import Vendor

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS, CalendarDate

router = Router(tags=["Accounting"])

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


class ApprovalOut(Schema):
    step: str
    by: str
    at: datetime


def _approvals(obj) -> list[dict]:
    return [{"step": a["step"], "by": a["by"], "at": a["at"]} for a in obj.approvals]


# --------------------------------------------------------------------------- purchase orders


class POLineOut(Schema):
    id: int
    account_code: str
    description: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    rental_start: date | None
    rental_end: date | None


class PurchaseOrderOut(Schema):
    """``chain`` is the roles that approve it, in order; ``approvals`` who did; ``open_balance``
    what is left to bill on an approved PO (a commitment on the cost report), else null."""

    id: int
    number: int
    code: str
    vendor_id: int
    vendor: str
    description: str
    status: str
    chain: list[str]
    approvals: list[ApprovalOut]
    next_approver: str | None
    approved_at: datetime | None
    closed_at: datetime | None
    lines: list[POLineOut]
    total: Decimal
    open_balance: Decimal | None
    created_at: datetime
    updated_at: datetime


class POFilter(ListParams):
    status: Literal["draft", "pending", "approved", "closed"] | None = None
    vendor_id: int | None = None


PurchaseOrderPage = page_schema(PurchaseOrderOut)


def _po_out(po: PurchaseOrder, balances: dict[int, Decimal]) -> dict:
    lines = list(po.lines.all())
    return {
        "id": po.pk,
        "number": po.number,
        "code": po.code,
        "vendor_id": po.vendor_id,
        "vendor": po.vendor.name,
        "description": po.description,
        "status": po.status,
        "chain": po.chain,
        "approvals": _approvals(po),
        "next_approver": po.next_approver if po.status == PurchaseOrder.Status.PENDING else None,
        "approved_at": po.approved_at,
        "closed_at": po.closed_at,
        "lines": [
            {
                "id": ln.pk,
                "account_code": ln.account.code,
                "description": ln.description,
                "quantity": ln.quantity,
                "rate": ln.rate,
                "amount": ln.amount,
                "rental_start": ln.rental_start,
                "rental_end": ln.rental_end,
            }
            for ln in lines
        ],
        "total": sum((ln.amount for ln in lines), ZERO),
        "open_balance": (
            balances.get(po.pk, ZERO) if po.status == PurchaseOrder.Status.APPROVED else None
        ),
        "created_at": po.created_at,
        "updated_at": po.updated_at,
    }


def _purchase_orders(production):
    return (
        PurchaseOrder.objects.filter(production=production)
        .select_related("vendor")
        .prefetch_related(
            Prefetch("lines", queryset=POLine.objects.select_related("account").order_by("id"))
        )
    )


@router.get("/{production}/accounting/purchase-orders", response={200: PurchaseOrderPage, **ERRORS})
def purchase_orders_list(request, production: str, filters: Query[POFilter]):
    access = need(request, Cap.ACCOUNTING_MANAGE)
    rows = _purchase_orders(access.production)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.vendor_id:
        rows = rows.filter(vendor_id=filters.vendor_id)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    balances = queries.open_balances(access.production) if live else {}
    return {"items": [_po_out(po, balances) for po in live], "next_cursor": next_cursor}


@router.get(
    "/{production}/accounting/purchase-orders/{po_id}",
    response={200: PurchaseOrderOut, **ERRORS},
)
def purchase_order_detail(request, production: str, po_id: int):
    """One PO (the ``po.approved`` webhook's ``url``)."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    po = get_scoped_or_404(_purchase_orders(access.production), request, pk=po_id)
    return _po_out(po, queries.open_balances(access.production))


# --------------------------------------------------------------------------- invoices


class InvoiceLineOut(Schema):
    id: int
    account_code: str
    description: str
    amount: Decimal
    po_line_id: int | None


class InvoiceOut(Schema):
    """Its approval state: ``status`` (entered → approved → batched to accounting), who
    approved it and when, and whether it is void (void invoices stay listed)."""

    id: int
    number: str
    vendor_id: int
    vendor: str
    date: date
    po_id: int | None
    status: str
    approved_by: str | None
    approved_at: datetime | None
    batch_number: int | None
    voided_at: datetime | None
    void_reason: str
    lines: list[InvoiceLineOut]
    total: Decimal
    has_file: bool
    created_at: datetime
    updated_at: datetime


class InvoiceFilter(ListParams):
    status: Literal["entered", "approved", "batched"] | None = None
    vendor_id: int | None = None
    po_id: int | None = None


InvoicePage = page_schema(InvoiceOut)


def _invoice_out(invoice: Invoice) -> dict:
    lines = list(invoice.lines.all())
    return {
        "id": invoice.pk,
        "number": invoice.number,
        "vendor_id": invoice.vendor_id,
        "vendor": invoice.vendor.name,
        "date": invoice.date,
        "po_id": invoice.po_id,
        "status": invoice.status,
        "approved_by": str(invoice.approved_by) if invoice.approved_by else None,
        "approved_at": invoice.approved_at,
        "batch_number": invoice.batch_number,
        "voided_at": invoice.voided_at,
        "void_reason": invoice.void_reason,
        "lines": [
            {
                "id": ln.pk,
                "account_code": ln.account.code,
                "description": ln.description,
                "amount": ln.amount,
                "po_line_id": ln.po_line_id,
            }
            for ln in lines
        ],
        "total": sum((ln.amount for ln in lines), ZERO),
        "has_file": bool(invoice.file),
        "created_at": invoice.created_at,
        "updated_at": invoice.updated_at,
    }


def _invoices(production):
    return (
        Invoice.objects.filter(production=production)
        .select_related("vendor", "approved_by")
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.select_related("account").order_by("id"))
        )
    )


@router.get("/{production}/accounting/invoices", response={200: InvoicePage, **ERRORS})
def invoices_list(request, production: str, filters: Query[InvoiceFilter]):
    access = need(request, Cap.ACCOUNTING_MANAGE)
    rows = _invoices(access.production)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.vendor_id:
        rows = rows.filter(vendor_id=filters.vendor_id)
    if filters.po_id:
        rows = rows.filter(po_id=filters.po_id)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    return {"items": [_invoice_out(i) for i in live], "next_cursor": next_cursor}


@router.get("/{production}/accounting/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS})
def invoice_detail(request, production: str, invoice_id: int):
    """One invoice (the ``invoice.approved`` webhook's ``url``)."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    return _invoice_out(get_scoped_or_404(_invoices(access.production), request, pk=invoice_id))


# --------------------------------------------------------------------------- the ledger


class LedgerLineOut(Schema):
    """A cost posted to an account (the cost report's actuals). A payroll line's description
    names the person and its source is their card: both are null unless the token sees
    rates."""

    id: int
    account_code: str
    date: date
    amount: Decimal
    description: str | None
    source: str
    source_id: int | None
    created_at: datetime


class LedgerFilter(ListParams):
    account_code: str | None = Field(None, max_length=41)
    source: Literal["payroll", "invoice", "check_request", "receipt", "journal"] | None = None


LedgerPage = page_schema(LedgerLineOut)


@router.get("/{production}/accounting/ledger", response={200: LedgerPage, **ERRORS})
def ledger_list(request, production: str, filters: Query[LedgerFilter]):
    """Posted costs, in the order they were posted (lines are never changed or deleted: a
    void posts the opposite lines)."""
    access = need(request, Cap.ACCOUNTING_VIEW)
    rows = LedgerLine.objects.filter(production=access.production)
    if filters.account_code is not None:
        rows = rows.filter(account_code=filters.account_code)
    if filters.source:
        rows = rows.filter(source=filters.source)
    live, _, next_cursor = cursor_page(rows, filters, changed="created_at", deleted=None)
    show_pay = access.can(Cap.PEOPLE_RATES)
    items = []
    for line in live:
        named = show_pay or line.source != LedgerLine.Source.PAYROLL
        items.append(
            {
                "id": line.pk,
                "account_code": line.account_code,
                "date": line.date,
                "amount": line.amount,
                "description": line.description if named else None,
                "source": line.source,
                "source_id": line.source_id if named else None,
                "created_at": line.created_at,
            }
        )
    return {"items": items, "next_cursor": next_cursor}


# --------------------------------------------------------------------------- the cost report


class CostRowOut(Schema):
    """ETC is the estimate entered (``etc_entered``) or else budget − actual − commitments,
    never below zero; EFC = actual + commitments + ETC; variance = budget − EFC (an overage
    is negative)."""

    account: str
    description: str
    category: str
    fringe: bool
    budget: Decimal
    this_period: Decimal
    actual: Decimal
    commitments: Decimal
    etc: Decimal
    etc_entered: bool
    efc: Decimal
    variance: Decimal


class CostTotalsOut(Schema):
    name: str
    accounts: list[str]
    budget: Decimal
    this_period: Decimal
    actual: Decimal
    commitments: Decimal
    etc: Decimal
    efc: Decimal
    variance: Decimal


class BudgetOut(Schema):
    id: int
    version: int
    name: str
    locked_at: datetime | None


class CostReportOut(Schema):
    budget: BudgetOut | None
    period_start: date
    period_end: date
    accounts: list[CostRowOut]
    categories: list[CostTotalsOut]
    fringes: CostTotalsOut
    total: CostTotalsOut


class CostReportParams(Schema):
    period_start: CalendarDate | None = Field(
        None, description="This period's first day (with period_end; else this workweek)."
    )
    period_end: CalendarDate | None = None


_COLUMNS = ("budget", "this_period", "actual", "commitments", "etc", "efc", "variance")


def _totals_out(totals) -> dict:
    return {
        "name": totals.name,
        "accounts": [r.code for r in totals.accounts],
        **_money(totals),
    }


def _money(figures) -> dict:
    """The report's columns in dollars and cents (sums from the database may come back
    with fewer places)."""
    return {name: getattr(figures, name).quantize(CENT) for name in _COLUMNS}


def _period(production, params: CostReportParams) -> tuple[date, date]:
    """The dates asked for, or else this workweek (Sunday to Saturday), as the page."""
    if params.period_start is None or params.period_end is None:
        today = production.today()
        start = today - timedelta(days=(today.weekday() + 1) % 7)
        return start, start + timedelta(days=6)
    start, end = params.period_start, params.period_end
    return (start, end) if start <= end else (end, start)


@router.get("/{production}/accounting/cost-report", response={200: CostReportOut, **ERRORS})
def cost_report(request, production: str, params: Query[CostReportParams]):
    """The cost report as its page works it out, against the current budget (the newest
    locked version, else the newest)."""
    access = need(request, Cap.ACCOUNTING_VIEW)
    period = _period(access.production, params)
    budget = queries.current_budget(access.production)
    report = queries.cost_report(access.production, period=period, budget=budget)
    return {
        "budget": budget,
        "period_start": period[0],
        "period_end": period[1],
        "accounts": [
            {
                "account": row.code,
                "description": row.description,
                "category": row.category,
                "fringe": row.fringe,
                "etc_entered": row.etc_entered,
                **_money(row),
            }
            for row in report.accounts
        ],
        "categories": [_totals_out(c) for c in report.categories],
        "fringes": _totals_out(report.fringes),
        "total": _totals_out(report.total),
    }


# --------------------------------------------------------------------------- payments


class CheckRequestLineOut(Schema):
    id: int
    account_code: str
    description: str
    amount: Decimal


class CheckRequestOut(Schema):
    id: int
    number: int
    payee: str
    vendor_id: int | None
    reason: str
    needed_by: date | None
    status: str
    check_number: str
    chain: list[str]
    approvals: list[ApprovalOut]
    next_approver: str | None
    approved_at: datetime | None
    voided_at: datetime | None
    void_reason: str
    lines: list[CheckRequestLineOut]
    total: Decimal
    created_at: datetime
    updated_at: datetime


class CheckRequestFilter(ListParams):
    status: Literal["draft", "pending", "approved", "paid"] | None = None


CheckRequestPage = page_schema(CheckRequestOut)


@router.get("/{production}/accounting/check-requests", response={200: CheckRequestPage, **ERRORS})
def check_requests_list(request, production: str, filters: Query[CheckRequestFilter]):
    """Payments without a PO, from draft to the check written (void ones stay listed)."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    rows = CheckRequest.objects.filter(production=access.production).prefetch_related(
        Prefetch(
            "lines", queryset=CheckRequestLine.objects.select_related("account").order_by("id")
        )
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    items = []
    for cr in live:
        lines = list(cr.lines.all())
        items.append(
            {
                **{
                    name: getattr(cr, name)
                    for name in (
                        "number",
                        "payee",
                        "vendor_id",
                        "reason",
                        "needed_by",
                        "status",
                        "check_number",
                        "chain",
                        "approved_at",
                        "voided_at",
                        "void_reason",
                        "created_at",
                        "updated_at",
                    )
                },
                "id": cr.pk,
                "approvals": _approvals(cr),
                "next_approver": (
                    cr.next_approver if cr.status == CheckRequest.Status.PENDING else None
                ),
                "lines": [
                    {
                        "id": ln.pk,
                        "account_code": ln.account.code,
                        "description": ln.description,
                        "amount": ln.amount,
                    }
                    for ln in lines
                ],
                "total": sum((ln.amount for ln in lines), ZERO),
            }
        )
    return {"items": items, "next_cursor": next_cursor}


class CheckPickupOut(Schema):
    id: int
    check_number: str
    payee: str
    amount: Decimal
    picked_up_by: str
    picked_up_at: datetime
    handed_by: str | None
    check_request_id: int | None
    created_at: datetime


CheckPickupPage = page_schema(CheckPickupOut)


@router.get("/{production}/accounting/check-log", response={200: CheckPickupPage, **ERRORS})
def check_log(request, production: str, params: Query[ListParams]):
    """The check distribution log: who picked up which check, when, handed over by whom (in
    the order the office recorded them)."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    rows = CheckPickup.objects.filter(production=access.production).select_related("handed_by")
    live, _, next_cursor = cursor_page(rows, params, changed="created_at", deleted=None)
    return {
        "items": [
            {
                "id": p.pk,
                "check_number": p.check_number,
                "payee": p.payee,
                "amount": p.amount,
                "picked_up_by": p.picked_up_by,
                "picked_up_at": p.picked_up_at,
                "handed_by": str(p.handed_by) if p.handed_by else None,
                "check_request_id": p.check_request_id,
                "created_at": p.created_at,
            }
            for p in live
        ],
        "next_cursor": next_cursor,
    }


# --------------------------------------------------------------------------- vendors' terms


class VendorTermsOut(Schema):
    """``tax_id_masked`` (the last four digits) is null unless the token sees tax IDs; the
    whole number is only at .../tax-id, and each read of it is in the audit log."""

    id: int
    vendor_id: int
    vendor: str
    payment_terms: str
    w9_received: date | None
    is_1099: bool
    tax_id_on_file: bool
    tax_id_masked: str | None
    coi_expires: date | None
    insurance: Literal["missing", "lapsed", "soon", "ok"]
    insurance_note: str
    updated_at: datetime


VendorTermsPage = page_schema(VendorTermsOut)


@router.get("/{production}/accounting/vendor-terms", response={200: VendorTermsPage, **ERRORS})
def vendor_terms_list(request, production: str, params: Query[ListParams]):
    """The accounting side of the vendors whose terms are entered (a vendor taken off the
    list drops out here; /vendors reports it as a tombstone)."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    rows = VendorTerms.objects.filter(
        vendor__production=access.production, vendor__deleted_at__isnull=True
    ).select_related("vendor")
    live, _, next_cursor = cursor_page(rows, params, deleted=None)
    private = access.can(Cap.ACCOUNTING_PRIVATE)
    today = access.production.today()
    items = []
    for terms in live:
        standing, words = queries.coi_standing(terms, today)
        items.append(
            {
                "id": terms.pk,
                "vendor_id": terms.vendor_id,
                "vendor": terms.vendor.name,
                "payment_terms": terms.payment_terms,
                "w9_received": terms.w9_received,
                "is_1099": terms.is_1099,
                "tax_id_on_file": bool(terms.tax_id_sealed),
                "tax_id_masked": (terms.tax_id_masked or None) if private else None,
                "coi_expires": terms.coi_expires,
                "insurance": standing,
                "insurance_note": words,
                "updated_at": terms.updated_at,
            }
        )
    return {"items": items, "next_cursor": next_cursor}


class TaxIdOut(Schema):
    vendor_id: int
    tax_id: str


@router.get(
    "/{production}/accounting/vendors/{vendor_id}/tax-id", response={200: TaxIdOut, **ERRORS}
)
def vendor_tax_id(request, production: str, vendor_id: int):
    """A vendor's whole tax ID (EIN or SSN), as the vendor page reveals it: every read is in
    the audit log. Needs a role that sees tax IDs and the "private" scope."""
    access = need(request, Cap.ACCOUNTING_MANAGE)
    need(request, Cap.ACCOUNTING_PRIVATE)
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_id)
    terms = queries.terms_for(vendor)
    if not terms.tax_id_sealed:
        raise Http404("No tax ID on file for this vendor.")
    return {"vendor_id": vendor.pk, "tax_id": services.tax_id_read(actor=access.user, terms=terms)}
