"""Reads for lunch orders: the budget, a person's order and dietary notes, who has not ordered,
and the order sheet's document (with everyone's dietary notes: for the office only)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from callboard.core.models import Production
from callboard.core.timefmt import time_of_day
from callboard.core.vault import unseal
from callboard.people.models import Person

from ..models import Diet, Lunch, LunchOrder, LunchOrderLine, LunchSettings
from . import sheet

LUNCH_KIND = "office_lunch"


def budget_for(production: Production) -> Decimal | None:
    row = LunchSettings.objects.filter(production=production).first()
    return row.per_person_budget if row else None


def order_lines(order: LunchOrder) -> tuple[sheet.Line, ...]:
    rows = order.lines.all()
    return tuple(sheet.Line(r.item.name, r.quantity, r.price) for r in rows)


def order_total(order: LunchOrder) -> Decimal:
    return sum((ln.amount for ln in order_lines(order)), Decimal("0.00"))


def diet_of(person: Person) -> tuple[str, str]:
    """(allergies, preferences): for the person themself and the office only."""
    diet = Diet.objects.filter(person=person).first()
    if diet is None:
        return "", ""
    return unseal(diet.allergies_sealed), unseal(diet.preferences_sealed)


def own_order(lunch: Lunch, person: Person) -> LunchOrder | None:
    return (
        LunchOrder.objects.filter(lunch=lunch, person=person)
        .prefetch_related(Prefetch("lines", LunchOrderLine.objects.select_related("item")))
        .first()
    )


def open_lunches_for(person: Person):
    """The lunches a person is in that still take orders."""
    return (
        Lunch.objects.filter(invited=person, cutoff__gt=timezone.now())
        .select_related("restaurant__vendor")
        .order_by("cutoff")
    )


def person_of(production: Production, user) -> Person | None:
    return Person.objects.filter(production=production, account=user).active().first()


def lunches_of(production: Production):
    return (
        Lunch.objects.filter(production=production)
        .select_related("restaurant__vendor")
        .prefetch_related("orders", "invited")
    )


def links_sent(lunch: Lunch) -> int:
    """How many people in the lunch have had their link."""
    from callboard.distribution.models import Delivery

    return (
        Delivery.objects.filter(dispatch__kind=LUNCH_KIND, dispatch__object_id=lunch.pk)
        .values("person_id")
        .distinct()
        .count()
    )


def cutoff_text(lunch: Lunch) -> str:
    local = timezone.localtime(lunch.cutoff, lunch.production.tzinfo)
    return f"{time_of_day(local)} on {local:%a %b %-d}"


def _orders(lunch: Lunch) -> list[LunchOrder]:
    return list(
        lunch.orders.select_related("person__department", "person__lunch_diet")
        .prefetch_related(Prefetch("lines", LunchOrderLine.objects.select_related("item")))
        .order_by("pk")
    )


def not_ordered(lunch: Lunch) -> list[Person]:
    ordered = lunch.orders.values_list("person_id", flat=True)
    return list(
        lunch.invited.exclude(pk__in=list(ordered))
        .select_related("department")
        .order_by("last_name", "first_name")
    )


def sheet_document(lunch: Lunch) -> dict:
    """The order sheet: each item's total with names, a label per order with the person's
    dietary notes, who has not ordered, the totals. The office's eyes only: pages read it
    through services.lunch_sheet_read, which logs the read of the notes."""
    orders = []
    for order in _orders(lunch):
        person = order.person
        diet = getattr(person, "lunch_diet", None)
        orders.append(
            sheet.Order(
                name=person.display_name,
                department=person.department.name if person.department else "",
                lines=order_lines(order),
                note=order.note,
                allergies=unseal(diet.allergies_sealed) if diet else "",
                preferences=unseal(diet.preferences_sealed) if diet else "",
            )
        )
    vendor = lunch.restaurant.vendor
    production = lunch.production
    return sheet.document(
        production={"title": production.title, "company": production.company},
        restaurant={
            "name": vendor.name,
            "phone": vendor.phone,
            "email": vendor.email,
            "address": ", ".join(x for x in (vendor.street, vendor.city) if x),
        },
        date=f"{lunch.date:%A, %B %-d, %Y}",
        cutoff=cutoff_text(lunch),
        orders=orders,
        not_ordered=[p.display_name for p in not_ordered(lunch)],
        budget=budget_for(production),
        tax=lunch.tax,
        tip=lunch.tip,
    )


def office_card(production: Production, user) -> dict:
    """What the Office page shows for lunch: today's order (orders in, who has not ordered,
    the cut-off) and the member's own open lunches."""
    today = (
        Lunch.objects.filter(production=production, date=production.today())
        .select_related("restaurant__vendor", "production")
        .first()
    )
    person = person_of(production, user)
    card = {"today": today, "mine": list(open_lunches_for(person)) if person else []}
    if today is not None:
        card |= {
            "ordered": today.orders.count(),
            "missing": len(not_ordered(today)),
            "cutoff": cutoff_text(today),
        }
    return card
