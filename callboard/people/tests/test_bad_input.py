"""Hostile or odd input gets a clear answer, never a crash, and changes nothing."""

import pytest

from callboard.people.models import ImportBatch, Person
from callboard.people.services import ImportAlreadyDone, import_commit
from callboard.people.testing import make_person

ODD_VALUES = ["²", "99999999999999999999999999", "-1", "a\x00b", "' OR 1=1 --", "ünïcødé"]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_query_parameters_never_crash_a_list(coordinator_client, production, value):
    make_person(production)
    for path in ("people/", "people/export.csv", "people/vendors/", "audit/"):
        for name in (
            "q",
            "department",
            "union",
            "missing",
            "status",
            "kind",
            "category",
            "type",
            "page",
        ):
            response = coordinator_client.get(f"/p/{production.slug}/{path}", {name: value})
            assert response.status_code == 200, (
                f"{path}?{name}={value!r} gave {response.status_code}"
            )


def upload_rows(client, production, body: str, kind="crew"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        f"/p/{production.slug}/people/import/",
        {"kind": kind, "file": SimpleUploadedFile("list.csv", body.encode())},
    )
    batch = ImportBatch.objects.latest("created_at")
    return client.post(
        f"/p/{production.slug}/people/import/{batch.pk}/",
        {
            "action": "commit",
            **{f"map_{name}": index for index, name in enumerate(body.splitlines()[0].split(","))},
        },
    )


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Ana,Ruiz,-5,X", "cast_number", "greater than or equal to 1"),
        ("Ana,Ruiz,40000,X", "cast_number", "less than or equal to 9999"),
        ("Ana,Ruiz,3," + "Y" * 200, "character", "at most 120 characters"),
    ],
)
def test_cast_rows_the_database_would_refuse_are_named_in_the_review(
    coordinator_client, production, row, column, message
):
    response = upload_rows(
        coordinator_client,
        production,
        f"first_name,last_name,cast_number,character\n{row}\n",
        kind="cast",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 2, column &#x27;" + column in page and message in page
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ana,Ruiz,Camera,josé@example.com,12.50", "valid email"),
        ("Ana,Ruiz,Camera,ana@example.test,12.123456", "decimal places"),
        ("Ana,Ruiz,Camera,ana@example.test,12345678901.5", "digits"),
    ],
)
def test_crew_rows_the_database_would_refuse_are_named_in_the_review(
    coordinator_client, production, row, message
):
    response = upload_rows(
        coordinator_client, production, f"first_name,last_name,department,email,rate\n{row}\n"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


def test_an_import_commits_once_even_if_asked_twice(coordinator_client, production, coordinator):
    upload_rows(
        coordinator_client, production, "first_name,last_name,department\nAna,Ruiz,Camera\n"
    )
    batch = ImportBatch.objects.get()
    assert batch.status == "committed" and batch.table is None  # the file's personal data is gone
    with pytest.raises(ImportAlreadyDone):
        import_commit(
            actor=coordinator, batch=batch, rows=[{"first_name": "Ana", "last_name": "Ruiz"}]
        )
    assert Person.objects.count() == 1
