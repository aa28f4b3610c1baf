from datetime import date

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import make_production
from callboard.office.models import IssuedItem
from callboard.people.testing import make_person

from .supplies_data import supply

pytestmark = pytest.mark.django_db


def test_another_productions_supply_is_not_found(coordinator_client, production):
    elsewhere = supply(make_production("Other Show"), stock=4)
    base = f"/p/{production.slug}/office/supplies/{elsewhere.pk}"
    assert coordinator_client.get(f"{base}/").status_code == 404
    assert coordinator_client.post(f"{base}/count/", {"counted": "0"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.stock == 4


def test_a_stranger_sees_no_supplies_page(client, production):
    from callboard.core.testing import make_user

    client.force_login(make_user("stranger@example.test"))
    assert client.get(f"/p/{production.slug}/office/supplies/").status_code == 404


def test_only_the_office_keeps_the_catalogue_and_issues_items(member_client, production):
    crew = member_client(Role.CREW)
    base = f"/p/{production.slug}/office/supplies"
    assert crew.get(f"{base}/").status_code == 200
    assert crew.get(f"{base}/new/").status_code == 403
    assert crew.get(f"{base}/issued/").status_code == 403


def test_who_holds_what_exports_as_csv(coordinator_client, production):
    holder = make_person(production, first_name="Ana", last_name="Diaz", end_date=date(2020, 1, 1))
    IssuedItem.objects.create(
        production=production, kind="card", number="Amex 1007", number_key="AMEX1007",
        person=holder, issued_on=date(2019, 12, 1),
    )  # fmt: skip
    response = coordinator_client.get(f"/p/{production.slug}/office/supplies/issued/?format=csv")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Credit card,Amex 1007" in text and "Ana Diaz" in text and "end date passed" in text
