from datetime import date

import pytest

from callboard.core.testing import make_production
from callboard.office.models import IssuedItem
from callboard.people.testing import make_person

pytestmark = pytest.mark.django_db


def _issue(client, production, person, number="12", on="2026-03-02", kind="walkie"):
    return client.post(
        f"/p/{production.slug}/office/supplies/issued/",
        {"kind": kind, "number": number, "person": person.pk, "issued_on": on},
    )


def test_walkie_12_goes_to_a_second_grip_only_once_the_first_returns_it(
    coordinator_client, production
):
    first, second = make_person(production), make_person(production)
    assert _issue(coordinator_client, production, first).status_code == 302
    refused = _issue(coordinator_client, production, second, number="#12")
    assert refused.status_code == 400
    assert f"Walkie 12 is out with {first.display_name}" in refused.content.decode()
    assert IssuedItem.objects.count() == 1
    # Key 12 is another item altogether.
    assert _issue(coordinator_client, production, second, kind="key").status_code == 302

    walkie = IssuedItem.objects.get(kind="walkie")
    coordinator_client.post(
        f"/p/{production.slug}/office/supplies/issued/{walkie.pk}/return/",
        {"returned_on": "2026-03-05", "state": "damaged", "note": "cracked antenna"},
    )
    walkie.refresh_from_db()
    assert (walkie.returned_on, walkie.returned_state) == (date(2026, 3, 5), "damaged")
    assert _issue(coordinator_client, production, second, number="No. 12").status_code == 302
    page = coordinator_client.get(f"/p/{production.slug}/office/supplies/issued/")
    assert "cracked antenna" in page.content.decode()


def test_a_return_before_the_issue_date_is_refused(coordinator_client, production):
    holder = make_person(production)
    _issue(coordinator_client, production, holder, on="2026-03-02")
    walkie = IssuedItem.objects.get()
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/issued/{walkie.pk}/return/",
        {"returned_on": "2026-03-01", "state": "good"},
        follow=True,
    )
    assert "before it was issued" in response.content.decode()
    walkie.refresh_from_db()
    assert walkie.returned_on is None


def test_issuing_to_someone_not_on_the_production_is_refused(coordinator_client, production):
    stranger = make_person(make_production("Other Show"))
    response = _issue(coordinator_client, production, stranger)
    assert response.status_code == 400
    assert "someone on this production" in response.content.decode()
    assert not IssuedItem.objects.exists()


def test_an_item_without_a_number_is_refused(coordinator_client, production):
    response = _issue(coordinator_client, production, make_person(production), number=" # ")
    assert response.status_code == 400
    assert "Give its number or serial" in response.content.decode()
    assert not IssuedItem.objects.exists()


def test_another_productions_item_cannot_be_returned(coordinator_client, production):
    other = make_production("Other Show")
    item = IssuedItem.objects.create(
        production=other, kind="walkie", number="3", number_key="3",
        person=make_person(other), issued_on=date(2026, 3, 1),
    )  # fmt: skip
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/issued/{item.pk}/return/",
        {"returned_on": "2026-03-05", "state": "good"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.returned_on is None
