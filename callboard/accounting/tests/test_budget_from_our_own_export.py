"""A chart written by our own CSV or XLSX writer reads back as the values it holds."""

from decimal import Decimal

import pytest

from callboard.accounting.budgetfile import read_budget_rows
from callboard.documents.tabular import read_table, write_csv
from callboard.documents.xlsx import write_xlsx

HEADERS = ["Account", "Description", "Amount"]
ROWS = [["2700", '=HYPERLINK("http://x","y")', Decimal("-250.00")], ["2800", "@SUM(1)", 0]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_budget_with_formula_like_descriptions_reads_back_unchanged(fmt):
    if fmt == "csv":
        data = write_csv(HEADERS, ROWS)
    else:
        data = write_xlsx(HEADERS, ROWS, sheet_title="Budget")
    rows = read_budget_rows(read_table(f"budget.{fmt}", data, max_bytes=10**6), need_amounts=True)
    assert [(r.code, r.description, r.amount) for r in rows] == [
        ("2700", '=HYPERLINK("http://x","y")', Decimal("-250.00")),
        ("2800", "@SUM(1)", Decimal("0")),
    ]
