from decimal import Decimal

import pytest

from callboard.office.models import Supply

from .supplies_data import office_books, supply

pytestmark = pytest.mark.django_db


def _form(vendor, **values):
    return {"name": "Toner", "vendor": vendor.pk, "unit": "each", "unit_cost": "89.00",
            "reorder_level": "2", "account_code": "2000"} | values  # fmt: skip


def test_a_supply_is_added_and_changed_without_touching_its_stock(coordinator_client, production):
    paperclip = office_books(production)
    base = f"/p/{production.slug}/office/supplies"
    assert coordinator_client.post(f"{base}/new/", _form(paperclip)).status_code == 302
    toner = Supply.objects.get()
    assert (toner.vendor, toner.unit_cost, toner.stock) == (paperclip, Decimal("89.00"), 0)
    toner.stock = 3
    toner.save()
    coordinator_client.post(f"{base}/{toner.pk}/", _form(paperclip, unit_cost="92.10"))
    toner.refresh_from_db()
    assert (toner.unit_cost, toner.stock) == (Decimal("92.10"), 3)


@pytest.mark.parametrize(
    "values, message",
    [
        ({"name": "copy PAPER"}, "already in the catalogue"),
        ({"unit_cost": "-1"}, "unit cost"),
        ({"unit_cost": "ten"}, "dollars and cents"),
        ({"reorder_level": "-5"}, "reorder level"),
        ({"name": "   "}, "required"),
    ],
)
def test_a_bad_supply_is_refused_with_a_message_and_nothing_saved(
    coordinator_client, production, values, message
):
    paperclip = office_books(production)
    supply(production, paperclip)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/new/", _form(paperclip, **values)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Supply.objects.count() == 1
