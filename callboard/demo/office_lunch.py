"""The demo office's lunch (issue 20 item 7): today's order from the caterer (Lamplight) for
the production office, accounting and art, its links sent, eight orders placed (one over the
$20 budget, two people with allergies on file) and the rest still to order. Everything through
the services, as the office and the crew would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from callboard.office.lunch.services import (
    lunch_budget_save,
    lunch_links_send,
    lunch_open,
    lunch_order_place,
    menu_item_save,
    restaurant_add,
)
from callboard.people.models import Department, Person, Vendor

MENU = {
    "Turkey club": "14.50",
    "Cobb salad": "13.00",
    "Grilled veggie wrap": "12.00",
    "Chicken Caesar": "13.50",
    "Soup of the day": "7.50",
    "Iced tea": "3.25",
}
# (items, note, allergies, preferences) for the first eight people in.
ORDERS = [
    ({"Turkey club": 1, "Iced tea": 1}, "no mayo", "", ""),
    ({"Cobb salad": 1}, "", "shellfish", ""),
    ({"Grilled veggie wrap": 1, "Soup of the day": 1}, "", "", "vegetarian"),
    ({"Chicken Caesar": 1, "Iced tea": 1}, "dressing on the side", "", ""),
    ({"Turkey club": 2}, "one for the driver", "", ""),  # over the budget
    ({"Soup of the day": 1, "Cobb salad": 1}, "", "tree nuts", ""),
    ({"Grilled veggie wrap": 1}, "", "", "vegan"),
    ({"Chicken Caesar": 1}, "", "", ""),
]
DEPARTMENTS = ["Production", "Accounting", "Art"]
RESTAURANT = "Lamplight Location Catering"


def _cutoff(production) -> dt.time:
    """10:30 when it is still ahead today; else two hours from now (the demo is built at any
    hour), so the order is open to try."""
    now = timezone.localtime(timezone.now(), production.tzinfo)
    if now.time() < dt.time(10, 0):
        return dt.time(10, 30)
    later = now + dt.timedelta(hours=2)
    return (
        later.time().replace(second=0, microsecond=0)
        if later.date() == now.date()
        else (dt.time(23, 59))
    )


def build_lunch(production, *, actor) -> dict:
    # The demo's caterer does the office's lunches too (one of the thirty vendors).
    vendor = Vendor.objects.get(production=production, name=RESTAURANT)
    place = restaurant_add(actor=actor, production=production, vendor=vendor)
    items = {
        name: menu_item_save(actor=actor, restaurant=place, name=name, price=price)
        for name, price in MENU.items()
    }
    lunch_budget_save(actor=actor, production=production, amount="20")
    departments = list(Department.objects.filter(production=production, name__in=DEPARTMENTS))
    active = Person.objects.filter(production=production).active().crew()
    inside = list(active.filter(department__in=departments).order_by("pk"))
    # Enough people in for eight orders and a few still to order.
    extra = list(
        active.exclude(pk__in=[p.pk for p in inside]).order_by("pk")[: max(0, 11 - len(inside))]
    )
    lunch = lunch_open(
        actor=actor, production=production, restaurant=place, on=production.today(),
        cutoff=_cutoff(production), departments=departments, people=extra,
    )  # fmt: skip
    lunch_links_send(actor=actor, lunch=lunch)
    people = list(lunch.invited.order_by("pk"))
    for person, (chosen, note, allergies, preferences) in zip(people, ORDERS, strict=False):
        lunch_order_place(
            lunch=lunch, person=person,
            lines=[(items[name].pk, quantity) for name, quantity in chosen.items()],
            note=note, allergies=allergies, preferences=preferences,
        )  # fmt: skip
    ordered = min(len(people), len(ORDERS))
    return {"restaurant": vendor.name, "ordered": ordered, "waiting": len(people) - ordered}
