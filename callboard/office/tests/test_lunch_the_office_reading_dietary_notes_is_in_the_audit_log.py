"""The dietary notes are private data: each time the office opens the order sheet (on the page
or as the PDF) with notes on it, the audit log records one read — whose notes, not the notes —
however many notes the sheet shows. A sheet with no notes, or a refused look, logs nothing."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member
from callboard.office.lunch.services import lunch_order_place

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


def _reads():
    return AuditEvent.objects.filter(changes__has_key="viewed_private", object_type="lunch")


@pytest.fixture
def lunch(production, coordinator):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    tea = [(item(place, "Iced tea").pk, 1)]
    lunch_order_place(lunch=lunch, person=people["ana"], lines=tea, allergies="shellfish")
    lunch_order_place(lunch=lunch, person=people["ben"], lines=tea, preferences="vegan")
    lunch_order_place(lunch=lunch, person=people["cleo"], lines=tea)  # no notes
    return lunch


def test_each_sheet_view_and_pdf_is_one_logged_read_naming_whose_notes(
    production, coordinator, client, lunch
):
    client.force_login(coordinator)
    base = f"/p/{production.slug}/office/lunch/{lunch.pk}/"
    assert "Allergy: shellfish" in client.get(base).content.decode()
    read = _reads().get()  # one, for two notes
    assert read.actor == coordinator
    assert read.changes["viewed_private"] == "dietary notes (page): Ben Okafor, Ana Ruiz"
    assert "shellfish" not in str(read.changes) and "vegan" not in str(read.changes)

    assert client.get(f"{base}sheet.pdf").status_code == 200
    assert client.get(base).status_code == 200
    assert [r.changes["viewed_private"].split(":")[0] for r in _reads().order_by("pk")] == [
        "dietary notes (page)",
        "dietary notes (PDF)",
        "dietary notes (page)",
    ]


def test_a_sheet_without_notes_and_a_refused_look_log_nothing(
    production, coordinator, client, lunch
):
    ben = add_member(production, Role.CREW)
    client.force_login(ben)
    assert client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/").status_code == 403
    assert not _reads().exists()

    lunch.orders.all().delete()
    client.force_login(coordinator)
    assert client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/").status_code == 200
    assert not _reads().exists()
