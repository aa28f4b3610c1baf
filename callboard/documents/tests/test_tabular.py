"""Pure tests of the file reader, validator and writers (no database, no Django)."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from callboard.documents.tabular import (
    Table,
    TableError,
    VCard,
    neutralise,
    read_table,
    write_csv,
    write_vcards,
)
from callboard.documents.xlsx import write_xlsx

MB = 1024 * 1024
CREW_CSV = (
    "First name,Last name,Email\r\nJosé,García,jose@example.com\r\nAnn,Lee,ann@example.com\r\n"
)


def read(filename: str, data: bytes) -> Table:
    return read_table(filename, data, max_bytes=10 * MB)


def problems(filename: str, data: bytes) -> list[str]:
    with pytest.raises(TableError) as caught:
        read(filename, data)
    return caught.value.problems


def xlsx(rows: list[list], build=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if build:
        build(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Reading CSV -------------------------------------------------------------------------------


def test_utf8_csv_reads_headers_rows_and_user_visible_row_numbers():
    table = read("crew.csv", CREW_CSV.encode())
    assert table.headers == ["First name", "Last name", "Email"]
    assert table.rows == [["José", "García", "jose@example.com"], ["Ann", "Lee", "ann@example.com"]]
    assert table.row_numbers == [2, 3]


def test_utf8_csv_with_bom_reads_the_same_as_utf8():
    assert read("crew.csv", b"\xef\xbb\xbf" + CREW_CSV.encode()) == read(
        "crew.csv", CREW_CSV.encode()
    )


def test_utf16_csv_with_bom_reads_the_same_as_utf8():
    plain = read("crew.csv", CREW_CSV.encode())
    assert read("crew.csv", b"\xff\xfe" + CREW_CSV.encode("utf-16-le")) == plain
    assert read("crew.csv", b"\xfe\xff" + CREW_CSV.encode("utf-16-be")) == plain


def test_utf32_csv_with_bom_reads_the_same_as_utf8():
    data = b"\xff\xfe\x00\x00" + CREW_CSV.encode("utf-32-le")
    assert read("crew.csv", data) == read("crew.csv", CREW_CSV.encode())


def test_utf16_csv_without_bom_is_recognised_by_its_nul_bytes():
    assert read("crew.csv", CREW_CSV.encode("utf-16-le")) == read("crew.csv", CREW_CSV.encode())


def test_latin1_csv_keeps_the_accent_in_jose():
    assert read("crew.csv", CREW_CSV.encode("latin-1")).rows[0][:2] == ["José", "García"]


def test_semicolon_and_tab_delimited_files_are_sniffed():
    semicolons = b"Name;Rate\r\nAnn Lee;1,5\r\nBo Ek;2,0\r\n"
    assert read("crew.csv", semicolons).rows == [["Ann Lee", "1,5"], ["Bo Ek", "2,0"]]
    assert read("crew.txt", b"Name\tCity\nAnn Lee\tOslo, NO\n").rows == [["Ann Lee", "Oslo, NO"]]


def test_blank_rows_are_skipped_and_line_endings_of_any_kind_work():
    table = read("crew.csv", b"\r\n,,\r\nName,City\r\r\nAnn,Oslo\rBo,\x00Rome\n\n")
    assert table.headers == ["Name", "City"]
    assert table.rows == [["Ann", "Oslo"], ["Bo", "Rome"]]
    assert table.row_numbers == [5, 6]


def test_blank_headers_are_named_after_their_spreadsheet_column():
    table = read("crew.csv", b"Name,,City\nAnn,x,Oslo\nBo\n")
    assert table.headers == ["Name", "Column B", "City"]
    assert table.rows[1] == ["Bo", "", ""]


def test_a_row_with_more_values_than_headers_is_a_problem_naming_the_row():
    (problem,) = problems("crew.csv", b"Name,City\nAnn,Oslo\nLee, Bo,Rome\nCy,Paris,,\n")
    assert problem.startswith("Row 3 has more values") and "“Rome”" in problem


def test_a_20_mb_file_is_rejected_with_its_size_and_the_limit():
    assert problems("crew.csv", b"x" * (20 * MB)) == ["The file is 20.0 MB; the limit is 10 MB."]


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("crew.xls", b"\xd0\xcf\x11\xe0 old excel", "(.xlsx) or CSV"),
        ("crew.xls", b"<html><table>", "(.xlsx) or CSV"),
        ("crew.xlsx", b"\xd0\xcf\x11\xe0 encrypted", "password-protected"),
        ("crew.pdf", b"%PDF-1.7", ".csv"),
        ("crew.csv", b"", "empty"),
        ("crew.csv", b" , \r\n\r\n", "no header row"),
        ("crew.csv", b"Name,City\r\n,\r\n", "no rows below it"),
        ("crew.xlsx", b"Name,City\nAnn,Oslo\n", "not a readable Excel file"),
        ("crew.xlsx", b"PK\x03\x04 truncated zip", "not a readable Excel file"),
    ],
)
def test_unreadable_files_get_one_clear_problem(filename, data, expected):
    (problem,) = problems(filename, data)
    assert expected in problem


def test_a_zip_that_is_not_a_workbook_is_not_a_readable_excel_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not a readable Excel file" in problems("crew.xlsx", buffer.getvalue())[0]


def test_more_than_20000_data_rows_is_refused_with_the_limit():
    data = b"Name\n" + b"x\n" * 20_001
    assert "the limit is 20,000" in problems("crew.csv", data)[0]


# Reading XLSX ------------------------------------------------------------------------------


def test_xlsx_dates_int_floats_and_booleans_become_plain_text():
    data = xlsx(
        [
            ["Name", "Start", "Call", "ID", "Rate", "Head", None],
            ["Ann", datetime(2026, 1, 5), datetime(2026, 1, 5, 7, 30), 12.0, 1.5, True, None],
            [None, None, None, None, None, None, None],
            ["Bo", date(2026, 2, 1), None, 7, None, False],
        ]
    )
    table = read("crew.xlsx", data)
    assert table.headers == ["Name", "Start", "Call", "ID", "Rate", "Head"]
    assert table.rows == [
        ["Ann", "2026-01-05", "2026-01-05 07:30", "12", "1.5", "TRUE"],
        ["Bo", "2026-02-01", "", "7", "", "FALSE"],
    ]
    assert table.row_numbers == [2, 4]


def test_a_workbook_named_csv_is_read_as_excel():
    assert read("crew.csv", xlsx([["Name"], ["Ann"]])).rows == [["Ann"]]


def test_the_first_visible_sheet_is_read():
    def hide_first(sheet):
        sheet.sheet_state = "hidden"
        other = sheet.parent.create_sheet("Crew")
        other.append(["Name"])
        other.append(["Visible"])

    assert read("crew.xlsx", xlsx([["Name"], ["Hidden"]], hide_first)).rows == [["Visible"]]


def test_a_formula_cell_is_a_problem_naming_the_row_and_header():
    data = xlsx([["Name", "Phone"], ["Ann", "555 0100"], ["", ""], ["Bo", "=A1&B1"]])
    assert problems("crew.xlsx", data) == [
        "Row 4, column 'Phone': the cell holds a formula (=A1&B1). Paste values instead."
    ]


def test_merged_cells_are_a_problem_naming_the_range():
    data = xlsx(
        [["Name", "Dept"], ["Ann", "Camera"], ["Bo", None]], lambda s: s.merge_cells("B2:B3")
    )
    assert problems("crew.xlsx", data) == [
        "Row 2, column 'Dept': merged cells (B2:B3). Unmerge them and fill every cell."
    ]


def test_title_lines_above_the_header_are_skipped_even_when_merged():
    def title(sheet):
        sheet.insert_rows(1, 2)
        sheet["A1"] = "THE LONG WEEKEND - CREW LIST"
        sheet.merge_cells("A1:C1")
        sheet["A2"] = "Updated 5 Jan"

    table = read("crew.xlsx", xlsx([["Name", "Dept", "Phone"], ["Ann", "Camera", "555"]], title))
    assert (table.headers, table.rows, table.row_numbers) == (
        ["Name", "Dept", "Phone"],
        [["Ann", "Camera", "555"]],
        [4],
    )


def test_a_one_column_list_keeps_its_first_row_as_the_header():
    assert read("crew.csv", b"Name\nAnn Lee\nBo Ek\n").rows == [["Ann Lee"], ["Bo Ek"]]


def test_problems_are_capped_at_50():
    data = xlsx([["Total"], *[[f"=A{n}+1"] for n in range(1, 61)]])
    found = problems("crew.xlsx", data)
    assert len(found) == 51 and found[-1] == "... and 10 more"


def test_stray_formatting_far_away_does_not_widen_the_table():
    def format_far_cell(sheet):
        sheet["Z5000"].number_format = "0.00"

    table = read("crew.xlsx", xlsx([["Name"], ["Ann"]], format_far_cell))
    assert (table.headers, table.rows) == (["Name"], [["Ann"]])


# Writing -----------------------------------------------------------------------------------


def test_neutralise_prefixes_formula_triggers_but_not_signed_numbers_or_phone_numbers():
    assert [neutralise(v) for v in ["=1+1", "+cmd", "-x", "@a", "\tx", "\r=1", "Ann"]] == [
        "'=1+1",
        "'+cmd",
        "'-x",
        "'@a",
        "'\tx",
        "'\r=1",
        "Ann",
    ]
    for number in ["-250.00", "+1 310 555 0101", "+1 (310) 555-0101", "-1,234.50", "-"]:
        assert neutralise(number) == number
    assert neutralise(-5) == -5 and neutralise(None) is None


def test_write_csv_neutralises_formulas_and_reads_back():
    data = write_csv(
        ["Name", "Start", "Rate", "Phone"],
        [["=cmd|' /C calc'!A0", date(2026, 1, 5), Decimal("1E+3"), None]],
    )
    assert data.startswith(b"\xef\xbb\xbfName,Start,Rate,Phone\r\n")
    assert read("export.csv", data).rows == [["'=cmd|' /C calc'!A0", "2026-01-05", "1000.00", ""]]


def test_write_xlsx_stores_text_that_looks_like_a_formula_as_a_string():
    data = write_xlsx(
        ["Name", "Start", "Rate"],
        [["=1+1", date(2026, 1, 5), Decimal("12.50")], ["#N/A", None, 3]],
        sheet_title="Crew: main/unit",
        title="Crew list",
    )
    assert read("crew.xlsx", data).rows[0] == ["'=1+1", "2026-01-05", "12.5"]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Crew  main unit"
    assert sheet["A1"].value == "Crew list" and sheet["A1"].font.b
    assert sheet["A2"].font.b and sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:C4"
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("'=1+1", "s")
    assert (sheet["A4"].value, sheet["A4"].data_type) == ("#N/A", "s")
    assert sheet["B3"].value == datetime(2026, 1, 5) and sheet["B3"].number_format == "yyyy-mm-dd"
    assert sheet["C3"].value == 12.5 and sheet["C4"].data_type == "n"


def test_vcards_escape_special_characters_and_fold_long_lines():
    card = VCard(
        "Ann Lee",
        "Ann",
        "Lee",
        organisation="Big, Film; Inc",
        department="Camera",
        email="ann@example.com",
        phone_mobile="+1 555 0100",
        note="Line one\nback\\slash " + "é" * 60,
    )
    text = write_vcards([card, VCard("Bo Ek", "Bo", "Ek")]).decode()
    lines = text.split("\r\n")
    assert lines[:4] == ["BEGIN:VCARD", "VERSION:3.0", "N:Lee;Ann;;;", "FN:Ann Lee"]
    assert "ORG:Big\\, Film\\; Inc;Camera" in lines
    assert "EMAIL;TYPE=INTERNET:ann@example.com" in lines and "TEL;TYPE=CELL:+1 555 0100" in lines
    assert not any(line.startswith("ADR") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "NOTE:Line one\\nback\\\\slash " + "é" * 60 + "\r\n" in unfolded
    assert text.count("BEGIN:VCARD") == 2 and text.endswith("END:VCARD\r\n")


def test_vcard_address_appears_when_any_part_is_set():
    text = write_vcards([VCard("Bo Ek", "Bo", "Ek", city="Oslo")]).decode()
    assert "ADR;TYPE=HOME:;;;Oslo;;;\r\n" in text


# Round trip --------------------------------------------------------------------------------

# Any text but lone surrogates (not encodable) and NUL (stripped on reading by design).
cell_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12
)
# Headers must be non-blank words so the header row is recognised as such.
header_text = st.from_regex(r"[A-Za-z][A-Za-z ]{0,8}[a-z]", fullmatch=True)


@st.composite
def text_tables(draw):
    headers = draw(st.lists(header_text, min_size=1, max_size=5))
    row = st.lists(cell_text, min_size=len(headers), max_size=len(headers))
    return headers, draw(st.lists(row, min_size=1, max_size=6))


@settings(max_examples=200, deadline=None)
@given(text_tables())
def test_any_text_rows_written_by_write_csv_read_back_as_the_same_values(table):
    headers, rows = table
    # Reading strips whitespace and skips blank rows; writing prefixes formula-like text.
    expected = [[neutralise(value).strip() for value in row] for row in rows]
    expected = [row for row in expected if any(row)]
    written = write_csv(headers, rows)
    if not expected:
        assert "no rows below it" in problems("export.csv", written)[0]
    else:
        assert read("export.csv", written).rows == expected


def test_a_zip_bomb_posing_as_a_workbook_is_refused_before_unpacking():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (250 * 1024 * 1024))
    with pytest.raises(TableError, match="unpacks to"):
        read_table("crew.xlsx", buffer.getvalue(), max_bytes=10 * 1024 * 1024)


def test_shared_strings_with_rich_text_and_phonetic_guides_read_as_excel_shows_them():
    from callboard.documents.bombs import HEADER_ROW, sheet_xml, workbook

    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>Ann</t></si><si><r><t>Cam</t></r><r><rPr><b/></rPr><t>era</t></r></si>"
        '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si></sst>'
    )
    rows = (
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="b"><v>1</v></c></row>'
    )
    data = workbook(
        {"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW + rows), "xl/sharedStrings.xml": strings}
    )
    assert read("crew.xlsx", data).rows == [["Ann", "Camera"], ["山田", "TRUE"]]


def test_a_sheet_with_a_dtd_is_not_read():
    from callboard.documents.bombs import workbook

    sheet = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    assert (
        "not a readable Excel file"
        in problems("crew.xlsx", workbook({"xl/worksheets/sheet1.xml": sheet}))[0]
    )
