"""Every spreadsheet the app reads goes through documents.tabular.read_table, and every one it
writes through write_csv or Spreadsheet (tabular's Excel half, documents.xlsx): nothing else
opens a workbook or a csv module writer."""

import re
from pathlib import Path

import callboard

ROOT = Path(callboard.__file__).parent
ALLOWED = {ROOT / "documents" / "tabular.py", ROOT / "documents" / "xlsx.py"}
DIRECT = re.compile(r"\bWorkbook\(|load_workbook\(|csv\.(writer|DictWriter|reader|DictReader)\(")


def test_no_module_but_tabular_reads_or_writes_a_spreadsheet_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if path not in ALLOWED and "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if DIRECT.search(line)
    ]
    assert offenders == []
