import pytest

from callboard.office.models import StockCount
from callboard.office.supplies import services

from .supplies_data import supply

pytestmark = pytest.mark.django_db


def test_a_count_replaces_the_stock_and_the_earlier_counts_stay(coordinator_client, production):
    paper = supply(production, stock=10)
    url = f"/p/{production.slug}/office/supplies/{paper.pk}/count/"
    coordinator_client.post(url, {"counted": "7", "note": "after the read-through"})
    coordinator_client.post(url, {"counted": "3"})
    paper.refresh_from_db()
    assert paper.stock == 3
    history = list(StockCount.objects.filter(supply=paper).values_list("previous", "counted"))
    assert history == [(7, 3), (10, 7)]
    page = coordinator_client.get(f"/p/{production.slug}/office/supplies/{paper.pk}/")
    assert "after the read-through" in page.content.decode()


@pytest.mark.parametrize("typed", ["-1", "-40", "lots", ""])
def test_a_count_below_zero_or_not_a_number_is_refused_and_nothing_changes(
    coordinator_client, production, typed
):
    paper = supply(production, stock=10)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/{paper.pk}/count/", {"counted": typed}, follow=True
    )
    paper.refresh_from_db()
    assert paper.stock == 10
    assert not StockCount.objects.exists()
    text = response.content.decode()
    assert "Nothing was saved" in text
    if typed.startswith("-"):
        assert "cannot be below zero" in text


def test_the_service_refuses_a_count_below_zero(production, coordinator):
    paper = supply(production, stock=5)
    with pytest.raises(services.SuppliesError, match="below zero"):
        services.stock_count_record(actor=coordinator, supply=paper, counted=-2)
    paper.refresh_from_db()
    assert paper.stock == 5


def test_a_crew_member_cannot_count_the_shelf(member_client, production):
    from callboard.core.capabilities import Role

    paper = supply(production, stock=5)
    client = member_client(Role.CREW)
    response = client.post(
        f"/p/{production.slug}/office/supplies/{paper.pk}/count/", {"counted": "0"}
    )
    assert response.status_code == 403
    paper.refresh_from_db()
    assert paper.stock == 5
