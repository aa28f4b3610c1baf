import pytest
from django.test import Client

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.office.models import SupplyRequest
from callboard.people.models import Department

from .supplies_data import supply

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_crew_member_asks_and_the_coordinator_fills_it_which_takes_stock(production):
    paper = supply(production, stock=10)
    grip = Department.objects.get(production=production, name="Grip")
    crew, coordinator = add_member(production, Role.CREW), add_member(production, Role.COORDINATOR)
    base = f"/p/{production.slug}/office/supplies/"
    page = _client(crew).get(base)
    assert page.status_code == 200 and "Copy paper" in page.content.decode()
    assert "Requests waiting" not in page.content.decode()  # the office's, not the crew's
    _client(crew).post(
        f"{base}request/", {"supply": paper.pk, "quantity": "3", "department": grip.pk}
    )
    asked = SupplyRequest.objects.get()
    assert (asked.quantity, asked.department, asked.requested_by) == (3, grip, crew)
    office = _client(coordinator)
    assert "Grip" in office.get(base).content.decode()
    # The crew member cannot fill their own request.
    assert _client(crew).post(f"{base}requests/{asked.pk}/fill/").status_code == 403
    office.post(f"{base}requests/{asked.pk}/fill/")
    paper.refresh_from_db()
    asked.refresh_from_db()
    assert paper.stock == 7
    assert asked.status == SupplyRequest.Status.FILLED
    # Filling twice takes nothing more.
    response = office.post(f"{base}requests/{asked.pk}/fill/", follow=True)
    assert "already filled" in response.content.decode()
    paper.refresh_from_db()
    assert paper.stock == 7


def test_a_request_for_more_than_the_shelf_holds_is_not_filled(coordinator_client, production):
    paper = supply(production, stock=2)
    asked = SupplyRequest.objects.create(production=production, supply=paper, quantity=5)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/requests/{asked.pk}/fill/", follow=True
    )
    assert "Only 2 case of Copy paper on the shelf" in response.content.decode()
    paper.refresh_from_db()
    asked.refresh_from_db()
    assert (paper.stock, asked.status) == (2, SupplyRequest.Status.OPEN)


@pytest.mark.parametrize("quantity", ["0", "-3", "two", "99999999999"])
def test_a_request_for_nothing_or_nonsense_is_refused(member_client, production, quantity):
    paper = supply(production)
    response = member_client(Role.CREW).post(
        f"/p/{production.slug}/office/supplies/request/",
        {"supply": paper.pk, "quantity": quantity},
        follow=True,
    )
    assert "Nothing was asked" in response.content.decode()
    assert not SupplyRequest.objects.exists()


def test_another_productions_supply_cannot_be_asked_for(member_client, production):
    from callboard.core.testing import make_production

    elsewhere = supply(make_production("Other Show"))
    response = member_client(Role.CREW).post(
        f"/p/{production.slug}/office/supplies/request/",
        {"supply": elsewhere.pk, "quantity": "1"},
        follow=True,
    )
    assert "Choose a supply from the office" in response.content.decode()
    assert not SupplyRequest.objects.exists()
