"""Cost-report arithmetic: per account, rolled up to categories and the total.

Pure Python (no Django), Decimal end to end. For each account:
ETC = the estimate entered, or else budget − actual − commitments floored at zero;
EFC = actual + commitments + ETC; variance = budget − EFC (an overage is negative and
prints in parentheses). A category's and the total's figures are the sums of their
accounts' figures (ETC included), so every column adds up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")
COLUMNS = ("budget", "this_period", "actual", "commitments", "etc", "efc", "variance")


@dataclass(frozen=True)
class AccountFigures:
    """What the books say of one account (the report works out the rest)."""

    code: str
    description: str
    category: str
    budget: Decimal = ZERO
    this_period: Decimal = ZERO
    actual: Decimal = ZERO
    commitments: Decimal = ZERO
    etc_entered: Decimal | None = None
    fringe: bool = False  # a fringe account: payroll taxes and union benefits


@dataclass(frozen=True)
class Row:
    code: str
    description: str
    category: str
    budget: Decimal
    this_period: Decimal
    actual: Decimal
    commitments: Decimal
    etc: Decimal
    efc: Decimal
    variance: Decimal
    etc_entered: bool = False
    fringe: bool = False

    def as_json(self) -> dict:
        names = {
            "account": self.code,
            "description": self.description,
            "category": self.category,
            "fringe": self.fringe,
        }
        return names | {name: f"{getattr(self, name):.2f}" for name in COLUMNS}


@dataclass
class Totals:
    name: str
    budget: Decimal = ZERO
    this_period: Decimal = ZERO
    actual: Decimal = ZERO
    commitments: Decimal = ZERO
    etc: Decimal = ZERO
    efc: Decimal = ZERO
    variance: Decimal = ZERO
    accounts: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        for name in COLUMNS:
            setattr(self, name, getattr(self, name) + getattr(row, name))

    def as_json(self) -> dict:
        return {"name": self.name} | {name: f"{getattr(self, name):.2f}" for name in COLUMNS}


@dataclass
class CostReport:
    accounts: list[Row]
    categories: list[Totals]
    total: Totals

    @property
    def fringes(self) -> Totals:
        """The fringe accounts together: what payroll added on top of wages."""
        fringes = Totals("Fringes")
        for row in self.accounts:
            if row.fringe:
                fringes.add(row)
                fringes.accounts.append(row)
        return fringes

    def as_json(self) -> dict:
        return {
            "accounts": [row.as_json() for row in self.accounts],
            "categories": [c.as_json() for c in self.categories],
            "fringes": self.fringes.as_json()
            | {"accounts": [r.code for r in self.fringes.accounts]},
            "total": self.total.as_json(),
        }

    def biggest_variances(self, count: int = 10) -> list[Row]:
        """The accounts furthest from budget either way, overages first when equal."""
        moved = [r for r in self.accounts if r.variance]
        return sorted(moved, key=lambda r: (-abs(r.variance), r.variance))[:count]


def account_row(figures: AccountFigures) -> Row:
    if figures.etc_entered is not None:
        etc = figures.etc_entered
    else:
        etc = max(figures.budget - figures.actual - figures.commitments, ZERO)
    efc = figures.actual + figures.commitments + etc
    return Row(
        figures.code,
        figures.description,
        figures.category,
        figures.budget,
        figures.this_period,
        figures.actual,
        figures.commitments,
        etc,
        efc,
        figures.budget - efc,
        figures.etc_entered is not None,
        figures.fringe,
    )


def build_report(figures: list[AccountFigures]) -> CostReport:
    """Rows in the order given (the chart's order); categories in order of first account."""
    rows = [account_row(f) for f in figures]
    categories: dict[str, Totals] = {}
    total = Totals("Total")
    for row in rows:
        category = categories.setdefault(row.category, Totals(row.category))
        category.add(row)
        category.accounts.append(row)
        total.add(row)
    return CostReport(rows, list(categories.values()), total)


def shown(amount: Decimal) -> str:
    """1,234.56 — an overage (negative) in parentheses: (1,234.56)."""
    text = f"{abs(amount):,.2f}"
    return f"({text})" if amount < 0 else text


def dollars(amount: Decimal) -> str:
    """$1,234.56 (a credit: -$1,234.56), as a sentence states an amount."""
    return f"{'-' if amount < 0 else ''}${abs(amount):,.2f}"
