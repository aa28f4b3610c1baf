"""The cost report's figures, aggregated in SQL: budget of the current version, actual to
date and this period from the ledger, estimates entered."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from callboard.core.capabilities import SPENDING_APPROVAL_STEPS, SPENDING_APPROVES_ANY_STEP
from callboard.core.models import Production

from . import fringes
from .costreport import ZERO, AccountFigures, CostReport, build_report, dollars
from .duplicates import near_duplicate
from .models import (
    Account,
    AccountingSettings,
    Budget,
    BudgetLine,
    CheckRequest,
    Envelope,
    EstimateToComplete,
    FringeLine,
    Invoice,
    InvoiceLine,
    LedgerLine,
    POLine,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
    VendorTerms,
)
from .pettycash import duplicate_key, receipt_flags

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


def _left_on_approved_pos(production, by: str) -> dict:
    """What approved PO lines have left to bill (their amount less what approved invoices have
    billed against them, never below zero), summed by ``by``."""
    lines = (
        POLine.objects.filter(po__production=production, po__status=PurchaseOrder.Status.APPROVED)
        .annotate(billed=billed_by_approved_invoices())
        .values_list(by, "amount", "billed")
    )
    left: dict = {}
    for key, amount, billed in lines:
        left[key] = left.get(key, ZERO) + max(amount - (billed or ZERO), ZERO)
    return left


# Commitments the later apps hold (travel's booked flights and hotels not yet invoiced):
# accounting sits under them, so each registers its reader here at start-up rather than being
# imported (as payroll's actual_days_register).
_commitment_readers: list = []


def commitments_register(reader) -> None:
    """``reader(production)`` → {account code: Decimal} committed and not yet actual."""
    if reader not in _commitment_readers:
        _commitment_readers.append(reader)


def commitments(production) -> dict[str, Decimal]:
    """Open PO balances by account code, plus what the registered readers hold committed."""
    committed = _left_on_approved_pos(production, "account__code")
    for reader in _commitment_readers:
        for code, amount in reader(production).items():
            committed[code] = committed.get(code, ZERO) + amount
    return committed


def open_balances(production) -> dict[int, Decimal]:
    """Each approved PO's open balance, by PO id."""
    return _left_on_approved_pos(production, "po_id")


def open_purchase_orders(production):
    """POs not closed (drafts, waiting for approval, approved with or without a balance left
    to bill), each with its ``total``; ``open_balances`` gives an approved one's balance."""
    return (
        PurchaseOrder.objects.filter(production=production)
        .exclude(status=PurchaseOrder.Status.CLOSED)
        .select_related("vendor")
        .annotate(total=Sum("lines__amount"))
        .order_by("number")
    )


def unpaid_invoices(production):
    """Invoices not void and not yet sent to accounting in a batch (entered, or approved),
    each with its ``total``."""
    return (
        Invoice.objects.filter(
            production=production,
            voided_at__isnull=True,
            status__in=[Invoice.Status.ENTERED, Invoice.Status.APPROVED],
        )
        .select_related("vendor")
        .annotate(total=Sum("lines__amount"))
        .order_by("date", "id")
    )


def unreconciled_envelopes(production):
    """Open petty-cash envelopes holding receipts (not void), with ``receipts`` and ``spent``.
    Reconciling one opens the next, empty: an empty open envelope is the float in hand."""
    live = Q(receipts__voided_at__isnull=True)
    return (
        Envelope.objects.filter(production=production, status=Envelope.Status.OPEN)
        .select_related("float__person")
        .annotate(
            receipts_count=Count("receipts", filter=live), spent=Sum("receipts__total", filter=live)
        )
        .filter(receipts_count__gt=0)
        .order_by("float__initials", "sequence")
    )


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


def fringe_rules(production: Production) -> list[fringes.FringeRule]:
    return [
        fringes.FringeRule(
            line.name, line.account_code, line.basis, line.rate, line.cap, line.union
        )
        for line in FringeLine.objects.filter(production=production)
    ]


def fringe_pay(card) -> fringes.CardPay:
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


def wages_before(batch, cards) -> dict[tuple[int, int], Decimal]:
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


def payroll_reversals(card, batch, week_end) -> list[LedgerLine]:
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


DEFAULT_CHAIN = [
    {"role": "coordinator", "above": "0"},
    {"role": "upm", "above": "0"},
    {"role": "producer", "above": "5000"},
]


def active_member(production: Production, user_pk: int | None):
    """The user of that id on the production's active team, or None."""
    membership = (
        production.memberships.filter(user_id=user_pk, is_active=True)
        .select_related("user")
        .first()
        if user_pk
        else None
    )
    return membership.user if membership else None


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


def accounts_for(production: Production, codes) -> dict[str, Account]:
    return {a.code: a for a in Account.objects.filter(production=production, code__in=set(codes))}


def budget_warnings(production: Production, amounts: dict[str, Decimal]) -> list[str]:
    """For each account, whether new commitments go past what is left of its budget
    (budget − actual − commitments): warned, never blocked."""
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
                f"this commits {dollars(amount)} "
                f"(over by {dollars(amount - max(left, Decimal(0)))})."
            )
    return warnings


def po_total(po: PurchaseOrder) -> Decimal:
    return sum((ln.amount for ln in po.lines.all()), Decimal("0.00"))


def approver_step(role: str, obj) -> str | None:
    """The step this member's role may take now on a PO or check request, if any."""
    step = obj.next_approver
    if step is None:
        return None
    signs = role in SPENDING_APPROVES_ANY_STEP or role in SPENDING_APPROVAL_STEPS.get(step, ())
    return step if signs else None


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
                f"Line {n} bills {dollars(amount)} against PO {po_line.po.code} "
                f"“{po_line.description}”: {dollars(po_line.amount)} ordered, "
                f"{dollars(billed)} already invoiced — over by "
                f"{dollars(billed + amount - po_line.amount)}."
            )
    return flags


def lapsed_insurance(vendor, production: Production) -> list[str]:
    standing, words = coi_standing(terms_for(vendor) if vendor else None, production.today())
    return [f"{vendor}: {words}."] if vendor is not None and standing == "lapsed" else []


def past_budget(production: Production, lines) -> list[str]:
    amounts: dict[str, Decimal] = {}
    for code, amount in lines:
        amounts[code] = amounts.get(code, Decimal(0)) + amount
    return [f"Past the budget: {w}" for w in budget_warnings(production, amounts)]


def invoice_warnings(invoice: Invoice) -> list[str]:
    """The "To check" items that block an invoice's approval until resolved or overridden:
    over-billing of its PO, lines past what is left of the budget (lines against a PO were
    committed already), a credit (a total below zero), the vendor's lapsed insurance, a likely
    duplicate (the same vendor and amount within a week)."""
    lines = list(invoice.lines.select_related("account", "po_line__po"))
    total = sum((ln.amount for ln in lines), Decimal("0"))
    warnings = overbilling([(ln.po_line, ln.amount) for ln in lines], exclude_invoice=invoice)
    warnings += past_budget(
        invoice.production, [(ln.account.code, ln.amount) for ln in lines if ln.po_line is None]
    )
    if total < 0:
        # Credits are real, but a negative line is also how money leaves unseen.
        warnings.append(f"A credit of {dollars(-total)}: match it to the vendor's credit memo.")
    warnings += lapsed_insurance(invoice.vendor, invoice.production)
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
                f"({other.date:%b %-d, %Y}, {dollars(total)}): "
                "same vendor and amount within 7 days."
            )
    return warnings


COI_WARNING_DAYS = 30


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
            f"insurance certificate expires in {days} day{'s' if days != 1 else ''} "
            f"({terms.coi_expires:%b %-d})",
        )
    return "ok", f"insured until {terms.coi_expires:%b %-d, %Y}"


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
    warnings = past_budget(request.production, [(ln.account.code, ln.amount) for ln in lines])
    warnings += lapsed_insurance(request.vendor, request.production)
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
