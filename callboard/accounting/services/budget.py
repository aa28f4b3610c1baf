"""Writes for the chart of accounts, budget versions, estimates to complete, the fringe table
and payroll's postings to the ledger. Each function is one transaction and is audited;
imports are all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.controls import require_other_person
from callboard.core.models import AuditEvent, Production

from .. import fringes
from ..budgetfile import BudgetRow
from ..models import (
    Account,
    Budget,
    BudgetLine,
    EstimateToComplete,
    FringeLine,
    LedgerLine,
)
from ..queries import (
    accounts_for,
    fringe_pay,
    fringe_rules,
    payroll_reversals,
    wages_before,
)
from .common import (
    MAX_AMOUNT,
    AccountingError,
    _controlled,
)


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
                    f"Row {r.row}: account {r.code} ({r.description}) is not in the chart of "
                    f"accounts; add it to the chart first, or correct the number."
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
        fringe_rules(batch.production), [fringe_pay(c) for c in cards], wages_before(batch, cards)
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
        lines += payroll_reversals(card, batch, week_end)
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


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
    accounts = accounts_for(production, [ln.account_code for ln in lines])
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
