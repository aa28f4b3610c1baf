import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.core.models import AuditEvent
from callboard.people.models import ImportBatch, Person
from callboard.people.testing import make_person

HEADER = "Name,Department,Position,E-mail,Cell,Union,Local,Start\n"
GOOD = HEADER + (
    "Ana Ruiz,Camera,1st AC,ana@example.test,(323) 555-0111,IATSE,600,1/10/2027\n"
    "Bo Lee,Grip,Best Boy Grip,bo@example.test,(323) 555-0112,IATSE,80,2027-01-12\n"
    "José Núñez,Electric,Gaffer,jose@example.test,(323) 555-0113,IATSE,728,Jan 12 2027\n"
)


def upload(client, production, content: bytes, name="crew.csv", kind="crew"):
    return client.post(
        f"/p/{production.slug}/people/import/",
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def commit(client, production, response):
    batch = ImportBatch.objects.latest("created_at")
    mapping = {
        f"map_{spec.name}": "" if index is None else index
        for spec, index in response.context["mapping_rows"]
    }
    return client.post(
        f"/p/{production.slug}/people/import/{batch.pk}/",
        mapping | {"action": "commit"},
        follow=True,
    )


def test_a_clean_csv_is_previewed_then_imported_in_full(coordinator_client, production):
    review = upload(coordinator_client, production, GOOD.encode())
    page = review.content.decode()
    assert "All 3 rows are ready to import" in page
    assert not Person.objects.exists()
    done = commit(coordinator_client, production, review)
    assert "Imported 3 people" in done.content.decode()
    jose = Person.objects.get(email="jose@example.test")
    assert (jose.first_name, jose.last_name, jose.department.name) == ("José", "Núñez", "Electric")
    assert str(jose.start_date) == "2027-01-12"
    history = AuditEvent.objects.filter(
        action="import", object_type="person", object_id=jose.pk
    ).get()
    assert history.changes["last_name"] == [None, "Núñez"]
    assert "crew.csv" in history.actor_label


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_other_encodings_and_a_bom_read_the_same(coordinator_client, production, encoding):
    review = upload(coordinator_client, production, GOOD.encode(encoding))
    assert "All 3 rows are ready to import" in review.content.decode()
    commit(coordinator_client, production, review)
    assert Person.objects.filter(last_name="Núñez").exists()


def test_one_bad_row_means_nothing_is_written_and_the_row_and_column_are_named(
    coordinator_client, production
):
    bad = GOOD + "Cy Cole,Camera,Loader,not-an-email,(323) 555-0114,,,\n"
    review = upload(coordinator_client, production, bad.encode())
    page = review.content.decode()
    assert "Row 5, column &#x27;E-mail&#x27;" in page or "Row 5, column 'E-mail'" in page
    done = commit(coordinator_client, production, review)
    assert "Nothing was imported" in done.content.decode()
    assert not Person.objects.exists()


def test_duplicate_emails_in_the_file_or_already_on_the_show_are_refused(
    coordinator_client, production
):
    make_person(production, email="bo@example.test")
    dup = GOOD + "Ana Again,Camera,Loader,ana@example.test,,,,\n"
    page = upload(coordinator_client, production, dup.encode()).content.decode()
    assert "bo@example.test is already on this production" in page
    assert "duplicates row 2" in page
    assert Person.objects.count() == 1


def test_an_unknown_department_is_named(coordinator_client, production):
    page = upload(
        coordinator_client,
        production,
        (HEADER + "Ana Ruiz,Catering Trucks,Chef,a@x.test,,,,\n").encode(),
    ).content.decode()
    assert "no department called “Catering Trucks”" in page


def test_missing_required_columns_are_named(coordinator_client, production):
    page = upload(
        coordinator_client, production, b"Position,Phone\nGaffer,(323) 555-0100\n"
    ).content.decode()
    assert "is not mapped to any column" in page
    assert not Person.objects.exists()


def test_a_formula_injection_in_a_name_is_refused(coordinator_client, production):
    evil = HEADER + "=cmd|' /C calc'!A0 Smith,Camera,Loader,evil@example.test,,,,\n"
    page = upload(coordinator_client, production, evil.encode()).content.decode()
    assert "formula" in page and "Row 2" in page
    assert not Person.objects.exists()


def test_a_20_mb_file_is_refused_with_its_size(coordinator_client, production):
    big = GOOD.encode() + b"x" * (20 * 1024 * 1024)
    page = upload(coordinator_client, production, big).content.decode()
    assert "the limit is 10 MB" in page
    assert not ImportBatch.objects.exists()


def test_a_spreadsheet_with_formulas_or_merged_cells_is_refused(coordinator_client, production):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Department", "Position", "E-mail"])
    sheet.append(["Ana Ruiz", "Camera", "1st AC", "ana@example.test"])
    sheet.append(["Bo Lee", "Grip", '=B2&" Grip"', "bo@example.test"])
    sheet.append(["Cy Cole", "Camera", "Loader", "cy@example.test"])
    sheet.merge_cells("B4:B5")
    buffer = io.BytesIO()
    book.save(buffer)
    page = upload(
        coordinator_client, production, buffer.getvalue(), name="crew.xlsx"
    ).content.decode()
    assert "formula" in page and "Position" in page
    assert "merged" in page
    assert not Person.objects.exists()


def test_a_corrupt_spreadsheet_gets_a_clear_message(coordinator_client, production):
    page = upload(
        coordinator_client, production, b"PK\x03\x04 not really a zip", name="crew.xlsx"
    ).content.decode()
    assert "not a readable Excel file" in page


def test_an_xlsx_import_with_cast_ids_and_characters(coordinator_client, production):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Cast #", "Character", "First name", "Last name", "Email"])
    sheet.append([1, "MAGGIE DOYLE", "Rose", "Allen", "rose@example.test"])
    sheet.append([2, "RAY OKAFOR", "Sam", "Obi", "sam@example.test"])
    buffer = io.BytesIO()
    book.save(buffer)
    review = upload(
        coordinator_client, production, buffer.getvalue(), name="cast.xlsx", kind="cast"
    )
    commit(coordinator_client, production, review)
    assert list(
        Person.objects.cast().order_by("cast_number").values_list("character", flat=True)
    ) == [
        "MAGGIE DOYLE",
        "RAY OKAFOR",
    ]


def test_changing_the_column_mapping_rechecks_the_rows(coordinator_client, production):
    content = b"Full name,Team,Job\nAna Ruiz,Camera,1st AC\n"
    review = upload(coordinator_client, production, content)
    batch = ImportBatch.objects.get()
    response = coordinator_client.post(
        f"/p/{production.slug}/people/import/{batch.pk}/",
        {"map_full_name": 0, "map_department": 1, "map_position": 2, "action": "commit"},
        follow=True,
    )
    assert review.status_code == 200
    assert Person.objects.get().department.name == "Camera"
    assert "Imported 1 people" in response.content.decode()


def test_an_end_date_before_the_start_date_is_named(coordinator_client, production):
    content = b"Name,Department,Start date,End date\nAna Ruiz,Camera,2027-02-01,2027-01-01\n"
    page = upload(coordinator_client, production, content).content.decode()
    assert "the end date is before the start date" in page
