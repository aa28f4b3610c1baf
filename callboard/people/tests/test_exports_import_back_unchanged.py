"""Our own CSV and XLSX exports, hostile names and all, import back as the values they hold."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.people.models import ImportBatch, Person
from callboard.people.testing import make_person

HOSTILE = {
    "first_name": '=HYPERLINK("http://x","y")',
    "last_name": "+cmd",
    "position": "@SUM(1)",
    "phone": "+44 20 7946 0958",  # a "+" number: not prefixed, not a formula
}
FIELDS = ("first_name", "last_name", "position", "phone", "email")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_hostile_names_imports_back_unchanged(
    coordinator_client, coordinator, production, fmt
):
    make_person(production, email="hostile@example.test", **HOSTILE)
    make_person(
        production,
        first_name="Ann",
        last_name="Lee",
        position="-250.00",
        phone="(323) 555-0111",
        email="ann@example.test",
    )
    exported = coordinator_client.get(f"/p/{production.slug}/people/export.{fmt}").content
    other = make_production("The Other Show")
    add_member(other, Role.COORDINATOR, coordinator)
    review = coordinator_client.post(
        f"/p/{other.slug}/people/import/",
        {"kind": "crew", "file": SimpleUploadedFile(f"crew.{fmt}", exported)},
        follow=True,
    )
    assert "All 2 rows are ready to import" in review.content.decode()
    mapping = {
        f"map_{spec.name}": "" if index is None else index
        for spec, index in review.context["mapping_rows"]
    }
    batch = ImportBatch.objects.get(production=other)
    coordinator_client.post(
        f"/p/{other.slug}/people/import/{batch.pk}/", mapping | {"action": "commit"}
    )
    imported = {
        p.email: [getattr(p, f) for f in FIELDS] for p in Person.objects.filter(production=other)
    }
    original = {
        p.email: [getattr(p, f) for f in FIELDS]
        for p in Person.objects.filter(production=production)
    }
    assert imported == original
    assert imported["hostile@example.test"][:4] == list(HOSTILE.values())
