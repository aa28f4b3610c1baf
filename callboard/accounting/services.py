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
from callboard.core.controls import ControlError, require_cleared, require_other_person
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, Production
from callboard.core.vault import seal, unseal
from callboard.documents.uploads import UploadError, check_upload

from . import fringes
from .budgetfile import BudgetRow
from .costreport import dollars
from .duplicates import invoice_number_key, near_duplicate
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
    FringeLine,
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


def _controlled(check, *args, **kwargs) -> None:
    """Run a core control; its refusal reaches the page as an accounting error."""
    try:
        check(*args, **kwargs)
    except ControlError as exc:
        raise AccountingError(str(exc)) from exc


def _upsert_accounts(production: Production, rows: list[BudgetRow]) -> dict[str, Account]:
    existing = {a.code: a for a in Account.objects.filter(production=production)}
    start = max((a.order for a in existing.values()), default=0)
    new, changed = [], []
    for n, row in enumerate(rows, start=1):
        account = existing.get(row.code)
        fields = {
            "number": row.account,
            "sub": row.sub,
            "description": row.description,
            "category": row.category,
            "above_line": row.above_line,
            "fringe": row.fringe,
        }
        if account is None:
            account = Account(production=production, code=row.code, order=start + n, **fields)
            new.append(account)
            existing[row.code] = account
        elif any(getattr(account, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(account, k, v)
            changed.append(account)
    Account.objects.bulk_create(new)
    Account.objects.bulk_update(
        changed, ["number", "sub", "description", "category", "above_line", "fringe"]
    )
    return existing


@transaction.atomic
def chart_import(*, actor, production: Production, rows: list[BudgetRow]) -> int:
    """Add or update the chart's accounts from a file (accounts not in it are kept)."""
    before = Account.objects.filter(production=production).count()
    accounts = _upsert_accounts(production, rows)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=production,
        changes={"chart_of_accounts": len(rows)},
    )
    return len(accounts) - before


@transaction.atomic
def budget_import(
    *, actor, production: Production, rows: list[BudgetRow], name: str, source_name: str = ""
) -> Budget:
    """A new budget version from a file. A production with no chart yet takes the file's
    accounts as its chart; otherwise every account must already be in the chart."""
    chart = set(Account.objects.filter(production=production).values_list("code", flat=True))
    if chart:
        missing = [r for r in rows if r.code not in chart]
        if missing:
            raise AccountingError(
                "Some accounts are not in the chart.",
                [
                    f"Row {r.row}: account {r.code} ({r.description}) is not in the chart of accounts; "
                    f"add it to the chart first, or correct the number."
                    for r in missing[:50]
                ],
            )
    accounts = (
        _upsert_accounts(production, rows)
        if not chart
        else {a.code: a for a in Account.objects.filter(production=production)}
    )
    version = (
        Budget.objects.filter(production=production).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    budget = Budget.objects.create(
        production=production,
        version=version,
        name=name.strip()[:120] or f"Budget v{version}",
        source_name=source_name[:200],
        created_by=actor,
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, account=accounts[r.code], amount=r.amount or Decimal("0"))
        for r in rows
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=budget,
        changes={"lines": len(rows), "total": str(sum((r.amount or 0 for r in rows), Decimal(0)))},
    )
    return budget


@transaction.atomic
def budget_lock(*, actor, budget: Budget) -> Budget:
    """The budget the show is measured against from now on (locked budgets never change)."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.locked_at:
        raise AccountingError(f"Version {budget.version} is already locked.")
    _controlled(
        require_other_person,
        actor,
        entered_by_ids=[budget.created_by_id],
        what=f"budget version {budget.version}",
    )
    budget.locked_at, budget.locked_by = timezone.now(), actor
    budget.save(update_fields=["locked_at", "locked_by"])
    audit_record(
        actor=actor,
        production=budget.production,
        action=AuditEvent.Action.UPDATE,
        obj=budget,
        changes={"locked": True},
    )
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
        EstimateToComplete.objects.update_or_create(
            account=account, defaults={"amount": amount, "note": note[:200]}
        )
    audit_record(
        actor=actor,
        production=account.production,
        action=AuditEvent.Action.UPDATE,
        obj=account,
        changes={"etc": [before, None if amount is None else str(amount)]},
    )


def ledger_post_payroll(*, batch) -> int:
    """A payroll batch's gross, card by card, on each card's labour account (kit rental
    on its own line: it is not wages), and each card's fringes on the fringe accounts
    (fringes.py; the caps count the person's wages in earlier batches this year). Called
    inside the batch's own transaction."""
    cards = list(batch.cards.select_related("person").order_by("week_start", "pk"))
    fringe_by_card: dict[int, list[fringes.Fringe]] = {}
    for fringe in fringes.batch_fringes(
        fringe_rules(batch.production), [_card_pay(c) for c in cards], _wages_before(batch, cards)
    ):
        fringe_by_card.setdefault(fringe.key, []).append(fringe)
    lines = []
    for card in cards:
        week_end = card.week_start + timedelta(days=6)
        what = (
            f"Payroll batch {batch.number} — {card.person.full_name}, week ending {week_end:%b %-d}"
        )
        if card.wages + card.penalties:
            lines.append(
                LedgerLine(
                    production=batch.production,
                    account_code=card.account,
                    date=week_end,
                    amount=card.wages + card.penalties,
                    description=what[:300],
                    source=LedgerLine.Source.PAYROLL,
                    source_id=card.pk,
                )
            )
        if card.kit_total:
            lines.append(
                LedgerLine(
                    production=batch.production,
                    account_code=card.account,
                    date=week_end,
                    amount=card.kit_total,
                    description=f"{what} (kit rental)"[:300],
                    source=LedgerLine.Source.PAYROLL,
                    source_id=card.pk,
                )
            )
        # Under the card's id, so a corrected card's reversal takes its fringes back too.
        lines += [
            LedgerLine(
                production=batch.production,
                account_code=f.account_code,
                date=week_end,
                amount=f.amount,
                description=f"{what} — {f.name}"[:300],
                source=LedgerLine.Source.PAYROLL,
                source_id=card.pk,
            )
            for f in fringe_by_card.get(card.pk, [])
        ]
        lines += _payroll_reversals(card, batch, week_end)
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


def fringe_rules(production: Production) -> list[fringes.FringeRule]:
    return [
        fringes.FringeRule(
            line.name, line.account_code, line.basis, line.rate, line.cap, line.union
        )
        for line in FringeLine.objects.filter(production=production)
    ]


def _card_pay(card) -> fringes.CardPay:
    """What the fringes are charged on: wages and penalties (not kit rental, not per diem),
    hours worked or guaranteed, days worked."""
    from callboard.payroll.engine import TIME_KINDS

    days = card.pay.get("days", [])
    hours = sum(
        (
            Decimal(ln["hours"])
            for day in days
            for ln in day.get("lines", [])
            if ln["kind"] in TIME_KINDS
        ),
        Decimal("0"),
    )
    worked = sum(1 for day in days if Decimal(day.get("worked_hours") or "0") > 0)
    return fringes.CardPay(
        card.pk,
        card.person_id,
        fringe_year(card),
        card.union,
        card.wages + card.penalties,
        hours,
        worked,
    )


def fringe_year(card) -> int:
    """Wages count toward a year's caps by the week they were earned (its last day)."""
    return (card.week_start + timedelta(days=6)).year


def _wages_before(batch, cards) -> dict[tuple[int, int], Decimal]:
    """Each person's wages this year in batches already posted (those closed before this one;
    an open batch posts nothing yet, so it counts toward nobody's cap). Cards since corrected
    are left out: their replacements count instead."""
    people = {c.person_id for c in cards}
    earlier = (
        (
            type(cards[0])
            .objects.filter(
                production=batch.production,
                person_id__in=people,
                batch__closed_at__isnull=False,
                replaced_at__isnull=True,
            )
            .exclude(batch=batch)
            .only("person_id", "week_start", "wages", "penalties")
        )
        if cards
        else []
    )
    ytd: dict[tuple[int, int], Decimal] = {}
    for card in earlier:
        key = (card.person_id, fringe_year(card))
        ytd[key] = ytd.get(key, Decimal("0")) + card.wages + card.penalties
    return ytd


@dataclass(frozen=True)
class FringeInput:
    name: str
    account_code: str
    basis: str
    rate: Decimal
    cap: Decimal | None = None
    union: str = ""


@transaction.atomic
def fringe_table_save(*, actor, production: Production, lines: list[FringeInput]) -> int:
    """The production's fringe table, replaced whole (batches already posted keep what
    they posted; the next batch uses the new table)."""
    accounts = _accounts_for(production, [ln.account_code for ln in lines])
    problems = []
    for n, line in enumerate(lines, start=1):
        if not line.name.strip():
            problems.append(f"Line {n}: name the fringe (e.g. FICA).")
        if line.account_code not in accounts:
            problems.append(
                f"Line {n}: account “{line.account_code}” is not in the chart of accounts."
            )
        if line.basis not in FringeLine.Basis.values:
            problems.append(f"Line {n}: choose how it is charged.")
        if line.rate < 0 or (line.basis in ("percent", "scale") and line.rate > 100):
            problems.append(f"Line {n}: a percentage is from 0 to 100, an amount not negative.")
        if line.rate >= Decimal("1000000"):
            problems.append(f"Line {n}: the rate is more than the table holds.")
        if line.cap is not None and (line.cap <= 0 or line.cap >= MAX_AMOUNT):
            problems.append(f"Line {n}: a cap is more than 0 (leave it empty for none).")
        if line.cap is not None and line.basis not in ("percent", "scale"):
            problems.append(f"Line {n}: only a percentage has a wage base or ceiling.")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    before = list(FringeLine.objects.filter(production=production).values_list("name", flat=True))
    FringeLine.objects.filter(production=production).delete()
    FringeLine.objects.bulk_create(
        FringeLine(
            production=production,
            order=n,
            name=ln.name.strip()[:80],
            account_code=ln.account_code,
            basis=ln.basis,
            rate=ln.rate,
            cap=ln.cap,
            union=ln.union.strip()[:60],
        )
        for n, ln in enumerate(lines, start=1)
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=production,
        changes={"fringe_table": [before, [ln.name for ln in lines]]},
    )
    return len(lines)


def _payroll_reversals(card, batch, week_end) -> list[LedgerLine]:
    """A corrected card replaces what its earlier versions posted: each earlier version's
    net on each account is reversed (under that version's id, so a later correction nets
    it to zero rather than reversing it twice)."""
    earlier = (
        type(card)
        .objects.filter(
            person_id=card.person_id, week_start=card.week_start, version__lt=card.version
        )
        .values_list("pk", flat=True)
    )
    posted = (
        LedgerLine.objects.filter(source=LedgerLine.Source.PAYROLL, source_id__in=list(earlier))
        .values("source_id", "account_code")
        .annotate(net=Sum("amount"))
    )
    return [
        LedgerLine(
            production=batch.production,
            account_code=row["account_code"],
            date=week_end,
            amount=-row["net"],
            source=LedgerLine.Source.PAYROLL,
            source_id=row["source_id"],
            description=f"Payroll batch {batch.number} — reverses {card.person.full_name}'s card "
            f"before version {card.version}"[:300],
        )
        for row in posted
        if row["net"]
    ]


# --------------------------------------------------------------------------- purchase orders

DEFAULT_CHAIN = [
    {"role": "coordinator", "above": "0"},
    {"role": "upm", "above": "0"},
    {"role": "producer", "above": "5000"},
]
# Which production role approves as each step; a studio admin may take any step.
APPROVER_ROLES = {"coordinator": {"coordinator"}, "upm": {"upm"}, "producer": {"studio_admin"}}
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000")  # what the books hold: under a billion a line


def approval_chain(production: Production) -> list[dict]:
    stored = AccountingSettings.objects.filter(production=production).first()
    return stored.approval_chain if stored and stored.approval_chain else DEFAULT_CHAIN


def chain_for(production: Production, total: Decimal) -> list[str]:
    """The roles that approve a total, in order (a step applies above its threshold)."""
    return [
        step["role"]
        for step in approval_chain(production)
        if Decimal(step["above"]) == 0 or total > Decimal(step["above"])
    ]


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
            warnings.append(
                f"{code} {row.description}: {dollars(max(left, Decimal(0)))} left in the budget; "
                f"this commits {dollars(amount)} (over by {dollars(amount - max(left, Decimal(0)))})."
            )
    return warnings


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
    number = (
        PurchaseOrder.objects.filter(production=production).aggregate(n=Max("number"))["n"] or 0
    ) + 1
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


def po_total(po: PurchaseOrder) -> Decimal:
    return sum((ln.amount for ln in po.lines.all()), Decimal("0.00"))


def _send_for_approval(obj, *, actor, total: Decimal) -> None:
    """Fix the chain of approvers for the total and wait for the first (PO or check request)."""
    if obj.status != "draft":
        raise AccountingError("Only a draft is sent for approval.")
    obj.chain, obj.approvals, obj.status = chain_for(obj.production, total), [], "pending"
    obj.save(update_fields=["chain", "approvals", "status"])
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"submitted": obj.chain},
    )


def approver_step(role: str, obj) -> str | None:
    """The step this member's role may take now on a PO or check request, if any."""
    step = obj.next_approver
    if step is None:
        return None
    return step if role == "studio_admin" or role in APPROVER_ROLES.get(step, set()) else None


def _approve(obj, *, actor, role: str, what: str, warnings: list[str] = ()) -> None:
    """One step of the chain: by someone other than who asked and than who took the earlier
    steps, with every warning resolved or overridden."""
    if getattr(obj, "voided_at", None):
        raise AccountingError(f"{what[0].upper()}{what[1:]} is void.")
    if obj.status != "pending":
        raise AccountingError("This is not waiting for approval.")
    step = approver_step(role, obj)
    if step is None:
        raise AccountingError(f"This waits for the {obj.next_approver}'s approval.")
    _controlled(
        require_other_person,
        actor,
        entered_by_ids=[obj.requested_by_id],
        approved_by_ids=[a.get("by_id") for a in obj.approvals],
        what=what,
    )
    _controlled(require_cleared, obj, warnings, approver=actor)
    obj.approvals = [
        *obj.approvals,
        {"step": step, "by": str(actor), "by_id": actor.pk, "at": timezone.now().isoformat()},
    ]
    if len(obj.approvals) == len(obj.chain):
        obj.status, obj.approved_at = "approved", timezone.now()
    obj.save(update_fields=["approvals", "status", "approved_at"])
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"approved_as": step},
    )


@transaction.atomic
def po_submit(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _send_for_approval(po, actor=actor, total=po_total(po))
    return po


@transaction.atomic
def po_approve(*, actor, role: str, po: PurchaseOrder) -> PurchaseOrder:
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    _approve(po, actor=actor, role=role, what=f"PO {po.code}")
    return po


@transaction.atomic
def po_close(*, actor, po: PurchaseOrder) -> PurchaseOrder:
    """No more is owed on it: its open balance stops being a commitment."""
    po = PurchaseOrder.objects.select_for_update().get(pk=po.pk)
    if po.status != PurchaseOrder.Status.APPROVED:
        raise AccountingError("Only an approved PO can be closed.")
    po.status, po.closed_at = PurchaseOrder.Status.CLOSED, timezone.now()
    po.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        production=po.production,
        action=AuditEvent.Action.UPDATE,
        obj=po,
        changes={"closed": True},
    )
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
        earlier = InvoiceLine.objects.filter(po_line=po_line, invoice__voided_at__isnull=True)
        if exclude_invoice is not None:
            earlier = earlier.exclude(invoice=exclude_invoice)
        billed = earlier.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if billed + amount > po_line.amount:
            flags.append(
                f"Line {n} bills {dollars(amount)} against PO {po_line.po.code} “{po_line.description}”: "
                f"{dollars(po_line.amount)} ordered, {dollars(billed)} already invoiced — over by "
                f"{dollars(billed + amount - po_line.amount)}."
            )
    return flags


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


def _lapsed_insurance(vendor, production: Production) -> list[str]:
    standing, words = coi_standing(terms_for(vendor) if vendor else None, production.today())
    return [f"{vendor}: {words}."] if vendor is not None and standing == "lapsed" else []


def _past_budget(production: Production, lines) -> list[str]:
    amounts: dict[str, Decimal] = {}
    for code, amount in lines:
        amounts[code] = amounts.get(code, Decimal(0)) + amount
    return [f"Past the budget: {w}" for w in budget_warnings(production, amounts)]


def invoice_warnings(invoice: Invoice) -> list[str]:
    """The "To check" items that block an invoice's approval until resolved or overridden:
    over-billing of its PO, lines past what is left of the budget (lines against a PO were
    committed already), a credit (a total below zero), the vendor's lapsed insurance, a likely duplicate (the same vendor
    and amount within a week)."""
    lines = list(invoice.lines.select_related("account", "po_line__po"))
    total = sum((ln.amount for ln in lines), Decimal("0"))
    warnings = overbilling([(ln.po_line, ln.amount) for ln in lines], exclude_invoice=invoice)
    warnings += _past_budget(
        invoice.production, [(ln.account.code, ln.amount) for ln in lines if ln.po_line is None]
    )
    if total < 0:
        # Credits are real, but a negative line is also how money leaves unseen.
        warnings.append(f"A credit of {dollars(-total)}: match it to the vendor's credit memo.")
    warnings += _lapsed_insurance(invoice.vendor, invoice.production)
    others = (
        Invoice.objects.filter(
            production=invoice.production,
            vendor=invoice.vendor,
            voided_at__isnull=True,
            date__gte=invoice.date - timedelta(days=7),
            date__lte=invoice.date + timedelta(days=7),
        )
        .exclude(pk=invoice.pk)
        .annotate(total=Sum("lines__amount"))
        .order_by("date", "pk")
    )
    for other in others:
        if near_duplicate(invoice.date, total, other.date, other.total or Decimal(0)):
            warnings.append(
                f"Likely duplicate of invoice {other.number} from {invoice.vendor} "
                f"({other.date:%b %-d, %Y}, {dollars(total)}): same vendor and amount within 7 days."
            )
    return warnings


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
    invoice.save(update_fields=["status", "approved_by", "approved_at"])
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
    return invoice


def _ledger_reverse(*, obj, source: str, on: date, why: str) -> int:
    """Opposite lines for what ``obj`` has posted, account by account (nothing is deleted)."""
    posted = (
        LedgerLine.objects.filter(production=obj.production, source=source, source_id=obj.pk)
        .values("account_code")
        .annotate(net=Sum("amount"))
        .order_by("account_code")
    )
    lines = [
        LedgerLine(
            production=obj.production,
            account_code=row["account_code"],
            date=on,
            amount=-row["net"],
            source=source,
            source_id=obj.pk,
            description=why[:300],
        )
        for row in posted
        if row["net"]
    ]
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


VOID_REASON_MIN = 10


def _void(obj, *, actor, reason: str, what: str, source: str) -> None:
    """Mark ``obj`` void with the reason and reverse its postings (one transaction: callers)."""
    reason = " ".join((reason or "").split())[:300]
    if obj.voided_at:
        raise AccountingError(f"{what} is already void.")
    if len(reason) < VOID_REASON_MIN:
        raise AccountingError(
            f"Say why {what[0].lower()}{what[1:]} is void (a sentence for the auditors)."
        )
    obj.voided_at, obj.voided_by, obj.void_reason = timezone.now(), actor, reason
    obj.save(update_fields=["voided_at", "voided_by", "void_reason"])
    reversed_lines = _ledger_reverse(
        obj=obj,
        source=source,
        on=timezone.localdate(timezone=obj.production.tzinfo),
        why=f"Void: {what} — {reason}",
    )
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"voided": reason, "ledger_lines_reversed": reversed_lines},
    )


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
    number = (
        Invoice.objects.filter(production=production).aggregate(n=Max("batch_number"))["n"] or 0
    ) + 1
    count = invoices.update(status=Invoice.Status.BATCHED, batch_number=number)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=production,
        changes={"invoice_batch": number, "invoices": count},
    )
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
def vendor_terms_save(
    *,
    actor,
    vendor,
    payment_terms: str,
    w9_received: date | None,
    tax_id: str | None,
    is_1099: bool,
    coi_expires: date | None,
    coi_file: tuple[str, bytes] | None = None,
) -> VendorTerms:
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
    audit_record(
        actor=actor,
        production=vendor.production,
        action=AuditEvent.Action.UPDATE,
        obj=vendor,
        changes={
            "payment_terms": terms.payment_terms,
            "w9_received": str(w9_received or ""),
            "tax_id": "changed" if tax_id else "kept",
            "is_1099": is_1099,
            "coi_expires": str(coi_expires or ""),
        },
    )
    return terms


def tax_id_read(*, actor, terms: VendorTerms) -> str:
    """The full tax ID, for those who may see it; every read is in the audit log."""
    audit_record(
        actor=actor,
        production=terms.vendor.production,
        action=AuditEvent.Action.UPDATE,
        obj=terms.vendor,
        changes={"viewed": "tax ID"},
    )
    digits = unseal(terms.tax_id_sealed)
    if terms.tax_id_masked.startswith("•••-"):
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return f"{digits[:2]}-{digits[2:]}"


# --------------------------------------------------------------------------- check requests


@transaction.atomic
def check_request_create(
    *,
    actor,
    production: Production,
    payee: str,
    reason: str,
    lines: list[InvoiceLineInput],
    vendor=None,
    needed_by: date | None = None,
) -> CheckRequest:
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
    request = CheckRequest.objects.create(
        production=production,
        number=number,
        payee=payee,
        vendor=vendor,
        reason=reason.strip()[:300],
        needed_by=needed_by,
        requested_by=actor,
    )
    CheckRequestLine.objects.bulk_create(
        CheckRequestLine(
            request=request,
            account=accounts[ln.account_code],
            description=ln.description[:200] or reason[:200],
            amount=ln.amount,
        )
        for ln in lines
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=request,
        changes={"total": str(sum(ln.amount for ln in lines))},
    )
    return request


def check_request_total(request: CheckRequest) -> Decimal:
    return sum((ln.amount for ln in request.lines.all()), Decimal("0.00"))


def check_request_warnings(request: CheckRequest) -> list[str]:
    """What blocks each approval of a check request until resolved or overridden: lines past
    what is left of the budget, the vendor's lapsed insurance, a likely duplicate (the same
    payee and amount asked for within a week)."""
    if request.status not in (CheckRequest.Status.DRAFT, CheckRequest.Status.PENDING):
        return []  # approved: its lines are actual cost now, weighed when it was approved
    lines = list(request.lines.select_related("account"))
    total = sum((ln.amount for ln in lines), Decimal("0"))
    warnings = _past_budget(request.production, [(ln.account.code, ln.amount) for ln in lines])
    warnings += _lapsed_insurance(request.vendor, request.production)
    made = request.created_at.date()
    others = (
        CheckRequest.objects.filter(
            production=request.production,
            payee__iexact=request.payee,
            voided_at__isnull=True,
            created_at__date__gte=made - timedelta(days=7),
            created_at__date__lte=made + timedelta(days=7),
        )
        .exclude(pk=request.pk)
        .annotate(total=Sum("lines__amount"))
        .order_by("number")
    )
    for other in others:
        if near_duplicate(made, total, other.created_at.date(), other.total or Decimal(0)):
            warnings.append(
                f"Likely duplicate of check request {other.number} to {other.payee} "
                f"({dollars(total)}): same payee and amount within 7 days."
            )
    return warnings


@transaction.atomic
def check_request_void(*, actor, request: CheckRequest, reason: str) -> CheckRequest:
    """Void a check request (the check was lost, or asked for twice): it stays listed,
    marked void, and what it posted is reversed."""
    request = (
        CheckRequest.objects.select_for_update().select_related("production").get(pk=request.pk)
    )
    _void(
        request,
        actor=actor,
        reason=reason,
        what=f"Check request {request.number}",
        source=LedgerLine.Source.CHECK_REQUEST,
    )
    return request


@transaction.atomic
def check_request_submit(*, actor, request: CheckRequest) -> CheckRequest:
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _send_for_approval(request, actor=actor, total=check_request_total(request))
    return request


@transaction.atomic
def check_request_approve(*, actor, role: str, request: CheckRequest) -> CheckRequest:
    """The last approval makes the payment actual cost on its accounts."""
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _approve(
        request,
        actor=actor,
        role=role,
        what=f"check request {request.number}",
        warnings=check_request_warnings(request),
    )
    if request.status == CheckRequest.Status.APPROVED:
        on = timezone.localdate(timezone=request.production.tzinfo)
        LedgerLine.objects.bulk_create(
            LedgerLine(
                production=request.production,
                account_code=line.account.code,
                date=on,
                amount=line.amount,
                source=LedgerLine.Source.CHECK_REQUEST,
                source_id=request.pk,
                description=f"Check request {request.number} — {request.payee}: {line.description}"[
                    :300
                ],
            )
            for line in request.lines.select_related("account")
        )
    return request


@transaction.atomic
def check_pickup_record(
    *,
    actor,
    production: Production,
    check_number: str,
    payee: str,
    amount: Decimal,
    picked_up_by: str,
    request: CheckRequest | None = None,
) -> CheckPickup:
    """Who took which check, when (the request, if given, is marked paid)."""
    if not check_number.strip() or not picked_up_by.strip():
        raise AccountingError("Give the check number and who picked it up.")
    if amount <= 0:
        raise AccountingError("The check's amount must be more than 0.")
    if request is not None:
        request = CheckRequest.objects.select_for_update().get(pk=request.pk)
        if request.voided_at:
            raise AccountingError(f"Check request {request.number} is void.")
        if request.status == CheckRequest.Status.PAID or request.pickups.exists():
            paid = request.pickups.order_by("picked_up_at").first()
            raise AccountingError(
                f"Check request {request.number} is paid already"
                + (
                    f" (check {paid.check_number}, picked up by {paid.picked_up_by})"
                    if paid
                    else ""
                )
                + "; nothing was logged. A second check needs a new request."
            )
        if request.status != CheckRequest.Status.APPROVED:
            raise AccountingError(f"Check request {request.number} is not approved.")
        # Refused rather than re-approved: the approvers weighed the requested amount, so a
        # different check needs a new request (void this one) that they see again.
        approved = check_request_total(request)
        if amount != approved:
            raise AccountingError(
                f"Check request {request.number} was approved for {dollars(approved)}; this check is "
                f"for {dollars(amount)}. Write the check for the approved amount, or void the request "
                f"and send a new one for approval."
            )
        request.status, request.check_number = CheckRequest.Status.PAID, check_number.strip()[:30]
        request.save(update_fields=["status", "check_number"])
    pickup = CheckPickup.objects.create(
        production=production,
        check_number=check_number.strip()[:30],
        payee=payee.strip()[:200],
        amount=amount,
        picked_up_by=picked_up_by.strip()[:200],
        picked_up_at=timezone.now(),
        handed_by=actor,
        check_request=request,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=pickup,
        changes={"picked_up_by": pickup.picked_up_by},
    )
    return pickup


@transaction.atomic
def payment_problem_open(
    *, actor, production: Production, title: str, who: str = "", details: str = "", assigned_to=None
) -> PaymentProblem:
    if not title.strip():
        raise AccountingError("Say what is wrong.")
    problem = PaymentProblem.objects.create(
        production=production,
        title=title.strip()[:200],
        who=who.strip()[:200],
        details=details.strip()[:4000],
        assigned_to=assigned_to,
        opened_by=actor,
    )
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=problem)
    return problem


@transaction.atomic
def payment_problem_update(
    *, actor, problem: PaymentProblem, assigned_to=None, resolution: str | None = None
) -> PaymentProblem:
    """Hand it to someone, or resolve it (saying how)."""
    if resolution is not None:
        if not resolution.strip():
            raise AccountingError("Say how it was resolved.")
        problem.resolution, problem.resolved_at = resolution.strip()[:300], timezone.now()
    if assigned_to is not None:
        problem.assigned_to = assigned_to
    problem.save()
    audit_record(
        actor=actor,
        production=problem.production,
        action=AuditEvent.Action.UPDATE,
        obj=problem,
        changes={"assigned_to": str(problem.assigned_to or ""), "resolution": problem.resolution},
    )
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
    held = PettyCashFloat.objects.create(
        production=production, person=person, initials=initials, amount=amount
    )
    envelope = Envelope.objects.create(production=production, float=held, sequence=1)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=held,
        changes={"amount": str(amount)},
    )
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
    grant, token = link_grant_create(
        production=envelope.production,
        purpose=RECEIPTS_LINK_PURPOSE,
        subject=envelope,
        created_by=actor,
        valid_for=timedelta(days=RECEIPTS_LINK_DAYS),
    )
    envelope.grant = grant
    envelope.save(update_fields=["grant"])
    link = settings.SITE_URL + reverse("receipts_by_link", args=[token])
    production, code = envelope.production, envelope.code
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=envelope,
        changes={"link_sent_to": person.email},
    )
    transaction.on_commit(
        lambda: send_mail(
            f"{production.title}: receipts for envelope {code}",
            f"Hello {person.display_name},\n\nAdd each petty-cash receipt to envelope {code} from "
            f"your phone: take a photo, say where and what it was for.\n\n{link}\n",
            None,
            [person.email],
        )
    )
    return link


@transaction.atomic
def receipt_add(
    *,
    production: Production,
    person,
    on: date,
    vendor_name: str,
    lines: list[ReceiptLineInput],
    envelope: Envelope | None = None,
    paid: str = "cash",
    card_last4: str = "",
    file: tuple[str, bytes] | None = None,
    actor=None,
    who: str = "",
) -> tuple[Receipt, list[str]]:
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
        production=production,
        person=person,
        envelope=envelope,
        paid=paid,
        card_last4=card_last4 if paid == Receipt.Paid.CARD else "",
        vendor_name=vendor_name.strip()[:200],
        date=on,
        total=total,
        content_type=stored.content_type if stored else "",
    )
    if stored is not None:
        receipt.file.save(
            f"receipt-{receipt.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    ReceiptLine.objects.bulk_create(
        ReceiptLine(
            receipt=receipt,
            account=accounts[ln.account_code],
            description=ln.description.strip()[:200],
            amount=ln.amount,
            set_code=ln.set_code.strip()[:40],
        )
        for ln in lines
    )
    audit_record(
        actor=actor,
        actor_label=who,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=receipt,
        changes={"total": str(total), "envelope": envelope.code if envelope else ""},
    )
    return receipt, receipt_flags_for(receipt)


def receipt_flags_for(receipt: Receipt) -> list[str]:
    lines = list(receipt.lines.all())
    flags = receipt_flags(
        vendor=receipt.vendor_name,
        descriptions=[ln.description for ln in lines],
        has_file=bool(receipt.file),
    )
    key = duplicate_key(receipt.vendor_name, receipt.date, receipt.total)
    for other in Receipt.objects.filter(
        production=receipt.production,
        date=receipt.date,
        total=receipt.total,
        voided_at__isnull=True,
    ).exclude(pk=receipt.pk):
        if duplicate_key(other.vendor_name, other.date, other.total) == key:
            flags.append(
                f"Likely duplicate of the receipt entered by {other.person.display_name} "
                f"({other.vendor_name}, {other.date:%b %-d}, {dollars(other.total)})"
            )
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
        ReceiptLine.objects.filter(
            receipt__envelope=envelope, receipt__voided_at__isnull=True
        ).select_related("account", "receipt")
    )
    if not lines:
        raise AccountingError("The envelope has no receipts yet.")
    if cash_on_hand < 0:
        raise AccountingError("Cash on hand cannot be negative.")
    result = reconcile(
        float_amount=envelope.float.amount,
        lines=[(ln.account.code, ln.amount) for ln in lines],
        cash_on_hand=cash_on_hand,
    )
    if not result.balanced:
        state = "short" if result.difference > 0 else "over"
        raise AccountingError(
            f"Envelope {envelope.code} does not balance: the float is {dollars(result.float_amount)}, "
            f"cash on hand {dollars(cash_on_hand)} + receipts {dollars(result.receipts)} = "
            f"{dollars(cash_on_hand + result.receipts)} ({state} by {dollars(abs(result.difference))}). "
            f"Count the cash again or find the missing receipt."
        )
    envelope.status, envelope.cash_on_hand, envelope.replenished = (
        Envelope.Status.RECONCILED,
        cash_on_hand,
        result.replenish,
    )
    envelope.reconciled_at, envelope.reconciled_by = timezone.now(), actor
    envelope.save()
    if envelope.grant is not None:
        link_grant_revoke(grant=envelope.grant)
    LedgerLine.objects.bulk_create(
        LedgerLine(
            production=envelope.production,
            account_code=ln.account.code,
            date=ln.receipt.date,
            amount=ln.amount,
            source=LedgerLine.Source.RECEIPT,
            source_id=ln.receipt_id,
            description=f"Petty cash {envelope.code} — {ln.receipt.vendor_name}: {ln.description}"[
                :300
            ],
        )
        for ln in lines
    )
    Envelope.objects.create(
        production=envelope.production, float=envelope.float, sequence=envelope.sequence + 1
    )
    audit_record(
        actor=actor,
        production=envelope.production,
        action=AuditEvent.Action.UPDATE,
        obj=envelope,
        changes={"cash_on_hand": str(cash_on_hand), "replenish": str(result.replenish)},
    )
    return envelope


@transaction.atomic
def receipt_void(*, actor, receipt: Receipt, reason: str) -> Receipt:
    """Void a receipt (entered twice, not the production's): it stays in its envelope,
    marked void, out of the envelope's count; what it posted is reversed."""
    receipt = Receipt.objects.select_for_update().select_related("production").get(pk=receipt.pk)
    _void(
        receipt,
        actor=actor,
        reason=reason,
        what=f"The receipt from {receipt.vendor_name}",
        source=LedgerLine.Source.RECEIPT,
    )
    return receipt


@transaction.atomic
def card_receipts_post(*, actor, receipts: list[Receipt]) -> int:
    """Card receipts matched to the statement become actual cost (once)."""
    posted = set(
        LedgerLine.objects.filter(
            source=LedgerLine.Source.RECEIPT, source_id__in=[r.pk for r in receipts]
        ).values_list("source_id", flat=True)
    )
    lines = [
        LedgerLine(
            production=r.production,
            account_code=ln.account.code,
            date=r.date,
            amount=ln.amount,
            source=LedgerLine.Source.RECEIPT,
            source_id=r.pk,
            description=f"Card ••{r.card_last4} — {r.vendor_name}: {ln.description}"[:300],
        )
        for r in receipts
        if r.pk not in posted and not r.voided_at
        for ln in r.lines.select_related("account")
    ]
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
    taken = set(
        CardStatementLine.objects.filter(production=production, receipt__isnull=False).values_list(
            "receipt_id", flat=True
        )
    )
    matched = []
    for line in made:
        candidates = (
            Receipt.objects.filter(
                production=production,
                paid=Receipt.Paid.CARD,
                card_last4=line.card_last4,
                total=line.amount,
                voided_at__isnull=True,
                date__gte=line.date - timedelta(days=2),
                date__lte=line.date + timedelta(days=2),
            )
            .exclude(pk__in=taken)
            .order_by("date")
        )
        receipt = candidates.first()
        if receipt is not None:
            line.receipt = receipt
            line.save(update_fields=["receipt"])
            taken.add(receipt.pk)
            matched.append(receipt)
    card_receipts_post(actor=actor, receipts=matched)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=production,
        changes={"card_statement_lines": len(made), "matched": len(matched)},
    )
    return len(made), len(matched)
