"""Reads for supplies and issued items: the reorder list by vendor, what is on order, the
requests waiting, who holds what now and each holder's due-back flag. ``unreturned_items`` is
what the wrap binder reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from callboard.core.models import Production
from callboard.people.models import Person

from ..models import IssuedItem, Supply, SupplyOrderLine, SupplyRequest
from .stock import due_back, reorder_quantity


@dataclass(frozen=True)
class ReorderLine:
    supply: Supply
    quantity: int


def _on_order(supply_ref="pk"):
    return SupplyOrderLine.objects.filter(supply=OuterRef(supply_ref), received_at__isnull=True)


def catalogue(production: Production):
    return (
        Supply.objects.filter(production=production)
        .select_related("vendor")
        .annotate(on_order=Exists(_on_order()))
    )


def reorder_list(production: Production) -> dict:
    """{vendor (or None): [ReorderLine]} for supplies under their level and not already on
    order, each to bring the shelf back to twice its level."""
    by_vendor: dict = {}
    for supply in catalogue(production).filter(on_order=False):
        if supply.below_level:
            by_vendor.setdefault(supply.vendor, []).append(
                ReorderLine(supply, reorder_quantity(supply.stock, supply.reorder_level))
            )
    return by_vendor


def on_order(production: Production):
    return (
        SupplyOrderLine.objects.filter(supply__production=production, received_at__isnull=True)
        .select_related("supply", "po", "po__vendor")
        .order_by("po__number", "id")
    )


def open_requests(production: Production):
    return SupplyRequest.objects.filter(
        production=production, status=SupplyRequest.Status.OPEN
    ).select_related("supply", "department", "requested_by")


@dataclass(frozen=True)
class Held:
    item: IssuedItem
    flag: str  # "", "soon" (the holder's end date is within a week) or "overdue" (passed)


def _held(items, today: date) -> list[Held]:
    return [Held(item, due_back(item.person.end_date, today)) for item in items]


def unreturned_items(production: Production) -> list[Held]:
    """Every item still out, with its holder and whether it is due back: what the wrap
    binder's completeness report lists."""
    items = (
        IssuedItem.objects.filter(production=production, returned_on__isnull=True)
        .select_related("person", "issued_by")
        .order_by("person__last_name", "person__first_name", "kind", "number_key")
    )
    return _held(items, production.today())


def person_unreturned(person: Person) -> list[Held]:
    items = IssuedItem.objects.filter(
        production_id=person.production_id, person=person, returned_on__isnull=True
    ).select_related("person")
    return _held(items, person.production.today())


def returned_items(production: Production, limit: int = 50):
    return (
        IssuedItem.objects.filter(production=production, returned_on__isnull=False)
        .select_related("person")
        .order_by("-returned_on", "-id")[:limit]
    )
