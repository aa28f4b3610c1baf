"""The lunch's cost, tax and tip code to the budget through accounting's services: a PO to the
restaurant or a petty-cash receipt, once; an account not in the chart or a negative tip saves
nothing."""

from decimal import Decimal

import pytest

from callboard.accounting.models import Account, PurchaseOrder, Receipt
from callboard.office.lunch.services import LunchError, lunch_charge, lunch_order_place
from callboard.office.models import Lunch

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db
MEALS = "5320"


@pytest.fixture
def ordered(production, coordinator):
    Account.objects.create(
        production=production, code=MEALS, number=MEALS, description="Office meals",
        category="Other",
    )  # fmt: skip
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    lunch_order_place(lunch=lunch, person=people["ana"], lines=[(item(place, "Cobb salad").pk, 2)])
    return lunch, people


def test_a_po_to_the_restaurant_carries_food_tax_and_tip(ordered, coordinator):
    lunch, _ = ordered
    po, _ = lunch_charge(
        actor=coordinator, lunch=lunch, how="po", account_code=MEALS, tax="2.47", tip="5"
    )
    assert po.vendor == lunch.restaurant.vendor
    assert [(ln.description, ln.amount, ln.account.code) for ln in po.lines.all()] == [
        (f"Lunch {lunch.date:%b %-d} — 1 orders", Decimal("26.00"), MEALS),
        ("Sales tax", Decimal("2.47"), MEALS),
        ("Tip", Decimal("5.00"), MEALS),
    ]
    with pytest.raises(LunchError, match="already coded"):
        lunch_charge(actor=coordinator, lunch=lunch, how="po", account_code=MEALS, tax="", tip="")
    assert PurchaseOrder.objects.count() == 1


def test_petty_cash_is_a_receipt_by_who_paid(ordered, coordinator):
    lunch, people = ordered
    receipt, _ = lunch_charge(
        actor=coordinator, lunch=lunch, how="petty_cash", account_code=MEALS, tax="2.47",
        tip="", paid_by=people["ana"],
    )  # fmt: skip
    assert receipt.total == Decimal("28.47") and receipt.person == people["ana"]
    assert Lunch.objects.get().receipt == receipt


@pytest.mark.parametrize(
    ("code", "tip", "said"),
    [("9999", "5", "not in the chart"), (MEALS, "-5", "The tip cannot be negative.")],
)
def test_bad_coding_saves_nothing(ordered, coordinator, code, tip, said):
    lunch, _ = ordered
    with pytest.raises(LunchError) as refused:
        lunch_charge(actor=coordinator, lunch=lunch, how="po", account_code=code, tax="", tip=tip)
    assert any(said in p for p in refused.value.problems)
    assert not PurchaseOrder.objects.exists() and not Receipt.objects.exists()
    assert Lunch.objects.get().purchase_order is None
