"""Reading a chart of accounts or a budget from an uploaded table (CSV or XLSX).

Pure Python (no Django). Everything wrong comes back at once, each message naming the
row and column as the user sees them, so a file is fixed in one pass and nothing is
half-imported. Subtotal rows (a "Total" in the account or description, or an amount with
no account) are refused rather than guessed at: they would count twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from callboard.documents.tabular import Table, normalise, unneutralise

HEADERS = {
    "account": (
        "account",
        "acct",
        "account number",
        "acct no",
        "account no",
        "number",
        "acct #",
        "account #",
    ),
    "sub": ("sub account", "subaccount", "sub", "sub acct", "detail"),
    "description": ("description", "desc", "account name", "name", "title"),
    "amount": ("amount", "budget", "total", "budget amount", "estimate"),
    "line": ("line", "atl btl", "above below", "above the line", "atl"),
    "fringe": ("fringe", "fringes", "is fringe"),
    "category": ("category", "group", "section"),
}
_ACCOUNT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")
_TOTAL = re.compile(r"\b(sub)?-?totals?\b", re.IGNORECASE)
# REFERENCE.md's common shape, for charts that do not name their categories.
RANGES = [
    (1000, 1999, "Above the line"),
    (2000, 4999, "Production"),
    (5000, 5999, "Post"),
    (6000, 6999, "Other"),
    (7000, 7999, "Fringes"),
]


class BudgetFileError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class BudgetRow:
    row: int  # as numbered in the file
    account: str
    sub: str
    description: str
    amount: Decimal | None
    above_line: bool
    fringe: bool
    category: str

    @property
    def code(self) -> str:
        return f"{self.account}-{self.sub}" if self.sub else self.account


def default_category(account: str) -> str:
    digits = re.match(r"\d+", account)
    if digits:
        number = int(digits.group())
        for low, high, name in RANGES:
            if low <= number <= high:
                return name
    return "Other"


def _columns(headers: list[str]) -> dict[str, int]:
    found = {}
    for index, header in enumerate(headers):
        key = normalise(header)
        for name, synonyms in HEADERS.items():
            if name not in found and key in synonyms:
                found[name] = index
    return found


def parse_amount(text: str) -> Decimal:
    """'$1,234.50', '(250.00)' (a credit) → Decimal; ValueError for anything else."""
    cleaned = re.sub(r"[\s,$]", "", text)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    try:
        value = Decimal(cleaned.strip("()"))
    except InvalidOperation as exc:
        raise ValueError(f"“{text[:30]}” is not an amount") from exc
    if not value.is_finite():
        raise ValueError(f"“{text[:30]}” is not an amount")
    if value and value.adjusted() > 8:  # the books hold amounts under a billion
        raise ValueError(f"“{text[:30]}” is too large (the most is 999,999,999.99)")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"“{text[:30]}” has more than two decimals")
    return -value if negative else value


def _flag(text: str, yes: tuple[str, ...]) -> bool:
    return normalise(text) in yes


def read_budget_rows(table: Table, *, need_amounts: bool) -> list[BudgetRow]:
    """The table's accounts (with amounts when ``need_amounts``); BudgetFileError listing
    every problem otherwise."""
    columns = _columns(table.headers)
    problems = []
    for name in ("account", "description") + (("amount",) if need_amounts else ()):
        if name not in columns:
            problems.append(
                f"No “{name}” column: name it in the first row (e.g. “{HEADERS[name][0].title()}”)."
            )
    if problems:
        raise BudgetFileError(problems)

    def cell(values: list[str], name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(values):
            return ""
        return unneutralise(values[index].strip())  # as our own exports wrote it

    rows, seen = [], {}
    for number, values in zip(table.row_numbers, table.rows, strict=True):
        account, sub = cell(values, "account"), cell(values, "sub")
        description, amount_text = cell(values, "description"), cell(values, "amount")
        if not any(v.strip() for v in values):
            continue
        if _TOTAL.search(account) or _TOTAL.search(description) or (not account and amount_text):
            problems.append(
                f"Row {number} looks like a subtotal (“{(description or account)[:40]}”): "
                f"remove subtotal and total rows; Callboard adds up the accounts itself."
            )
            continue
        if not account:
            if description:
                problems.append(f"Row {number}: “{description[:40]}” has no account number.")
            continue
        if not _ACCOUNT.match(account) or (sub and not _ACCOUNT.match(sub)):
            problems.append(
                f"Row {number}, column Account: “{(account + ' ' + sub)[:30]}” is not an "
                f"account number (digits, letters, dots and dashes)."
            )
            continue
        amount = None
        if amount_text:
            try:
                amount = parse_amount(amount_text)
            except ValueError as exc:
                problems.append(f"Row {number}, column Amount: {exc}.")
                continue
        elif need_amounts:
            problems.append(
                f"Row {number}, column Amount: empty (write 0 for an account with no budget)."
            )
            continue
        code = f"{account}-{sub}" if sub else account
        if code in seen:
            problems.append(
                f"Row {number}: account {code} appears again (first on row {seen[code]})."
            )
            continue
        seen[code] = number
        line = cell(values, "line")
        above = (
            _flag(line, ("atl", "above", "above the line", "yes", "y"))
            if line
            else default_category(account) == "Above the line"
        )
        fringe_text = cell(values, "fringe")
        fringe = (
            _flag(fringe_text, ("yes", "y", "true", "x", "fringe"))
            if fringe_text
            else default_category(account) == "Fringes"
        )
        rows.append(
            BudgetRow(
                number,
                account,
                sub,
                description[:200],
                amount,
                above,
                fringe,
                cell(values, "category")[:80] or default_category(account),
            )
        )
        if len(problems) >= 50:
            break
    if not rows and not problems:
        problems.append("The file has no accounts.")
    if problems:
        raise BudgetFileError(problems)
    return rows


@dataclass(frozen=True)
class BudgetChange:
    """One account whose amount differs between the current version and a file."""

    code: str
    description: str
    before: Decimal | None  # None: not in the current version
    after: Decimal | None  # None: not in the file (the new version drops it)

    @property
    def difference(self) -> Decimal:
        return (self.after or Decimal(0)) - (self.before or Decimal(0))


def budget_changes(
    current: dict[str, tuple[str, Decimal]], rows: list[BudgetRow]
) -> list[BudgetChange]:
    """Account by account, what a new version changes from the current one (``current``:
    code → (description, amount)): in the file's order, then the accounts it leaves out."""
    changes = []
    for row in rows:
        description, before = current.get(row.code, (row.description, None))
        if before != row.amount:
            changes.append(
                BudgetChange(row.code, row.description or description, before, row.amount)
            )
    in_file = {row.code for row in rows}
    changes += [
        BudgetChange(code, description, amount, None)
        for code, (description, amount) in current.items()
        if code not in in_file
    ]
    return changes
