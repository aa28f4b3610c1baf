"""Writes for purchase orders and invoices: the approval chain, creating, submitting,
approving, closing and voiding, and batching approved invoices for payment."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.capabilities import SPENDING_APPROVAL_STEPS
from callboard.core.controls import require_cleared, require_other_person
from callboard.core.events import Event, api_url, event_emit
from callboard.core.models import AuditEvent, Production
from callboard.core.numbering import next_number
from callboard.documents.uploads import UploadError, check_upload

from ..duplicates import invoice_number_key
from ..models import (
    Account,
    AccountingSettings,
    Invoice,
    InvoiceLine,
    LedgerLine,
    POLine,
    PurchaseOrder,
)
from ..queries import (
    accounts_for,
    budget_warnings,
    invoice_warnings,
    po_total,
)
from .common import (
    CENT,
    MAX_AMOUNT,
    AccountingError,
    _approve,
    _controlled,
    _send_for_approval,
    _void,
)


@transaction.atomic
def approval_chain_save(*, actor, production: Production, steps: list[dict]) -> None:
    for step in steps:
        if step["role"] not in SPENDING_APPROVAL_STEPS:
            raise AccountingError(
                f"“{step['role']}” is not an approver: use {', '.join(SPENDING_APPROVAL_STEPS)}."
            )
        if Decimal(step["above"]) < 0:
            raise AccountingError("A threshold cannot be negative.")
    if not steps:
        raise AccountingError("Give at least one approver.")
    AccountingSettings.objects.update_or_create(
        production=production, defaults={"approval_chain": steps}
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=production,
        changes={"approval_chain": steps},
    )


@dataclass(frozen=True)
class LineInput:
    account_code: str
    description: str
    quantity: Decimal
    rate: Decimal
    rental_start: date | None = None
    rental_end: date | None = None


def _check_lines(production: Production, lines: list[LineInput]) -> dict[str, Account]:
    problems = []
    accounts = accounts_for(production, [ln.account_code for ln in lines])
    for n, line in enumerate(lines, start=1):
        if line.account_code not in accounts:
            problems.append(
                f"Line {n}: account “{line.account_code}” is not in the chart of accounts."
            )
        if not line.description.strip():
            problems.append(f"Line {n}: say what it is for.")
        if line.quantity <= 0 or line.rate < 0:
            problems.append(
                f"Line {n}: the quantity must be more than 0 and the rate not negative."
            )
        elif line.quantity * line.rate >= MAX_AMOUNT:
            problems.append(f"Line {n}: quantity × rate comes to more than 999,999,999.99.")
        if line.rental_start and line.rental_end and line.rental_end < line.rental_start:
            problems.append(f"Line {n}: the rental ends before it starts.")
    if not lines:
        problems.append("Give at least one line.")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    return accounts


@transaction.atomic
def po_create(
    *, actor, production: Production, vendor, description: str, lines: list[LineInput]
) -> tuple[PurchaseOrder, list[str]]:
    """A draft PO numbered in the production's sequence; returns it and any budget warnings."""
    if vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    if not description.strip():
        raise AccountingError("Say what the PO is for.")
    accounts = _check_lines(production, lines)
    amounts: dict[str, Decimal] = {}
    for line in lines:
        amounts[line.account_code] = amounts.get(line.account_code, Decimal(0)) + (
            line.quantity * line.rate
        ).quantize(CENT, ROUND_HALF_UP)
    warnings = budget_warnings(production, amounts)
    number = next_number(PurchaseOrder, production)
    po = PurchaseOrder.objects.create(
        production=production,
        number=number,
        vendor=vendor,
        description=description.strip()[:200],
        requested_by=actor,
    )
    POLine.objects.bulk_create(
        POLine(
            po=po,
            account=accounts[ln.account_code],
            description=ln.description.strip()[:200],
            quantity=ln.quantity,
            rate=ln.rate,
            amount=(ln.quantity * ln.rate).quantize(CENT, ROUND_HALF_UP),
            rental_start=ln.rental_start,
            rental_end=ln.rental_end,
        )
        for ln in lines
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=po,
        changes={"lines": len(lines), "warnings": warnings},
    )
    return po, warnings


@transaction.atomic
def po_submit(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _send_for_approval(po, actor=actor, total=po_total(po))
    return po


@transaction.atomic
def po_approve(*, actor, role: str, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _approve(po, actor=actor, role=role, what=f"PO {po.code}")
    if po.status == PurchaseOrder.Status.APPROVED:
        event_emit(
            production=po.production,
            event=Event.PO_APPROVED,
            data={
                "id": po.pk,
                "number": po.code,
                "vendor_id": po.vendor_id,
                "vendor": po.vendor.name,
                "description": po.description,
                "total": str(po_total(po)),
                "approved_at": po.approved_at.isoformat(),
                "url": api_url(po.production, f"accounting/purchase-orders/{po.pk}"),
            },
        )
    return po


@transaction.atomic
def po_close(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    """No more is owed on it: its open balance stops being a commitment."""
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    if po.status != PurchaseOrder.Status.APPROVED:
        raise AccountingError("Only an approved PO can be closed.")
    po.status, po.closed_at = PurchaseOrder.Status.CLOSED, timezone.now()
    po.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        production=po.production,
        action=AuditEvent.Action.UPDATE,
        obj=po,
        changes={"closed": True},
    )
    return po


@dataclass(frozen=True)
class InvoiceLineInput:
    account_code: str
    description: str
    amount: Decimal
    po_line_id: int | None = None


@transaction.atomic
def invoice_create(
    *,
    actor,
    production: Production,
    vendor,
    number: str,
    on: date,
    lines: list[InvoiceLineInput],
    po: PurchaseOrder | None = None,
    file: tuple[str, bytes] | None = None,
) -> tuple[Invoice, list[str]]:
    """Enter an invoice (with its PDF or photo) coded to accounts, matched to PO lines.
    Returns it with any over-billing flags."""
    number = number.strip()[:60]
    if vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    if not number:
        raise AccountingError("Give the vendor's invoice number.")
    key = invoice_number_key(number)
    earlier = Invoice.objects.filter(
        production=production, vendor=vendor, number_key=key, voided_at__isnull=True
    ).first()
    if earlier is not None:
        same = "" if earlier.number == number else f" as {earlier.number}"
        raise AccountingError(
            f"Invoice {number} from {vendor} is already entered{same} "
            f"(dated {earlier.date:%b %-d, %Y}); nothing was saved."
        )
    if po is not None:
        po = PurchaseOrder.objects.get(pk=po.pk)  # its status as it is now
    if po is not None and (po.production_id != production.pk or po.vendor_id != vendor.pk):
        raise AccountingError("The PO is not this vendor's.")
    if po is not None and po.status not in (
        PurchaseOrder.Status.APPROVED,
        PurchaseOrder.Status.CLOSED,
    ):
        raise AccountingError(f"PO {po.code} is not approved yet.")
    problems = []
    accounts = accounts_for(production, [ln.account_code for ln in lines])
    po_lines = {pl.pk: pl for pl in POLine.objects.filter(po=po)} if po else {}
    if po is not None:
        # Against a PO, each line says which PO line it bills (the only one, when there is
        # one): that is what takes it off the PO's commitment.
        only = next(iter(po_lines)) if len(po_lines) == 1 else None
        lines = [replace(ln, po_line_id=ln.po_line_id or only) for ln in lines]
    for n, line in enumerate(lines, start=1):
        if po is not None and line.po_line_id is None:
            problems.append(f"Line {n}: say which line of PO {po.code} it bills.")
        if line.account_code not in accounts:
            problems.append(
                f"Line {n}: account “{line.account_code}” is not in the chart of accounts."
            )
        if line.amount == 0:
            problems.append(f"Line {n}: the amount is 0.")
        if line.po_line_id is not None and line.po_line_id not in po_lines:
            problems.append(f"Line {n}: that PO line is not on PO {po.code if po else '—'}.")
    if not lines:
        problems.append("Give at least one coded line.")
    elif sum((ln.amount for ln in lines), Decimal(0)) == 0:
        problems.append("The lines add up to $0.00: an invoice is for some amount.")
    stored = None
    if file is not None:
        try:
            stored = check_upload(file[1])
        except UploadError as exc:
            problems.append(f"The attached file: {exc}")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    invoice = Invoice.objects.create(
        production=production,
        vendor=vendor,
        number=number,
        number_key=key,
        date=on,
        po=po,
        entered_by=actor,
    )
    if stored is not None:
        invoice.file.save(
            f"invoice-{invoice.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            account=accounts[ln.account_code],
            description=ln.description[:200],
            amount=ln.amount,
            po_line=po_lines.get(ln.po_line_id),
        )
        for ln in lines
    )
    flags = invoice_warnings(invoice)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=invoice,
        changes={"total": str(sum(ln.amount for ln in lines)), "flags": flags},
    )
    return invoice, flags


@transaction.atomic
def invoice_approve(*, actor, invoice: Invoice) -> Invoice:
    """Approved for payment: its lines become actual cost (and leave the PO's commitment).
    Not by whoever entered it, and not while a warning is open."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.voided_at:
        raise AccountingError(f"Invoice {invoice.number} is void.")
    if invoice.status != Invoice.Status.ENTERED:
        raise AccountingError("This invoice is already approved.")
    _controlled(
        require_other_person,
        actor,
        entered_by_ids=[invoice.entered_by_id],
        what=f"invoice {invoice.number}",
    )
    _controlled(require_cleared, invoice, invoice_warnings(invoice), approver=actor)
    invoice.status, invoice.approved_by, invoice.approved_at = (
        Invoice.Status.APPROVED,
        actor,
        timezone.now(),
    )
    invoice.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    LedgerLine.objects.bulk_create(
        LedgerLine(
            production=invoice.production,
            account_code=line.account.code,
            date=invoice.date,
            amount=line.amount,
            source=LedgerLine.Source.INVOICE,
            source_id=invoice.pk,
            description=f"{invoice.vendor} invoice {invoice.number}: {line.description}"[:300],
        )
        for line in invoice.lines.select_related("account")
    )
    audit_record(
        actor=actor,
        production=invoice.production,
        action=AuditEvent.Action.UPDATE,
        obj=invoice,
        changes={"approved": True},
    )
    event_emit(
        production=invoice.production,
        event=Event.INVOICE_APPROVED,
        data={
            "id": invoice.pk,
            "number": invoice.number,
            "vendor_id": invoice.vendor_id,
            "vendor": invoice.vendor.name,
            "date": invoice.date.isoformat(),
            "po_id": invoice.po_id,
            "total": str(sum((ln.amount for ln in invoice.lines.all()), Decimal("0.00"))),
            "approved_at": invoice.approved_at.isoformat(),
            "url": api_url(invoice.production, f"accounting/invoices/{invoice.pk}"),
        },
    )
    return invoice


@transaction.atomic
def invoice_void(*, actor, invoice: Invoice, reason: str) -> Invoice:
    """Void an invoice (entered twice, sent in error): it stays listed, marked void; what it
    posted is reversed and it no longer bills its PO."""
    invoice = Invoice.objects.select_for_update().select_related("production").get(pk=invoice.pk)
    _void(
        invoice,
        actor=actor,
        reason=reason,
        what=f"Invoice {invoice.number}",
        source=LedgerLine.Source.INVOICE,
    )
    return invoice


@transaction.atomic
def invoices_batch(*, actor, production: Production, invoice_ids: list[int]) -> int:
    """Approved invoices handed to accounting together, under the next batch number."""
    invoices = Invoice.objects.select_for_update().filter(
        production=production,
        pk__in=invoice_ids,
        status=Invoice.Status.APPROVED,
        voided_at__isnull=True,
    )
    if not invoices:
        raise AccountingError("Tick at least one approved invoice.")
    number = next_number(Invoice, production, "batch_number")
    count = invoices.update(
        status=Invoice.Status.BATCHED, batch_number=number, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=production,
        changes={"invoice_batch": number, "invoices": count},
    )
    return number
