"""Import reads the headings crew lists really carry, and every message names the column the way
the file spells it."""

from decimal import Decimal

import pytest

from callboard.people.columns import person_columns
from callboard.people.mapping import guess_mapping
from callboard.people.models import Person
from callboard.people.tests.test_import import commit, upload

EXPECTED = {
    "first_name": ["First", "FIRST NAME", "first_name", "First-Name", "Given Name"],
    "last_name": ["Last", "Last Name", "LAST", "Surname", "Family name"],
    "department": ["Dept", "Dept.", "DEPT", "Department", "Dept:"],
    "position": ["Title", "Job Title", "JOB  TITLE", "Position", "Job"],
    "email": ["E-mail", "Email", "Email Address", "E-Mail Address", "e mail", "EMAIL:"],
    "phone": [
        "Cell",
        "Mobile",
        "Cell Phone",
        "Cell #",
        "Mobile #",
        "Cell No.",
        "Mobile Number",
        "Cellphone",
        "Cell phone number",
        "Phone",
    ],
    "rate_unit": ["Rate Type", "Rate Per", "RATE-TYPE", "rate_per", "Per", "Rate unit", "Pay Per"],
    "rate": ["Rate", "Pay Rate", "Rate ($)", "Wage"],
    "postal_code": ["Zip", "ZIP CODE", "Zip/Postal", "Postal Code"],
    "start_date": ["Start", "Start Date", "Start date:"],
    "is_department_head": ["Dept Head", "Head of Dept", "Department head"],
}


@pytest.mark.parametrize(
    ("field", "heading"), [(f, h) for f, headings in EXPECTED.items() for h in headings]
)
def test_common_spreadsheet_headings_find_their_field(coordinator, production, field, heading):
    columns = person_columns(kind="crew", membership=coordinator.memberships.get())
    headers = ["Name", heading] if field not in ("first_name", "last_name") else [heading]
    mapping = guess_mapping(headers, columns)
    assert mapping[field] == headers.index(heading), f"{heading!r} should map to {field}"


def test_a_sheet_with_the_usual_headings_imports_without_touching_the_mapping(
    coordinator_client, production
):
    csv = (
        "First,Last,Dept.,Job Title,Email Address,Cell Phone,Rate,Rate Type\n"
        "Ana,Ruiz,Camera,1st AC,ana@example.test,(323) 555-0111,62.50,Hourly\n"
    )
    review = upload(coordinator_client, production, csv.encode())
    assert "All 1 rows are ready to import" in review.content.decode()
    commit(coordinator_client, production, review)
    ana = Person.objects.get()
    assert (ana.first_name, ana.last_name, ana.department.name, ana.position) == (
        "Ana",
        "Ruiz",
        "Camera",
        "1st AC",
    )
    assert (ana.email, ana.phone, ana.rate, ana.rate_unit) == (
        "ana@example.test",
        "(323) 555-0111",
        Decimal("62.50"),
        "hour",
    )


def _errors(response) -> list[str]:
    return [str(e) for e in response.context["review"].row_errors] + list(
        response.context["review"].file_problems
    )


def test_a_rate_without_its_unit_names_the_rate_column_as_the_file_spells_it(
    coordinator_client, production
):
    csv = "Crew Member,PAY RATE\nAna Ruiz,62.50\n"
    errors = _errors(upload(coordinator_client, production, csv.encode()))
    assert errors == [
        "Row 2, column 'PAY RATE': say whether the rate is per hour, day or week "
        "(add a 'Rate per' column: hour, day or week)"
    ]
    assert not any("rate_unit" in e for e in errors)


def test_a_name_too_long_for_the_list_names_the_files_name_column(coordinator_client, production):
    csv = f"Crew Member,E-MAIL\nAna {'R' * 120},ana@example.test\n"
    errors = _errors(upload(coordinator_client, production, csv.encode()))
    assert errors and all("'Crew Member'" in e for e in errors), errors
    assert not any("last_name" in e or "Last name" in e for e in errors)


def test_two_fields_on_one_column_name_the_column_by_its_heading(coordinator_client, production):
    response = upload(coordinator_client, production, b"First,Last,Cell\nAna,Ruiz,555-0111\n")
    from callboard.people.models import ImportBatch

    batch = ImportBatch.objects.latest("created_at")
    mapping = {
        f"map_{spec.name}": "" if index is None else index
        for spec, index in response.context["mapping_rows"]
    }
    mapping["map_phone_other"] = 2  # "Cell" chosen twice
    page = coordinator_client.post(
        f"/p/{production.slug}/people/import/{batch.pk}/", mapping | {"action": "map"}
    ).content.decode()
    assert "mapped to the same column" in page
    assert "column &#x27;Cell&#x27; (C)" in page or "column 'Cell' (C)" in page


def test_every_row_error_names_a_heading_of_the_file(coordinator_client, production):
    csv = (
        "Full Name,E Mail,Cell #,Dept,Rate ($),Rate Type,Start,End,Dept Head\n"
        "Ana Ruiz,not-mail,12,Craft Trucks,abc,fortnight,someday,1/1/2027,maybe\n"
    )
    response = upload(coordinator_client, production, csv.encode())
    headings = {
        "Full Name",
        "E Mail",
        "Cell #",
        "Dept",
        "Rate ($)",
        "Rate Type",
        "Start",
        "End",
        "Dept Head",
    }
    errors = response.context["review"].row_errors
    assert len(errors) >= 7
    assert {e.column for e in errors} <= headings, [str(e) for e in errors]


def test_a_unit_it_cannot_read_lists_the_plain_choices(coordinator_client, production):
    csv = "First,Last,Rate,Rate Type\nAna,Ruiz,62.50,fortnightly\n"
    errors = _errors(upload(coordinator_client, production, csv.encode()))
    assert errors == ["Row 2, column 'Rate Type': “fortnightly” is not one of: hour, day, week"]
