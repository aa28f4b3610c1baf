"""Reading a chart of accounts or a budget from a file: every problem named by row (pure)."""

from decimal import Decimal

import pytest

from callboard.accounting.budgetfile import BudgetFileError, read_budget_rows
from callboard.documents.tabular import read_table


def _rows(text: str, *, need_amounts=True):
    return read_budget_rows(
        read_table("budget.csv", text.encode(), max_bytes=10**6), need_amounts=need_amounts
    )


def test_a_budget_reads_with_categories_lines_and_credits():
    rows = _rows(
        'Account,Sub,Description,Amount\n1400,,Cast,"$250,000.00"\n2700,01,Set dressing,12500\n'
        "2700,95,Set dressing materials,(500.00)\n7100,,Fringes,18000\n"
    )
    assert [(r.code, r.amount, r.category, r.above_line, r.fringe) for r in rows] == [
        ("1400", Decimal("250000.00"), "Above the line", True, False),
        ("2700-01", Decimal("12500"), "Production", False, False),
        ("2700-95", Decimal("-500.00"), "Production", False, False),
        ("7100", Decimal("18000"), "Fringes", False, True),
    ]


def test_every_problem_is_named_and_nothing_is_returned():
    with pytest.raises(BudgetFileError) as caught:
        _rows(
            "Acct,Description,Budget\n2700,Set dressing,1000\n2700,Set dressing again,200\n"
            "2800,Props,TBD\n,Total production,1200\n2900,Subtotal,5\n3000,Wardrobe,1.005\n"
        )
    assert caught.value.problems == [
        "Row 3: account 2700 appears again (first on row 2).",
        "Row 4, column Amount: “TBD” is not an amount.",
        "Row 5 looks like a subtotal (“Total production”): remove subtotal and total rows; "
        "Callboard adds up the accounts itself.",
        "Row 6 looks like a subtotal (“Subtotal”): remove subtotal and total rows; "
        "Callboard adds up the accounts itself.",
        "Row 7, column Amount: “1.005” has more than two decimals.",
    ]


def test_a_file_without_the_needed_columns_says_which():
    with pytest.raises(BudgetFileError, match="No “amount” column"):
        _rows("Account,Description\n2700,Set dressing\n")
    assert _rows("Account,Description\n2700,Set dressing\n", need_amounts=False)[0].amount is None
