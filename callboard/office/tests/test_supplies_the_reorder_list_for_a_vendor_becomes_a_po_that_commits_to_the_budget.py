from decimal import Decimal

import pytest

from callboard.accounting import services as accounting
from callboard.accounting.models import PurchaseOrder
from callboard.accounting.queries import commitments
from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.office.models import SupplyOrderLine
from callboard.office.supplies import queries
from callboard.people.models import Vendor

from .supplies_data import office_books, supply

pytestmark = pytest.mark.django_db


def test_supplies_under_their_level_are_ordered_from_their_vendor_on_one_po(
    coordinator_client, coordinator, production
):
    paperclip = office_books(production)
    other = Vendor.objects.create(production=production, name="Coffee Co")
    paper = supply(production, paperclip, stock=1, reorder_level=4)  # order 7
    toner = supply(production, paperclip, name="Toner", unit="each", unit_cost=Decimal("89"),
                   stock=0, reorder_level=2)  # fmt: skip
    supply(production, paperclip, name="Pens", stock=50, reorder_level=10)  # enough
    supply(production, other, name="Coffee", stock=0, reorder_level=3)
    page = coordinator_client.get(f"/p/{production.slug}/office/supplies/").content.decode()
    assert "Order from Paperclip Office Supply" in page and "Order from Coffee Co" in page

    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/order/", {"vendor": paperclip.pk}, follow=True
    )
    po = PurchaseOrder.objects.get()
    assert "PO 0001 to Paperclip Office Supply waits for approval" in response.content.decode()
    assert po.vendor == paperclip and po.status == PurchaseOrder.Status.PENDING
    lines = sorted((ln.description, ln.quantity, ln.rate, ln.amount) for ln in po.lines.all())
    assert lines == [
        ("Copy paper (case)", 7, Decimal("42.50"), Decimal("297.50")),
        ("Toner (each)", 4, Decimal("89.00"), Decimal("356.00")),
    ]
    # Ordered once: the list now waits only on the other vendor.
    assert list(queries.reorder_list(production)) == [other]

    # Approved through accounting's chain, it commits its total to the office's account.
    accounting.po_approve(actor=add_member(production, Role.COORDINATOR), role="coordinator", po=po)
    accounting.po_approve(actor=add_member(production, Role.UPM), role="upm", po=po)
    assert commitments(production)["2000"] == Decimal("653.50")

    # When the order arrives, it joins the stock.
    line = SupplyOrderLine.objects.get(supply=paper)
    coordinator_client.post(f"/p/{production.slug}/office/supplies/received/{line.pk}/")
    paper.refresh_from_db()
    toner.refresh_from_db()
    assert (paper.stock, toner.stock) == (8, 0)


def test_ordering_with_an_uncoded_supply_makes_no_po(coordinator_client, production):
    paperclip = office_books(production)
    supply(production, paperclip, stock=0, account_code="")
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/order/", {"vendor": paperclip.pk}, follow=True
    )
    assert "Give an account code to Copy paper" in response.content.decode()
    assert not PurchaseOrder.objects.exists() and not SupplyOrderLine.objects.exists()


def test_ordering_from_a_vendor_with_nothing_to_reorder_makes_no_po(coordinator_client, production):
    paperclip = office_books(production)
    supply(production, paperclip, stock=10)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/order/", {"vendor": paperclip.pk}, follow=True
    )
    assert "Nothing of Paperclip Office Supply" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_a_supply_coded_to_an_account_not_in_the_chart_is_refused(coordinator_client, production):
    office_books(production)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/supplies/new/",
        {"name": "Staples", "unit": "box", "unit_cost": "3", "reorder_level": "2",
         "account_code": "9999"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "not in the chart of accounts" in response.content.decode()
