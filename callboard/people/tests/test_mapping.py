"""People's import mapping (people/mapping.py): which column is which field, the mapping's
problems, each cell as a Python value or a row error naming the row and column. Moved here
from documents' tabular tests with the mapping itself (issue 16)."""

from datetime import date
from decimal import Decimal

import pytest

from callboard.documents.tabular import Table
from callboard.people.mapping import (
    FULL_NAME,
    FieldSpec,
    RowError,
    guess_mapping,
    mapping_problems,
    validate_rows,
)

FIELDS = [
    FieldSpec("first_name", "First name", required=True, max_length=20, synonyms=("first",)),
    FieldSpec("last_name", "Last name", required=True, synonyms=("surname",)),
    FieldSpec("email", "E-mail", kind="email", unique=True, synonyms=("email address",)),
    FieldSpec("phone", "Mobile", kind="phone", synonyms=("cell", "phone")),
    FieldSpec("start_date", "Start date", kind="date"),
    FieldSpec("cast_number", "Cast ID", kind="int", unique=True),
    FieldSpec("rate", "Rate", kind="decimal"),
    FieldSpec("status", "Status", kind="choice", choices={"prep": "prepping", "shoot": "shooting"}),
    FieldSpec("is_head", "Head", kind="bool"),
]


def check(rows: list[list[str]], fields=FIELDS, headers=None):
    """Validate rows (data starting at row 2) under the guessed mapping."""
    headers = headers or [spec.label for spec in fields]
    table = Table(headers, rows, list(range(2, len(rows) + 2)))
    return validate_rows(table, guess_mapping(headers, fields), fields)


# Mapping and validating --------------------------------------------------------------------


def test_guess_mapping_matches_labels_before_synonyms_and_uses_each_column_once():
    headers = ["Phone", "Mobile", "E-MAIL", "surname", "First", "Notes"]
    mapping = guess_mapping(headers, FIELDS)
    assert mapping["phone"] == 1 and mapping["email"] == 2
    assert (mapping["first_name"], mapping["last_name"]) == (4, 3)
    assert mapping[FULL_NAME] is None and mapping["status"] is None


def test_a_name_column_is_mapped_as_full_name_and_satisfies_both_halves():
    mapping = guess_mapping(["Crew Member", "Email"], FIELDS)
    assert mapping[FULL_NAME] == 0
    assert mapping_problems(mapping, FIELDS) == []


def test_missing_required_column_is_a_mapping_problem():
    mapping = guess_mapping(["First name", "Email"], FIELDS)
    assert mapping_problems(mapping, FIELDS) == [
        "Required column 'Last name' is not mapped to any column in the file."
    ]


def test_two_fields_on_one_column_is_a_mapping_problem():
    mapping = {"first_name": 0, "last_name": 0, "email": None}
    assert "same column (A)" in mapping_problems(mapping, FIELDS)[0]


def test_valid_rows_become_python_values():
    cells = {
        "First name": "Ann",
        "Last name": "Lee",
        "E-mail": " ANN@Example.com",
        "Mobile": "'+1 (555) 010-0199 x12",
        "Start date": "Jan 5, 2026",
        "Cast ID": "12.0",
        "Rate": "$1,200.00",
        "Status": "Shoot",
        "Head": "x",
    }
    rows, errors = check([list(cells.values())], headers=list(cells))
    assert errors == []
    assert rows[0] == {
        "first_name": "Ann",
        "last_name": "Lee",
        "email": "ann@example.com",
        "phone": "+1 (555) 010-0199 x12",
        "start_date": date(2026, 1, 5),
        "cast_number": 12,
        "rate": Decimal("1200.00"),
        "status": "shooting",
        "is_head": True,
    }


@pytest.mark.parametrize(
    "text", ["2026-01-05", "1/5/2026", "01/05/26", "01-05-2026", "Jan 5, 2026", "5 January 2026"]
)
def test_every_accepted_date_spelling_reads_as_the_same_day(text):
    rows, errors = check([["Ann", "Lee", text]], headers=["First name", "Last name", "Start date"])
    assert (rows[0]["start_date"], errors) == (date(2026, 1, 5), [])


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("E-mail", "ann@", "is not an e-mail address"),
        ("Mobile", "555-01", "is not a phone number"),
        ("Start date", "2/30/2026", "“2/30/2026” is not a date"),
        ("Cast ID", "3.5", "is not a whole number"),
        ("Rate", "lots", "is not a number"),
        ("Status", "wrapped", "is not one of: prep, shoot"),
        ("Head", "maybe", "is not yes or no"),
        ("First name", "A" * 21, "is 21 characters long; the limit is 20"),
        ("Last name", "", "is required"),
    ],
)
def test_invalid_values_are_row_errors_naming_row_and_column(label, value, message):
    cells = {"First name": "Ann", "Last name": "Lee", label: value}
    rows, errors = check([list(cells.values())], headers=list(cells))
    (error,) = errors
    assert (error.row, error.column) == (2, label) and message in error.message
    assert rows[0][next(spec.name for spec in FIELDS if spec.label == label)] is None


def test_a_formula_in_a_name_is_a_row_error_naming_the_row_and_column():
    _, errors = check(
        [["Ann", "Lee"], ["=cmd|' /C calc'!A0", "Lee"]], headers=["First", "Last name"]
    )
    assert [str(error) for error in errors] == [
        "Row 3, column 'First': looks like a spreadsheet formula (=cmd|' /C calc'!A0); "
        "Callboard does not import formulas"
    ]


def test_dash_placeholders_are_not_formulas():
    rows, errors = check([["Ann", "-", "-"]], headers=["First name", "Last name", "Mobile"])
    assert errors == [] and rows[0]["last_name"] == "-" and rows[0]["phone"] is None


def test_duplicate_email_in_the_file_names_both_rows():
    rows = [
        ["Ann", "Lee", "ann@example.com"],
        ["Bo", "Ek", "bo@example.com"],
        ["Ann", "Lee", "ANN@example.com"],
    ]
    _, errors = check(rows, headers=["First name", "Last name", "Email"])
    assert errors == [RowError(4, "Email", "duplicates row 2 (ann@example.com)")]


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("Ann Lee", "Ann", "Lee"),
        ("Mary Ann  van Lee", "Mary Ann", "van Lee"),  # surname particles stay with the last name
        ("Lee, Mary Ann", "Mary Ann", "Lee"),
        ("Martin Luther King, Jr.", "Martin Luther", "King Jr."),
    ],
)
def test_full_name_is_split_into_first_and_last(name, first, last):
    rows, errors = check([[name]], headers=["Name"])
    assert errors == []
    assert (rows[0]["first_name"], rows[0]["last_name"]) == (first, last)


def test_a_one_word_full_name_is_missing_its_first_name():
    _, errors = check([["Cher"], [""]], headers=["Full name"])
    assert [str(error) for error in errors] == [
        "Row 2, column 'Full name': has no first name (write “First Last” or “Last, First”)",
        "Row 3, column 'Full name': is required",
    ]
