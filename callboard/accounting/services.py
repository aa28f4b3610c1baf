"""Writes for the chart of accounts, budget versions, the ledger and estimates to complete.
Each function is one transaction and is audited; imports are all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, Production
from callboard.core.vault import seal, unseal
from callboard.documents.uploads import UploadError, check_upload

from .budgetfile import BudgetRow
from .costreport import shown
from .models import (
    Account,
    AccountingSettings,
    Budget,
    BudgetLine,
    CardStatementLine,
    CheckPickup,
    CheckRequest,
    CheckRequestLine,
    Envelope,
    EstimateToComplete,
    Invoice,
    InvoiceLine,
    LedgerLine,
    PaymentProblem,
    PettyCashFloat,
    POLine,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    VendorTerms,
)
from .pettycash import duplicate_key, receipt_flags, reconcile


class AccountingError(ValueError):
    """A step that cannot be taken; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def _upsert_accounts(production: Production, rows: list[BudgetRow]) -> dict[str, Account]:
    existing = {a.code: a for a in Account.objects.filter(production=production)}
    start = max((a.order for a in existing.values()), default=0)
    new, changed = [], []
    for n, row in enumerate(rows, start=1):
        account = existing.get(row.code)
        fields = {"number": row.account, "sub": row.sub, "description": row.description,
                  "category": row.category, "above_line": row.above_line, "fringe": row.fringe}  # fmt: skip
        if account is None:
            account = Account(production=production, code=row.code, order=start + n, **fields)
            new.append(account)
            existing[row.code] = account
        elif any(getattr(account, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(account, k, v)
            changed.append(account)
    Account.objects.bulk_create(new)
    Account.objects.bulk_update(changed, ["number", "sub", "description", "category",
                                          "above_line", "fringe"])  # fmt: skip
    return existing


@transaction.atomic
def chart_import(*, actor, production: Production, rows: list[BudgetRow]) -> int:
    """Add or update the chart's accounts from a file (accounts not in it are kept)."""
    before = Account.objects.filter(production=production).count()
    accounts = _upsert_accounts(production, rows)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.IMPORT,
                 obj=production, changes={"chart_of_accounts": len(rows)})  # fmt: skip
    return len(accounts) - before


@transaction.atomic
def budget_import(*, actor, production: Production, rows: list[BudgetRow], name: str,
                  source_name: str = "") -> Budget:  # fmt: skip
    """A new budget version from a file. A production with no chart yet takes the file's
    accounts as its chart; otherwise every account must already be in the chart."""
    chart = set(Account.objects.filter(production=production).values_list("code", flat=True))
    if chart:
        missing = [r for r in rows if r.code not in chart]
        if missing:
            raise AccountingError(
                "Some accounts are not in the chart.",
                [f"Row {r.row}: account {r.code} ({r.description}) is not in the chart of accounts; "
                 f"add it to the chart first, or correct the number." for r in missing[:50]],
            )  # fmt: skip
    accounts = _upsert_accounts(production, rows) if not chart else {
        a.code: a for a in Account.objects.filter(production=production)}  # fmt: skip
    version = (
        Budget.objects.filter(production=production).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    budget = Budget.objects.create(production=production, version=version,
                                   name=name.strip()[:120] or f"Budget v{version}",
                                   source_name=source_name[:200], created_by=actor)  # fmt: skip
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, account=accounts[r.code], amount=r.amount or Decimal("0"))
        for r in rows
    )
    audit_record(actor=actor, production=production, action=AuditEvent.Action.IMPORT, obj=budget,
                 changes={"lines": len(rows), "total": str(sum((r.amount or 0 for r in rows), Decimal(0)))})  # fmt: skip
    return budget


@transaction.atomic
def budget_lock(*, actor, budget: Budget) -> Budget:
    """The budget the show is measured against from now on (locked budgets never change)."""
    if budget.locked_at:
        raise AccountingError(f"Version {budget.version} is already locked.")
    budget.locked_at, budget.locked_by = timezone.now(), actor
    budget.save(update_fields=["locked_at", "locked_by"])
    audit_record(actor=actor, production=budget.production, action=AuditEvent.Action.UPDATE,
                 obj=budget, changes={"locked": True})  # fmt: skip
    return budget


@transaction.atomic
def estimate_save(*, actor, account: Account, amount: Decimal | None, note: str = "") -> None:
    """Enter (or, with None, withdraw) the estimate to complete for one account."""
    current = EstimateToComplete.objects.filter(account=account).first()
    before = str(current.amount) if current else None
    if amount is None:
        if current:
            current.delete()
    else:
        if amount < 0:
            raise AccountingError("An estimate to complete cannot be negative.")
        EstimateToComplete.objects.update_or_create(account=account,
                                                    defaults={"amount": amount, "note": note[:200]})  # fmt: skip
    audit_record(actor=actor, production=account.production, action=AuditEvent.Action.UPDATE,
                 obj=account, changes={"etc": [before, None if amount is None else str(amount)]})  # fmt: skip


def ledger_post_payroll(*, batch) -> int:
    """A payroll batch's gross, card by card, on each card's labour account (kit rental
    on its own line: it is not wages). Called inside the batch's own transaction."""
    lines = []
    for card in batch.cards.select_related("person"):
        week_end = card.week_start + timedelta(days=6)
        what = (
            f"Payroll batch {batch.number} — {card.person.full_name}, week ending {week_end:%b %-d}"
        )
        if card.wages + card.penalties:
            lines.append(LedgerLine(production=batch.production, account_code=card.account,
                                    date=week_end, amount=card.wages + card.penalties,
                                    description=what[:300], source=LedgerLine.Source.PAYROLL,
                                    source_id=card.pk))  # fmt: skip
        if card.kit_total:
            lines.append(LedgerLine(production=batch.production, account_code=card.account,
                                    date=week_end, amount=card.kit_total,
                                    description=f"{what} (kit rental)"[:300],
                                    source=LedgerLine.Source.PAYROLL, source_id=card.pk))  # fmt: skip
        lines += _payroll_reversals(card, batch, week_end)
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


def _payroll_reversals(card, batch, week_end) -> list[LedgerLine]:
    """A corrected card replaces what its earlier versions posted: each earlier version's
    net on each account is reversed (under that version's id, so a later correction nets
    it to zero rather than reversing it twice)."""
    earlier = type(card).objects.filter(person_id=card.person_id, week_start=card.week_start,
                                        version__lt=card.version).values_list("pk", flat=True)  # fmt: skip
    posted = (LedgerLine.objects.filter(source=LedgerLine.Source.PAYROLL, source_id__in=list(earlier))
              .values("source_id", "account_code").annotate(net=Sum("amount")))  # fmt: skip
    return [
        LedgerLine(production=batch.production, account_code=row["account_code"], date=week_end,
                   amount=-row["net"], source=LedgerLine.Source.PAYROLL, source_id=row["source_id"],
                   description=f"Payroll batch {batch.number} — reverses {card.person.full_name}'s card "
                               f"before version {card.version}"[:300])
        for row in posted if row["net"]
    ]  # fmt: skip


# --------------------------------------------------------------------------- purchase orders

DEFAULT_CHAIN = [{"role": "coordinator", "above": "0"}, {"role": "upm", "above": "0"},
                 {"role": "producer", "above": "5000"}]  # fmt: skip
# Which production role approves as each step; a studio admin may take any step.
APPROVER_ROLES = {"coordinator": {"coordinator"}, "upm": {"upm"}, "producer": {"studio_admin"}}
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000")  # what the books hold: under a billion a line


def approval_chain(production: Production) -> list[dict]:
    stored = AccountingSettings.objects.filter(production=production).first()
    return stored.approval_chain if stored and stored.approval_chain else DEFAULT_CHAIN


def chain_for(production: Production, total: Decimal) -> list[str]:
    """The roles that approve a total, in order (a step applies above its threshold)."""
    return [step["role"] for step in approval_chain(production)
            if Decimal(step["above"]) == 0 or total > Decimal(step["above"])]  # fmt: skip


@transaction.atomic
def approval_chain_save(*, actor, production: Production, steps: list[dict]) -> None:
    for step in steps:
        if step["role"] not in APPROVER_ROLES:
            raise AccountingError(
                f"“{step['role']}” is not an approver: use {', '.join(APPROVER_ROLES)}."
            )
        if Decimal(step["above"]) < 0:
            raise AccountingError("A threshold cannot be negative.")
    if not steps:
        raise AccountingError("Give at least one approver.")
    AccountingSettings.objects.update_or_create(
        production=production, defaults={"approval_chain": steps}
    )
    audit_record(actor=actor, production=production, action=AuditEvent.Action.UPDATE,
                 obj=production, changes={"approval_chain": steps})  # fmt: skip


@dataclass(frozen=True)
class LineInput:
    account_code: str
    description: str
    quantity: Decimal
    rate: Decimal
    rental_start: date | None = None
    rental_end: date | None = None


def _accounts_for(production: Production, codes) -> dict[str, Account]:
    return {a.code: a for a in Account.objects.filter(production=production, code__in=set(codes))}


def _check_lines(production: Production, lines: list[LineInput]) -> dict[str, Account]:
    problems = []
    accounts = _accounts_for(production, [ln.account_code for ln in lines])
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


def budget_warnings(production: Production, amounts: dict[str, Decimal]) -> list[str]:
    """For each account, whether new commitments go past what is left of its budget
    (budget − actual − commitments): warned, never blocked."""
    from .queries import cost_report

    rows = {r.code: r for r in cost_report(production).accounts if r.code in amounts}
    warnings = []
    for code, amount in amounts.items():
        row = rows.get(code)
        if row is None:
            continue
        left = row.budget - row.actual - row.commitments
        if amount > left:
            warnings.append(f"{code} {row.description}: {shown(max(left, Decimal(0)))} left in the budget; "
                            f"this commits {shown(amount)} (over by {shown(amount - max(left, Decimal(0)))}).")  # fmt: skip
    return warnings


@transaction.atomic
def po_create(*, actor, production: Production, vendor, description: str,
              lines: list[LineInput]) -> tuple[PurchaseOrder, list[str]]:  # fmt: skip
    """A draft PO numbered in the production's sequence; returns it and any budget warnings."""
    if vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    if not description.strip():
        raise AccountingError("Say what the PO is for.")
    accounts = _check_lines(production, lines)
    amounts: dict[str, Decimal] = {}
    for line in lines:
        amounts[line.account_code] = amounts.get(line.account_code, Decimal(0)) + (
            line.quantity * line.rate).quantize(CENT, ROUND_HALF_UP)  # fmt: skip
    warnings = budget_warnings(production, amounts)
    number = (
        PurchaseOrder.objects.filter(production=production).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    po = PurchaseOrder.objects.create(production=production, number=number, vendor=vendor,
                                      description=description.strip()[:200], requested_by=actor)  # fmt: skip
    POLine.objects.bulk_create(
        POLine(po=po, account=accounts[ln.account_code], description=ln.description.strip()[:200],
               quantity=ln.quantity, rate=ln.rate,
               amount=(ln.quantity * ln.rate).quantize(CENT, ROUND_HALF_UP),
               rental_start=ln.rental_start, rental_end=ln.rental_end)
        for ln in lines
    )  # fmt: skip
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=po,
                 changes={"lines": len(lines), "warnings": warnings})  # fmt: skip
    return po, warnings


def po_total(po: PurchaseOrder) -> Decimal:
    return sum((ln.amount for ln in po.lines.all()), Decimal("0.00"))


def _send_for_approval(obj, *, actor, total: Decimal) -> None:
    """Fix the chain of approvers for the total and wait for the first (PO or check request)."""
    if obj.status != "draft":
        raise AccountingError("Only a draft is sent for approval.")
    obj.chain, obj.approvals, obj.status = chain_for(obj.production, total), [], "pending"
    obj.save(update_fields=["chain", "approvals", "status"])
    audit_record(actor=actor, production=obj.production, action=AuditEvent.Action.UPDATE, obj=obj,
                 changes={"submitted": obj.chain})  # fmt: skip


def approver_step(role: str, obj) -> str | None:
    """The step this member's role may take now on a PO or check request, if any."""
    step = obj.next_approver
    if step is None:
        return None
    return step if role == "studio_admin" or role in APPROVER_ROLES.get(step, set()) else None


def _approve(obj, *, actor, role: str) -> None:
    if obj.status != "pending":
        raise AccountingError("This is not waiting for approval.")
    step = approver_step(role, obj)
    if step is None:
        raise AccountingError(f"This waits for the {obj.next_approver}'s approval.")
    obj.approvals = [
        *obj.approvals,
        {"step": step, "by": str(actor), "at": timezone.now().isoformat()},
    ]
    if len(obj.approvals) == len(obj.chain):
        obj.status, obj.approved_at = "approved", timezone.now()
    obj.save(update_fields=["approvals", "status", "approved_at"])
    audit_record(actor=actor, production=obj.production, action=AuditEvent.Action.UPDATE, obj=obj,
                 changes={"approved_as": step})  # fmt: skip


@transaction.atomic
def po_submit(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _send_for_approval(po, actor=actor, total=po_total(po))
    return po


@transaction.atomic
def po_approve(*, actor, role: str, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _approve(po, actor=actor, role=role)
    return po


@transaction.atomic
def po_close(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    """No more is owed on it: its open balance stops being a commitment."""
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    if po.status != PurchaseOrder.Status.APPROVED:
        raise AccountingError("Only an approved PO can be closed.")
    po.status, po.closed_at = PurchaseOrder.Status.CLOSED, timezone.now()
    po.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, production=po.production, action=AuditEvent.Action.UPDATE, obj=po,
                 changes={"closed": True})  # fmt: skip
    return po


# --------------------------------------------------------------------------- invoices


@dataclass(frozen=True)
class InvoiceLineInput:
    account_code: str
    description: str
    amount: Decimal
    po_line_id: int | None = None


def overbilling(lines: list[tuple[POLine | None, Decimal]], exclude_invoice=None) -> list[str]:
    """Lines that bill a PO line past what it ordered (counting every other invoice)."""
    flags = []
    for n, (po_line, amount) in enumerate(lines, start=1):
        if po_line is None:
            continue
        earlier = InvoiceLine.objects.filter(po_line=po_line)
        if exclude_invoice is not None:
            earlier = earlier.exclude(invoice=exclude_invoice)
        billed = earlier.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if billed + amount > po_line.amount:
            flags.append(f"Line {n} bills {shown(amount)} against PO {po_line.po.code} “{po_line.description}”: "
                         f"{shown(po_line.amount)} ordered, {shown(billed)} already invoiced — over by "
                         f"{shown(billed + amount - po_line.amount)}.")  # fmt: skip
    return flags


@transaction.atomic
def invoice_create(*, actor, production: Production, vendor, number: str, on: date,
                   lines: list[InvoiceLineInput], po: PurchaseOrder | None = None,
                   file: tuple[str, bytes] | None = None) -> tuple[Invoice, list[str]]:  # fmt: skip
    """Enter an invoice (with its PDF or photo) coded to accounts, matched to PO lines.
    Returns it with any over-billing flags."""
    number = number.strip()[:60]
    if vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    if not number:
        raise AccountingError("Give the vendor's invoice number.")
    earlier = Invoice.objects.filter(
        production=production, vendor=vendor, number__iexact=number
    ).first()
    if earlier is not None:
        raise AccountingError(f"Invoice {number} from {vendor} is already entered "
                              f"(dated {earlier.date:%b %-d, %Y}); nothing was saved.")  # fmt: skip
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
    accounts = _accounts_for(production, [ln.account_code for ln in lines])
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
    stored = None
    if file is not None:
        try:
            stored = check_upload(file[1])
        except UploadError as exc:
            problems.append(f"The attached file: {exc}")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    invoice = Invoice.objects.create(production=production, vendor=vendor, number=number, date=on,
                                     po=po, entered_by=actor)  # fmt: skip
    if stored is not None:
        invoice.file.save(
            f"invoice-{invoice.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    made = InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, account=accounts[ln.account_code], description=ln.description[:200],
                    amount=ln.amount, po_line=po_lines.get(ln.po_line_id))
        for ln in lines
    )  # fmt: skip
    flags = overbilling([(m.po_line, m.amount) for m in made], exclude_invoice=invoice)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=invoice,
                 changes={"total": str(sum(ln.amount for ln in lines)), "flags": flags})  # fmt: skip
    return invoice, flags


@transaction.atomic
def invoice_approve(*, actor, invoice: Invoice) -> Invoice:
    """Approved for payment: its lines become actual cost (and leave the PO's commitment)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != Invoice.Status.ENTERED:
        raise AccountingError("This invoice is already approved.")
    invoice.status, invoice.approved_by, invoice.approved_at = (
        Invoice.Status.APPROVED, actor, timezone.now())  # fmt: skip
    invoice.save(update_fields=["status", "approved_by", "approved_at"])
    LedgerLine.objects.bulk_create(
        LedgerLine(production=invoice.production, account_code=line.account.code, date=invoice.date,
                   amount=line.amount, source=LedgerLine.Source.INVOICE, source_id=invoice.pk,
                   description=f"{invoice.vendor} invoice {invoice.number}: {line.description}"[:300])
        for line in invoice.lines.select_related("account")
    )  # fmt: skip
    audit_record(actor=actor, production=invoice.production, action=AuditEvent.Action.UPDATE,
                 obj=invoice, changes={"approved": True})  # fmt: skip
    return invoice


@transaction.atomic
def invoices_batch(*, actor, production: Production, invoice_ids: list[int]) -> int:
    """Approved invoices handed to accounting together, under the next batch number."""
    invoices = Invoice.objects.select_for_update().filter(
        production=production, pk__in=invoice_ids, status=Invoice.Status.APPROVED)  # fmt: skip
    if not invoices:
        raise AccountingError("Tick at least one approved invoice.")
    number = (
        Invoice.objects.filter(production=production).aggregate(n=Max("batch_number"))["n"] or 0
    ) + 1
    count = invoices.update(status=Invoice.Status.BATCHED, batch_number=number)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.UPDATE,
                 obj=production, changes={"invoice_batch": number, "invoices": count})  # fmt: skip
    return number


# --------------------------------------------------------------------------- vendors

COI_WARNING_DAYS = 30
_TAX_ID = re.compile(r"^\d{2}-?\d{7}$|^\d{3}-?\d{2}-?\d{4}$")


def terms_for(vendor) -> VendorTerms:
    return VendorTerms.objects.filter(vendor=vendor).first() or VendorTerms(vendor=vendor)


def coi_standing(terms: VendorTerms | None, today: date) -> tuple[str, str]:
    """('missing' | 'lapsed' | 'soon' | 'ok', words) for the certificate of insurance."""
    if terms is None or terms.coi_expires is None:
        return "missing", "no certificate of insurance on file"
    days = (terms.coi_expires - today).days
    if days < 0:
        return "lapsed", f"insurance certificate lapsed {terms.coi_expires:%b %-d, %Y}"
    if days <= COI_WARNING_DAYS:
        return (
            "soon",
            f"insurance certificate expires in {days} day{'s' if days != 1 else ''} ({terms.coi_expires:%b %-d})",
        )
    return "ok", f"insured until {terms.coi_expires:%b %-d, %Y}"


_SSN_SHAPE = re.compile(r"^\d{3}-\d{2}-\d{4}$")


def _mask_tax_id(typed: str, digits: str) -> str:
    """An SSN typed as one (123-45-6789) is masked as one; anything else as an EIN."""
    return ("•••-••-" if _SSN_SHAPE.match(typed.strip()) else "••-•••") + digits[-4:]


@transaction.atomic
def vendor_terms_save(*, actor, vendor, payment_terms: str, w9_received: date | None,
                      tax_id: str | None, is_1099: bool, coi_expires: date | None,
                      coi_file: tuple[str, bytes] | None = None) -> VendorTerms:  # fmt: skip
    """``tax_id`` None keeps what is sealed (it is never shown back); "" keeps it too."""
    terms = terms_for(vendor)
    if tax_id:
        if not _TAX_ID.match(tax_id.strip()):
            raise AccountingError(
                "A tax ID is an EIN (12-3456789) or, for a sole proprietor, an SSN (123-45-6789)."
            )
        digits = re.sub(r"\D", "", tax_id)
        terms.tax_id_sealed, terms.tax_id_masked = seal(digits), _mask_tax_id(tax_id, digits)
    if is_1099 and not (terms.tax_id_sealed and w9_received):
        raise AccountingError("A 1099 vendor needs its W-9 (received date and tax ID) on file.")
    stored = None
    if coi_file is not None:
        try:
            stored = check_upload(coi_file[1])
        except UploadError as exc:
            raise AccountingError(f"The insurance certificate: {exc}") from exc
    terms.payment_terms, terms.w9_received = payment_terms.strip()[:60], w9_received
    terms.is_1099, terms.coi_expires = is_1099, coi_expires
    terms.save()
    if stored is not None:
        terms.coi_file.save(
            f"coi-{vendor.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    audit_record(actor=actor, production=vendor.production, action=AuditEvent.Action.UPDATE, obj=vendor,
                 changes={"payment_terms": terms.payment_terms, "w9_received": str(w9_received or ""),
                          "tax_id": "changed" if tax_id else "kept", "is_1099": is_1099,
                          "coi_expires": str(coi_expires or "")})  # fmt: skip
    return terms


def tax_id_read(*, actor, terms: VendorTerms) -> str:
    """The full tax ID, for those who may see it; every read is in the audit log."""
    audit_record(actor=actor, production=terms.vendor.production, action=AuditEvent.Action.UPDATE,
                 obj=terms.vendor, changes={"viewed": "tax ID"})  # fmt: skip
    digits = unseal(terms.tax_id_sealed)
    if terms.tax_id_masked.startswith("•••-"):
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return f"{digits[:2]}-{digits[2:]}"


# --------------------------------------------------------------------------- check requests


@transaction.atomic
def check_request_create(*, actor, production: Production, payee: str, reason: str,
                         lines: list[InvoiceLineInput], vendor=None,
                         needed_by: date | None = None) -> CheckRequest:  # fmt: skip
    if vendor is not None and vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    payee = (payee or (str(vendor) if vendor else "")).strip()[:200]
    problems = [] if payee else ["Say who the check is for."]
    if not reason.strip():
        problems.append("Say what the payment is for.")
    accounts = _accounts_for(production, [ln.account_code for ln in lines])
    for n, line in enumerate(lines, start=1):
        if line.account_code not in accounts:
            problems.append(
                f"Line {n}: account “{line.account_code}” is not in the chart of accounts."
            )
        if line.amount <= 0:
            problems.append(f"Line {n}: the amount must be more than 0.")
    if not lines:
        problems.append("Give at least one coded line.")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    number = (
        CheckRequest.objects.filter(production=production).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    request = CheckRequest.objects.create(production=production, number=number, payee=payee,
                                          vendor=vendor, reason=reason.strip()[:300],
                                          needed_by=needed_by, requested_by=actor)  # fmt: skip
    CheckRequestLine.objects.bulk_create(
        CheckRequestLine(request=request, account=accounts[ln.account_code],
                         description=ln.description[:200] or reason[:200], amount=ln.amount)
        for ln in lines
    )  # fmt: skip
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=request,
                 changes={"total": str(sum(ln.amount for ln in lines))})  # fmt: skip
    return request


def check_request_total(request: CheckRequest) -> Decimal:
    return sum((ln.amount for ln in request.lines.all()), Decimal("0.00"))


@transaction.atomic
def check_request_submit(*, actor, request: CheckRequest) -> CheckRequest:
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _send_for_approval(request, actor=actor, total=check_request_total(request))
    return request


@transaction.atomic
def check_request_approve(*, actor, role: str, request: CheckRequest) -> CheckRequest:
    """The last approval makes the payment actual cost on its accounts."""
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _approve(request, actor=actor, role=role)
    if request.status == CheckRequest.Status.APPROVED:
        on = timezone.localdate(timezone=request.production.tzinfo)
        LedgerLine.objects.bulk_create(
            LedgerLine(production=request.production, account_code=line.account.code, date=on,
                       amount=line.amount, source=LedgerLine.Source.CHECK_REQUEST, source_id=request.pk,
                       description=f"Check request {request.number} — {request.payee}: {line.description}"[:300])
            for line in request.lines.select_related("account")
        )  # fmt: skip
    return request


@transaction.atomic
def check_pickup_record(*, actor, production: Production, check_number: str, payee: str,
                        amount: Decimal, picked_up_by: str, request: CheckRequest | None = None) -> CheckPickup:  # fmt: skip
    """Who took which check, when (the request, if given, is marked paid)."""
    if not check_number.strip() or not picked_up_by.strip():
        raise AccountingError("Give the check number and who picked it up.")
    if amount <= 0:
        raise AccountingError("The check's amount must be more than 0.")
    if request is not None:
        request = CheckRequest.objects.select_for_update().get(pk=request.pk)
        if request.status not in (CheckRequest.Status.APPROVED, CheckRequest.Status.PAID):
            raise AccountingError(f"Check request {request.number} is not approved.")
        request.status, request.check_number = CheckRequest.Status.PAID, check_number.strip()[:30]
        request.save(update_fields=["status", "check_number"])
    pickup = CheckPickup.objects.create(
        production=production, check_number=check_number.strip()[:30], payee=payee.strip()[:200],
        amount=amount, picked_up_by=picked_up_by.strip()[:200], picked_up_at=timezone.now(),
        handed_by=actor, check_request=request,
    )  # fmt: skip
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=pickup,
                 changes={"picked_up_by": pickup.picked_up_by})  # fmt: skip
    return pickup


@transaction.atomic
def payment_problem_open(*, actor, production: Production, title: str, who: str = "",
                         details: str = "", assigned_to=None) -> PaymentProblem:  # fmt: skip
    if not title.strip():
        raise AccountingError("Say what is wrong.")
    problem = PaymentProblem.objects.create(production=production, title=title.strip()[:200],
                                            who=who.strip()[:200], details=details.strip()[:4000],
                                            assigned_to=assigned_to, opened_by=actor)  # fmt: skip
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=problem)
    return problem


@transaction.atomic
def payment_problem_update(*, actor, problem: PaymentProblem, assigned_to=None,
                           resolution: str | None = None) -> PaymentProblem:  # fmt: skip
    """Hand it to someone, or resolve it (saying how)."""
    if resolution is not None:
        if not resolution.strip():
            raise AccountingError("Say how it was resolved.")
        problem.resolution, problem.resolved_at = resolution.strip()[:300], timezone.now()
    if assigned_to is not None:
        problem.assigned_to = assigned_to
    problem.save()
    audit_record(actor=actor, production=problem.production, action=AuditEvent.Action.UPDATE,
                 obj=problem, changes={"assigned_to": str(problem.assigned_to or ""),
                                       "resolution": problem.resolution})  # fmt: skip
    return problem


# --------------------------------------------------------------------------- petty cash and receipts

RECEIPTS_LINK_PURPOSE = "receipts"
RECEIPTS_LINK_DAYS = 60


@dataclass(frozen=True)
class ReceiptLineInput:
    account_code: str
    description: str
    amount: Decimal
    set_code: str = ""


@transaction.atomic
def float_create(
    *, actor, production: Production, person, initials: str, amount: Decimal
) -> Envelope:
    """A float for a person, with their first envelope open (JS01)."""
    initials = re.sub(r"[^A-Za-z]", "", initials).upper()[:4]
    if person.production_id != production.pk:
        raise AccountingError("Choose someone on this production.")
    if not 2 <= len(initials) <= 4:
        raise AccountingError(
            "Give the person's initials (2 to 4 letters) for the envelope numbers."
        )
    if amount <= 0:
        raise AccountingError("The float must be more than 0.")
    if PettyCashFloat.objects.filter(production=production, initials=initials).exists():
        raise AccountingError(
            f"Envelopes {initials}01… already belong to another float; use other initials."
        )
    held = PettyCashFloat.objects.create(production=production, person=person, initials=initials,
                                         amount=amount)  # fmt: skip
    envelope = Envelope.objects.create(production=production, float=held, sequence=1)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=held,
                 changes={"amount": str(amount)})  # fmt: skip
    return envelope


@transaction.atomic
def envelope_link_send(*, actor, envelope: Envelope) -> str:
    """E-mail the float holder a link to add receipts to their open envelope from a phone."""
    person = envelope.float.person
    if not person.email:
        raise AccountingError(f"{person.display_name} has no e-mail address on the crew list.")
    if envelope.status != Envelope.Status.OPEN:
        raise AccountingError("This envelope is reconciled; send the next one's link.")
    if envelope.grant is not None:
        link_grant_revoke(grant=envelope.grant)
    grant, token = link_grant_create(production=envelope.production, purpose=RECEIPTS_LINK_PURPOSE,
                                     subject=envelope, created_by=actor,
                                     valid_for=timedelta(days=RECEIPTS_LINK_DAYS))  # fmt: skip
    envelope.grant = grant
    envelope.save(update_fields=["grant"])
    link = settings.SITE_URL + reverse("receipts_by_link", args=[token])
    production, code = envelope.production, envelope.code
    audit_record(actor=actor, production=production, action=AuditEvent.Action.UPDATE,
                 obj=envelope, changes={"link_sent_to": person.email})  # fmt: skip
    transaction.on_commit(lambda: send_mail(
        f"{production.title}: receipts for envelope {code}",
        f"Hello {person.display_name},\n\nAdd each petty-cash receipt to envelope {code} from "
        f"your phone: take a photo, say where and what it was for.\n\n{link}\n",
        None, [person.email],
    ))  # fmt: skip
    return link


@transaction.atomic
def receipt_add(*, production: Production, person, on: date, vendor_name: str,
                lines: list[ReceiptLineInput], envelope: Envelope | None = None,
                paid: str = "cash", card_last4: str = "", file: tuple[str, bytes] | None = None,
                actor=None, who: str = "") -> tuple[Receipt, list[str]]:  # fmt: skip
    """A receipt coded line by line (its total is the lines' sum), with its photo or PDF.
    Returns it with what accounting will be asked about (alcohol, tobacco, prepaid gas, no
    photo, a likely duplicate). Nothing is kept when anything cannot be right."""
    problems = []
    if envelope is not None and envelope.status != Envelope.Status.OPEN:
        problems.append(f"Envelope {envelope.code} is reconciled; receipts go in the next one.")
    if not vendor_name.strip():
        problems.append("Say where it was bought.")
    if paid == Receipt.Paid.CARD and not re.fullmatch(r"\d{4}", card_last4 or ""):
        problems.append("Give the last 4 digits of the card.")
    accounts = _accounts_for(production, [ln.account_code for ln in lines])
    for n, line in enumerate(lines, start=1):
        if line.account_code not in accounts:
            problems.append(f"Line {n}: choose an account from the chart.")
        if line.amount <= 0:
            problems.append(f"Line {n}: the amount must be more than 0.")
        if not line.description.strip():
            problems.append(f"Line {n}: say what it was for.")
    if not lines:
        problems.append("Give at least one line: account, what it was for, amount.")
    stored = None
    if file is not None:
        try:
            stored = check_upload(file[1])
        except UploadError as exc:
            problems.append(f"The photo: {exc}")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    total = sum((ln.amount for ln in lines), Decimal("0.00"))
    receipt = Receipt.objects.create(
        production=production, person=person, envelope=envelope, paid=paid,
        card_last4=card_last4 if paid == Receipt.Paid.CARD else "", vendor_name=vendor_name.strip()[:200],
        date=on, total=total, content_type=stored.content_type if stored else "",
    )  # fmt: skip
    if stored is not None:
        receipt.file.save(
            f"receipt-{receipt.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    ReceiptLine.objects.bulk_create(
        ReceiptLine(receipt=receipt, account=accounts[ln.account_code], description=ln.description.strip()[:200],
                    amount=ln.amount, set_code=ln.set_code.strip()[:40])
        for ln in lines
    )  # fmt: skip
    audit_record(actor=actor, actor_label=who, production=production, action=AuditEvent.Action.CREATE,
                 obj=receipt, changes={"total": str(total), "envelope": envelope.code if envelope else ""})  # fmt: skip
    return receipt, receipt_flags_for(receipt)


def receipt_flags_for(receipt: Receipt) -> list[str]:
    lines = list(receipt.lines.all())
    flags = receipt_flags(vendor=receipt.vendor_name, descriptions=[ln.description for ln in lines],
                          has_file=bool(receipt.file))  # fmt: skip
    key = duplicate_key(receipt.vendor_name, receipt.date, receipt.total)
    for other in Receipt.objects.filter(production=receipt.production, date=receipt.date,
                                        total=receipt.total).exclude(pk=receipt.pk):  # fmt: skip
        if duplicate_key(other.vendor_name, other.date, other.total) == key:
            flags.append(f"Likely duplicate of the receipt entered by {other.person.display_name} "
                         f"({other.vendor_name}, {other.date:%b %-d}, {shown(other.total)})")  # fmt: skip
            break
    return flags


@transaction.atomic
def envelope_reconcile(*, actor, envelope: Envelope, cash_on_hand: Decimal) -> Envelope:
    """Float = cash on hand + receipts, or nothing happens. The receipts become actual cost,
    the float is replenished by their total, and the next envelope opens."""
    envelope = Envelope.objects.select_for_update().select_related("float").get(pk=envelope.pk)
    if envelope.status != Envelope.Status.OPEN:
        raise AccountingError(f"Envelope {envelope.code} is already reconciled.")
    lines = list(
        ReceiptLine.objects.filter(receipt__envelope=envelope).select_related("account", "receipt")
    )
    if not lines:
        raise AccountingError("The envelope has no receipts yet.")
    if cash_on_hand < 0:
        raise AccountingError("Cash on hand cannot be negative.")
    result = reconcile(float_amount=envelope.float.amount,
                       lines=[(ln.account.code, ln.amount) for ln in lines], cash_on_hand=cash_on_hand)  # fmt: skip
    if not result.balanced:
        state = "short" if result.difference > 0 else "over"
        raise AccountingError(
            f"Envelope {envelope.code} does not balance: the float is {shown(result.float_amount)}, "
            f"cash on hand {shown(cash_on_hand)} + receipts {shown(result.receipts)} = "
            f"{shown(cash_on_hand + result.receipts)} ({state} by {shown(abs(result.difference))}). "
            f"Count the cash again or find the missing receipt.")  # fmt: skip
    envelope.status, envelope.cash_on_hand, envelope.replenished = (
        Envelope.Status.RECONCILED, cash_on_hand, result.replenish)  # fmt: skip
    envelope.reconciled_at, envelope.reconciled_by = timezone.now(), actor
    envelope.save()
    if envelope.grant is not None:
        link_grant_revoke(grant=envelope.grant)
    LedgerLine.objects.bulk_create(
        LedgerLine(production=envelope.production, account_code=ln.account.code, date=ln.receipt.date,
                   amount=ln.amount, source=LedgerLine.Source.RECEIPT, source_id=ln.receipt_id,
                   description=f"Petty cash {envelope.code} — {ln.receipt.vendor_name}: {ln.description}"[:300])
        for ln in lines
    )  # fmt: skip
    Envelope.objects.create(production=envelope.production, float=envelope.float,
                            sequence=envelope.sequence + 1)  # fmt: skip
    audit_record(actor=actor, production=envelope.production, action=AuditEvent.Action.UPDATE,
                 obj=envelope, changes={"cash_on_hand": str(cash_on_hand), "replenish": str(result.replenish)})  # fmt: skip
    return envelope


@transaction.atomic
def card_receipts_post(*, actor, receipts: list[Receipt]) -> int:
    """Card receipts matched to the statement become actual cost (once)."""
    posted = set(LedgerLine.objects.filter(source=LedgerLine.Source.RECEIPT,
                                           source_id__in=[r.pk for r in receipts]).values_list("source_id", flat=True))  # fmt: skip
    lines = [
        LedgerLine(production=r.production, account_code=ln.account.code, date=r.date, amount=ln.amount,
                   source=LedgerLine.Source.RECEIPT, source_id=r.pk,
                   description=f"Card ••{r.card_last4} — {r.vendor_name}: {ln.description}"[:300])
        for r in receipts if r.pk not in posted for ln in r.lines.select_related("account")
    ]  # fmt: skip
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


@transaction.atomic
def card_statement_import(*, actor, production: Production, rows: list[dict]) -> tuple[int, int]:
    """Statement lines (card_last4, date, merchant, amount), each matched to the card receipt
    of the same card and amount within two days; matched receipts become actual cost.
    Returns (lines imported, matched)."""
    made = CardStatementLine.objects.bulk_create(
        CardStatementLine(production=production, **row) for row in rows
    )
    taken = set(CardStatementLine.objects.filter(production=production, receipt__isnull=False)
                .values_list("receipt_id", flat=True))  # fmt: skip
    matched = []
    for line in made:
        candidates = Receipt.objects.filter(
            production=production, paid=Receipt.Paid.CARD, card_last4=line.card_last4, total=line.amount,
            date__gte=line.date - timedelta(days=2), date__lte=line.date + timedelta(days=2),
        ).exclude(pk__in=taken).order_by("date")  # fmt: skip
        receipt = candidates.first()
        if receipt is not None:
            line.receipt = receipt
            line.save(update_fields=["receipt"])
            taken.add(receipt.pk)
            matched.append(receipt)
    card_receipts_post(actor=actor, receipts=matched)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.IMPORT, obj=production,
                 changes={"card_statement_lines": len(made), "matched": len(matched)})  # fmt: skip
    return len(made), len(matched)
