"""The hostile case: "Order from Paperclip" clicked twice at once (or by two coordinators).
The vendor's supplies are locked before the reorder list is read, so the second order waits
for the first to commit, finds everything on order and makes no PO: one PO, not two. (SQLite's
IMMEDIATE transactions serialize the two anyway; the row lock is what holds on PostgreSQL.)"""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from callboard.accounting.models import PurchaseOrder
from callboard.office.supplies import services
from callboard.office.supplies.services import SuppliesError

from .supplies_data import office_books, supply

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_orders_racing_for_one_vendor_make_one_po(production, monkeypatch):
    paperclip = office_books(production)
    supply(production, paperclip, stock=1, reorder_level=4)
    ordering, commit = threading.Event(), threading.Event()
    real_create = services.accounting.po_create

    def create_then_linger(**kwargs):
        made = real_create(**kwargs)
        if not ordering.is_set():  # the first order has its PO and has not committed yet
            ordering.set()
            commit.wait(timeout=10)
        return made

    monkeypatch.setattr(services.accounting, "po_create", create_then_linger)
    outcomes: dict[str, object] = {}

    def order(name):
        def run():
            try:
                outcomes[name] = services.supplies_order(
                    actor=None, production=production, vendor=paperclip
                )
            except Exception as exc:  # reported by the main thread
                outcomes[name] = exc
            finally:
                connection.close()

        return threading.Thread(target=run)

    first = order("first")
    first.start()
    assert ordering.wait(timeout=10)
    second = order("second")
    second.start()
    second.join(timeout=0.5)  # the second waits on the lock the first holds
    commit.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert not isinstance(outcomes["first"], Exception)
    assert isinstance(outcomes["second"], SuppliesError)
    assert "under its reorder level" in str(outcomes["second"])
    assert PurchaseOrder.objects.count() == 1
    assert PurchaseOrder.objects.get().lines.get().quantity == Decimal(7)
