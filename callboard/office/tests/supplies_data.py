"""Builders for the supplies tests: a chart with an office account, a vendor, a supply."""

from decimal import Decimal

from callboard.accounting.models import Account
from callboard.office.models import Supply
from callboard.people.models import Vendor


def office_books(production) -> Vendor:
    Account.objects.create(
        production=production, code="2000", number="2000", description="Production staff",
        category="Production",
    )  # fmt: skip
    return Vendor.objects.create(production=production, name="Paperclip Office Supply")


def supply(production, vendor=None, **fields) -> Supply:
    fields.setdefault("name", "Copy paper")
    fields.setdefault("unit", "case")
    fields.setdefault("unit_cost", Decimal("42.50"))
    fields.setdefault("reorder_level", 4)
    fields.setdefault("account_code", "2000")
    fields.setdefault("stock", 10)
    return Supply.objects.create(production=production, vendor=vendor, **fields)
