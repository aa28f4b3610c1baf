"""What the lunch tests share: a restaurant with a menu, people in the office, accounting and
art, and a lunch open for them until a cut-off later today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from callboard.office.lunch import services
from callboard.office.models import Lunch
from callboard.people.models import Department, Person, Vendor
from callboard.people.testing import make_person


def restaurant(production, actor, name="Sunset Deli"):
    vendor = Vendor.objects.create(production=production, name=name, phone="323-555-0101")
    place = services.restaurant_add(actor=actor, production=production, vendor=vendor)
    for item, price in (("Turkey club", "14.50"), ("Cobb salad", "13.00"), ("Iced tea", "3.25")):
        services.menu_item_save(actor=actor, restaurant=place, name=item, price=price)
    return place


def crew(production) -> dict[str, Person]:
    def department(name):
        return Department.objects.get_or_create(production=production, name=name)[0]

    office, accounting = department("Production Office"), department("Accounting")
    art, camera = department("Art"), department("Camera")
    return {
        "ana": make_person(production, first_name="Ana", last_name="Ruiz", department=office),
        "ben": make_person(production, first_name="Ben", last_name="Okafor", department=accounting),
        "cleo": make_person(production, first_name="Cleo", last_name="Marsh", department=art),
        "dev": make_person(production, first_name="Dev", last_name="Shah", department=camera),
    }


def open_lunch(production, actor, place, people: dict[str, Person]) -> Lunch:
    """A lunch today for the office, accounting and art (not camera), open for an hour."""
    later = timezone.localtime(timezone.now() + dt.timedelta(hours=1), production.tzinfo)
    departments = [people[n].department for n in ("ana", "ben", "cleo")]
    lunch = services.lunch_open(
        actor=actor, production=production, restaurant=place, on=later.date(),
        cutoff=later.time().replace(second=0, microsecond=0), departments=departments,
    )  # fmt: skip
    return lunch


def cut_off(lunch: Lunch, hour=10, minute=30) -> None:
    """Move the cut-off to 10:30 this morning, production time, already passed."""
    tz = lunch.production.tzinfo
    moment = timezone.now() - dt.timedelta(minutes=5)
    local = timezone.localtime(moment, tz).replace(hour=hour, minute=minute)
    if local > timezone.localtime(moment, tz):
        local -= dt.timedelta(days=1)
    Lunch.objects.filter(pk=lunch.pk).update(cutoff=local)


def item(place, name):
    return place.menu.get(name=name)


MONEY = Decimal
