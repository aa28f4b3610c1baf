"""Writes for the chart of accounts, budget versions, the ledger and estimates to complete.
Each function is one transaction and is audited; imports are all or nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Production

from .budgetfile import BudgetRow
from .models import Account, Budget, BudgetLine, EstimateToComplete, LedgerLine


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
    LedgerLine.objects.bulk_create(lines)
    return len(lines)
