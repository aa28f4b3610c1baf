"""Bad input on a lunch order gets a clear message and saves nothing: an order after the
cut-off, an item not on the menu, a quantity of 0 or 100, a negative price; and a person not
in the lunch cannot order on it."""

import pytest
from django.utils import timezone

from callboard.office.lunch.services import LunchError, lunch_order_place, menu_item_save
from callboard.office.models import LunchOrder, LunchOrderLine, MenuItem

from .lunchkit import crew, cut_off, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunch(production, coordinator):
    place = restaurant(production, coordinator)
    people = crew(production)
    return open_lunch(production, coordinator, place, people), place, people


def test_an_order_after_the_cut_off_is_told_to_ask_the_office(lunch):
    lunch, place, people = lunch
    cut_off(lunch)
    with pytest.raises(LunchError, match=r"^The cut-off was 10:30 AM; ask the office\.$"):
        lunch_order_place(
            lunch=lunch, person=people["ana"], lines=[(item(place, "Turkey club").pk, 1)]
        )
    assert not LunchOrder.objects.exists()


def test_an_item_not_on_the_menu_is_refused(lunch, production, coordinator):
    lunch, place, people = lunch
    elsewhere = restaurant(production, coordinator, name="Taco Truck")
    burrito = menu_item_save(actor=coordinator, restaurant=elsewhere, name="Burrito", price="9")
    for forged in (burrito.pk, 999_999):
        with pytest.raises(LunchError) as refused:
            lunch_order_place(
                lunch=lunch, person=people["ana"],
                lines=[(item(place, "Iced tea").pk, 1), (forged, 1)],
            )  # fmt: skip
        assert "That item is not on Sunset Deli's menu." in refused.value.problems
    assert not LunchOrder.objects.exists() and not LunchOrderLine.objects.exists()


@pytest.mark.parametrize("quantity", [0, 100, -1])
def test_a_quantity_of_0_or_100_is_refused(lunch, quantity):
    lunch, place, people = lunch
    with pytest.raises(LunchError) as refused:
        lunch_order_place(
            lunch=lunch, person=people["ana"], lines=[(item(place, "Cobb salad").pk, quantity)]
        )
    assert refused.value.problems == [
        "Cobb salad: a quantity is 1 to 99 (leave it empty to order none)."
    ]
    assert not LunchOrder.objects.exists()


def test_a_changed_order_that_goes_wrong_keeps_the_first_one(lunch):
    lunch, place, people = lunch
    club = item(place, "Turkey club")
    lunch_order_place(lunch=lunch, person=people["ana"], lines=[(club.pk, 2)], note="no mayo")
    with pytest.raises(LunchError):
        lunch_order_place(lunch=lunch, person=people["ana"], lines=[(club.pk, 100)], note="x")
    order = LunchOrder.objects.get()
    assert order.note == "no mayo" and [ln.quantity for ln in order.lines.all()] == [2]


def test_a_negative_price_is_refused(lunch, coordinator):
    _, place, _ = lunch
    with pytest.raises(LunchError, match="The price of Soup cannot be negative."):
        menu_item_save(actor=coordinator, restaurant=place, name="Soup", price="-4.00")
    with pytest.raises(LunchError, match="is not an amount"):
        menu_item_save(actor=coordinator, restaurant=place, name="Soup", price="four")
    assert not MenuItem.objects.filter(name="Soup").exists()


def test_someone_not_in_the_lunch_cannot_order(lunch):
    lunch, place, people = lunch
    with pytest.raises(LunchError, match="not on this lunch order"):
        lunch_order_place(
            lunch=lunch, person=people["dev"], lines=[(item(place, "Iced tea").pk, 1)]
        )
    assert not LunchOrder.objects.exists()


def test_someone_taken_off_the_production_since_the_links_went_out_cannot_order(lunch):
    lunch, place, people = lunch
    assert lunch.invited.filter(pk=people["ana"].pk).exists()
    people["ana"].deleted_at = timezone.now()
    people["ana"].save(update_fields=["deleted_at"])
    with pytest.raises(LunchError, match="not on this lunch order"):
        lunch_order_place(
            lunch=lunch, person=people["ana"], lines=[(item(place, "Iced tea").pk, 1)]
        )
    assert not LunchOrder.objects.exists()


def test_the_page_shows_the_message_and_saves_nothing(lunch, production, client):
    from callboard.core.capabilities import Role
    from callboard.core.testing import add_member

    lunch, place, people = lunch
    user = add_member(production, Role.CREW)
    people["cleo"].account = user
    people["cleo"].save()
    client.force_login(user)
    url = f"/p/{production.slug}/office/lunch/{lunch.pk}/order/"
    page = client.post(url, {f"q_{item(place, 'Iced tea').pk}": "100"})
    assert page.status_code == 200
    assert "Iced tea: a quantity is 1 to 99" in page.content.decode()
    page = client.post(url, {f"q_{item(place, 'Iced tea').pk}": "lots"})
    assert "“lots” is not a quantity" in page.content.decode()
    cut_off(lunch)
    page = client.post(url, {f"q_{item(place, 'Iced tea').pk}": "1"})
    told = page.content.decode()
    assert "The cut-off was 10:30 AM on" in told and "nothing was changed; ask the office" in told
    assert not LunchOrder.objects.exists()
