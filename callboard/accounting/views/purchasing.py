"""Purchase orders and invoices."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.storage import stored_extension, stored_file_response

from .. import exports, forms, queries, services
from ..models import (
    Account,
    Invoice,
    POLine,
    PurchaseOrder,
)
from .common import (
    MAX_BYTES,
    _override,
    _posted_vendor,
    _stale_post,
    _step,
    _vendors,
    _warnings_shown,
)


@production_view(Cap.ACCOUNTING_MANAGE)
def purchase_orders(request) -> HttpResponse:
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
                description=forms.read(forms.PurchaseOrderForm, request.POST)["description"],
                lines=forms.po_lines(request.POST),
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
            "rows": forms.typed_lines(request.POST),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


def _purchase_order(request, po_pk: int) -> PurchaseOrder:
    return get_scoped_or_404(
        PurchaseOrder.objects.select_related("vendor", "requested_by"), request, pk=po_pk
    )


def _purchase_order_act(request, po_pk: int, act) -> HttpResponse:
    return _step(request, _purchase_order(request, po_pk), act, "accounting:po", po_pk=po_pk)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def purchase_order_submit(request, po_pk: int) -> HttpResponse:
    def act(po):
        services.po_submit(actor=request.user, po=po)
        return "Sent for approval."

    return _purchase_order_act(request, po_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def purchase_order_approve(request, po_pk: int) -> HttpResponse:
    def act(po):
        po = services.po_approve(actor=request.user, role=request.membership.role, po=po)
        if po.status == "approved":
            return "Approved."
        return "Approved; the next approver is told on their list."

    return _purchase_order_act(request, po_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def purchase_order_close(request, po_pk: int) -> HttpResponse:
    def act(po):
        services.po_close(actor=request.user, po=po)
        return "Closed: its open balance is no longer a commitment."

    return _purchase_order_act(request, po_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
def purchase_order(request, po_pk: int) -> HttpResponse:
    """A PO, its approvals and invoices; each step posts to its own URL above."""
    po = _purchase_order(request, po_pk)
    if stale := _stale_post(request):
        return stale
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
def purchase_order_pdf(request, po_pk: int) -> HttpResponse:
    po = get_scoped_or_404(PurchaseOrder.objects.select_related("vendor"), request, pk=po_pk)
    response = HttpResponse(
        exports.purchase_order_pdf(request.production, po), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="PO-{po.code}.pdf"'
    return response


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def invoices_batch(request) -> HttpResponse:
    typed = forms.read_invoice_batch(request.POST)
    try:
        number = services.invoices_batch(
            actor=request.user, production=request.production, invoice_ids=typed
        )
    except services.AccountingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Batch {number} sent to accounting.")
    return redirect("accounting:invoices", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
def invoices(request) -> HttpResponse:
    problems, status = [], 200
    if request.method == "POST":
        vendor = _posted_vendor(request)
        upload = request.FILES.get("file")
        try:
            typed = forms.read(forms.InvoiceForm, request.POST)
            po = scoped(PurchaseOrder, request).filter(pk=typed["po"]).first()
            if vendor is None:
                raise services.AccountingError("Choose the vendor.")
            on = typed["date"]
            if on is None:
                raise services.AccountingError("Give the invoice's date.")
            if upload is not None and upload.size > MAX_BYTES:
                raise services.AccountingError(f"The file is over {MAX_BYTES // 1024 // 1024} MB.")
            invoice, flags = services.invoice_create(
                actor=request.user,
                production=request.production,
                vendor=vendor,
                number=typed["number"],
                on=on,
                po=po,
                lines=forms.invoice_lines(request.POST),
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
            "rows": forms.typed_lines(request.POST),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


def _invoice(request, invoice_pk: int) -> Invoice:
    return get_scoped_or_404(
        Invoice.objects.select_related("vendor", "po", "entered_by", "voided_by"),
        request,
        pk=invoice_pk,
    )


def _invoice_act(request, invoice_pk: int, act) -> HttpResponse:
    found = _invoice(request, invoice_pk)
    return _step(request, found, act, "accounting:invoice", invoice_pk=invoice_pk)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def invoice_approve(request, invoice_pk: int) -> HttpResponse:
    def act(found):
        services.invoice_approve(actor=request.user, invoice=found)
        return "Approved: it is now actual cost on its accounts."

    return _invoice_act(request, invoice_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def invoice_override(request, invoice_pk: int) -> HttpResponse:
    def act(found):
        _override(request, found, queries.invoice_warnings(found))
        return "Warning overridden; the reason is shown to the approver."

    return _invoice_act(request, invoice_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def invoice_void(request, invoice_pk: int) -> HttpResponse:
    def act(found):
        typed = forms.read(forms.VoidForm, request.POST)
        services.invoice_void(actor=request.user, invoice=found, reason=typed["reason"])
        return f"Invoice {found.number} is void; what it posted is reversed."

    return _invoice_act(request, invoice_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
def invoice(request, invoice_pk: int) -> HttpResponse:
    """An invoice, its lines and warnings; each step posts to its own URL above."""
    found = _invoice(request, invoice_pk)
    if stale := _stale_post(request):
        return stale
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
def invoice_file(request, invoice_pk: int) -> HttpResponse:
    found = get_scoped_or_404(Invoice, request, pk=invoice_pk)
    if not found.file:
        raise Http404("No file attached.")
    number = slugify(found.number) or found.pk
    return stored_file_response(
        found.file, filename=f"invoice-{number}.{stored_extension(found.file)}"
    )
