"""The lunch order sheet's arithmetic, framework-free: each item's total with the names of
who ordered it, one label per order, the subtotal with tax and tip, and who is over the
per-person budget. Takes and returns plain dataclasses; money is Decimal."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MIN_QUANTITY, MAX_QUANTITY = 1, 99


@dataclass(frozen=True)
class Line:
    item: str
    quantity: int
    price: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.price * self.quantity).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Order:
    name: str
    department: str
    lines: tuple[Line, ...]
    note: str = ""
    allergies: str = ""
    preferences: str = ""

    @property
    def total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), Decimal("0.00"))


@dataclass
class ItemTotal:
    item: str
    quantity: int = 0
    amount: Decimal = Decimal("0.00")
    names: list[str] = field(default_factory=list)


def money(amount: Decimal | None) -> str:
    """'$1,234.50'; '' for no amount."""
    return "" if amount is None else f"${amount.quantize(CENT, ROUND_HALF_UP):,.2f}"


def item_totals(orders: list[Order]) -> list[ItemTotal]:
    """Each item ordered, in name order: how many, what they cost, and who ordered them
    ('Ana Ruiz ×2' for more than one), names in order."""
    totals: dict[str, ItemTotal] = {}
    for order in orders:
        for line in order.lines:
            row = totals.setdefault(line.item, ItemTotal(line.item))
            row.quantity += line.quantity
            row.amount += line.amount
            row.names.append(order.name + (f" ×{line.quantity}" if line.quantity > 1 else ""))
    rows = sorted(totals.values(), key=lambda r: r.item.lower())
    for row in rows:
        row.names.sort(key=str.lower)
    return rows


def over_budget(total: Decimal, budget: Decimal | None) -> str:
    """The warning for an order over the per-person budget; '' when within it or no budget."""
    if budget is None or total <= budget:
        return ""
    over = money(total - budget)
    return f"{money(total)} is over the {money(budget)} per-person budget by {over}."


def quantity_problem(item: str, quantity: int) -> str:
    if MIN_QUANTITY <= quantity <= MAX_QUANTITY:
        return ""
    return f"{item}: a quantity is {MIN_QUANTITY} to {MAX_QUANTITY} (leave it empty to order none)."


def document(
    *,
    production: dict,
    restaurant: dict,
    date: str,
    cutoff: str,
    orders: list[Order],
    not_ordered: list[str],
    budget: Decimal | None,
    tax: Decimal | None,
    tip: Decimal | None,
) -> dict:
    """The order sheet as plain data: for the page and the typst template alike."""
    orders = sorted(orders, key=lambda o: (o.department.lower(), o.name.lower()))
    subtotal = sum((o.total for o in orders), Decimal("0.00"))
    total = subtotal + (tax or 0) + (tip or 0)
    return {
        "production": production,
        "restaurant": restaurant,
        "date": date,
        "cutoff": cutoff,
        "items": [
            {
                "item": r.item,
                "quantity": r.quantity,
                "amount": money(r.amount),
                "names": ", ".join(r.names),
            }
            for r in item_totals(orders)
        ],
        "labels": [
            {
                "name": o.name,
                "department": o.department,
                "items": [f"{ln.quantity} × {ln.item}" for ln in o.lines],
                "note": o.note,
                "allergies": o.allergies,
                "preferences": o.preferences,
                "total": money(o.total),
                "over": over_budget(o.total, budget),
            }
            for o in orders
        ],
        "orders": len(orders),
        "not_ordered": not_ordered,
        "subtotal": money(subtotal),
        "tax": money(tax),
        "tip": money(tip),
        "total": money(total),
        "budget": money(budget),
    }
