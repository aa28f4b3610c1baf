"""The cost report's figures, aggregated in SQL: budget of the current version, actual to
date and this period from the ledger, estimates entered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from .costreport import ZERO, AccountFigures, CostReport, build_report
from .models import (
    Account,
    Budget,
    BudgetLine,
    EstimateToComplete,
    Invoice,
    LedgerLine,
    POLine,
    PurchaseOrder,
    ReceiptLine,
)

NOT_IN_CHART = "Not in the chart of accounts"


def current_budget(production) -> Budget | None:
    """The newest locked version, or else the newest version."""
    budgets = Budget.objects.filter(production=production)
    return (
        budgets.filter(locked_at__isnull=False).order_by("-version").first()
        or budgets.order_by("-version").first()
    )


def billed_by_approved_invoices() -> Sum:
    """What approved invoices (not void) have billed against a PO line: entered ones are
    not billed yet."""
    return Sum(
        "invoice_lines__amount",
        filter=Q(
            invoice_lines__invoice__status__in=[Invoice.Status.APPROVED, Invoice.Status.BATCHED],
            invoice_lines__invoice__voided_at__isnull=True,
        ),
    )


def commitments(production) -> dict[str, Decimal]:
    """Open PO balances by account: each approved PO line less what approved invoices
    have billed against it (never below zero)."""
    lines = (
        POLine.objects.filter(po__production=production, po__status=PurchaseOrder.Status.APPROVED)
        .annotate(billed=billed_by_approved_invoices())
        .values_list("account__code", "amount", "billed")
    )
    open_by_account: dict[str, Decimal] = {}
    for code, amount, billed in lines:
        left = max(amount - (billed or ZERO), ZERO)
        open_by_account[code] = open_by_account.get(code, ZERO) + left
    return open_by_account


def open_balances(production) -> dict[int, Decimal]:
    """Each approved PO's open balance (what approved invoices have not yet billed)."""
    lines = (
        POLine.objects.filter(po__production=production, po__status=PurchaseOrder.Status.APPROVED)
        .annotate(billed=billed_by_approved_invoices())
        .values_list("po_id", "amount", "billed")
    )
    balances: dict[int, Decimal] = {}
    for po_id, amount, billed in lines:
        balances[po_id] = balances.get(po_id, ZERO) + max(amount - (billed or ZERO), ZERO)
    return balances


def expense_lines(production):
    """Receipt lines summed by person, how they paid and account (expense reports)."""
    return (
        ReceiptLine.objects.filter(receipt__production=production, receipt__voided_at__isnull=True)
        .values(
            "receipt__person__first_name",
            "receipt__person__last_name",
            "receipt__person_id",
            "receipt__paid",
            "account__code",
            "account__description",
        )
        .annotate(total=Sum("amount"))
        .order_by("receipt__person__last_name", "receipt__person__first_name", "account__code")
    )


def cost_report(
    production, *, period: tuple[date, date] | None = None, budget: Budget | None = None
) -> CostReport:
    budget = budget or current_budget(production)
    budgets = {}
    if budget is not None:
        budgets = dict(
            BudgetLine.objects.filter(budget=budget)
            .values_list("account__code")
            .annotate(total=Sum("amount"))
        )
    ledger = LedgerLine.objects.filter(production=production).values("account_code")
    if period is not None:
        ledger = ledger.annotate(
            actual=Sum("amount"),
            this_period=Sum("amount", filter=Q(date__gte=period[0], date__lte=period[1])),
        )
    else:
        ledger = ledger.annotate(actual=Sum("amount"))
    actuals = {row["account_code"]: row for row in ledger.order_by()}
    committed = commitments(production)
    estimates = dict(
        EstimateToComplete.objects.filter(account__production=production).values_list(
            "account__code", "amount"
        )
    )
    figures = []
    for code, description, category, fringe in (
        Account.objects.filter(production=production)
        .order_by("order", "code")
        .values_list("code", "description", "category", "fringe")
    ):
        posted = actuals.pop(code, {})
        figures.append(
            AccountFigures(
                code,
                description,
                category,
                budgets.get(code) or ZERO,
                posted.get("this_period") or ZERO,
                posted.get("actual") or ZERO,
                committed.get(code, ZERO),
                estimates.get(code),
                fringe,
            )
        )
    for code, posted in sorted(actuals.items()):  # costs coded to no account of the chart
        figures.append(
            AccountFigures(
                code,
                "Uncoded" if not code else "(unknown account)",
                NOT_IN_CHART,
                ZERO,
                posted.get("this_period") or ZERO,
                posted.get("actual") or ZERO,
            )
        )
    return build_report(figures)
