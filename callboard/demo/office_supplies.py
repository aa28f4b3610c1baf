"""The demo office's supplies and issued items (issue 20 item 7): a catalogue from the office's
vendors, counted this morning, with copy paper and toner under their levels (a reorder waiting
for Paperclip Office Supply), Art's request for sharpies waiting; walkies issued to the grips for
the prep rig, all back but one. Everything through the services, as the office would."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from callboard.office.models import IssuedItem, StockCount, Supply, SupplyOrderLine, SupplyRequest
from callboard.office.supplies.services import (
    item_issue,
    item_return,
    stock_count_record,
    supply_request_create,
    supply_save,
)
from callboard.people.models import Department, Person, Vendor

OFFICE_ACCOUNT = "2000"  # production staff: the office's running costs
# name, vendor, unit, unit cost, reorder level, counted this morning
CATALOGUE = [
    ("Copy paper", "Paperclip Office Supply", "case of 10 reams", "48.99", 6, 2),
    ("Toner, black (HP 89X)", "Burbank Copier & Printer Rental", "each", "189.00", 2, 1),
    ("Three-hole-punched script paper", "Paperclip Office Supply", "case", "61.50", 3, 5),
    ("Sharpies, black", "Paperclip Office Supply", "box of 12", "11.49", 4, 9),
    ("Brass brads, 1¼″", "Paperclip Office Supply", "box of 1000", "14.25", 2, 4),
    ("Sign-in clipboards", "Paperclip Office Supply", "each", "3.79", 6, 12),
    ("AA batteries", "Pacific Walkie Rentals", "case of 144", "79.00", 1, 3),
]


def build_supplies(production, *, actor) -> dict:
    vendors = {v.name: v for v in Vendor.objects.filter(production=production)}
    supplies = {}
    for name, vendor, unit, cost, level, counted in CATALOGUE:
        supply = supply_save(
            actor=actor,
            production=production,
            name=name,
            vendor=vendors.get(vendor),
            unit=unit,
            unit_cost=Decimal(cost),
            reorder_level=level,
            account_code=OFFICE_ACCOUNT,
        )
        stock_count_record(actor=actor, supply=supply, counted=counted, note="Monday count")
        supplies[name] = supply
    supply_request_create(
        actor=actor,
        production=production,
        supply=supplies["Sharpies, black"],
        quantity=2,
        department=Department.objects.filter(production=production, name="Art").first(),
        note="For the set dressers' labels",
    )

    # Walkies for the prep rig, issued a week ago; all back two days ago but one.
    today = production.today()
    grips = list(Person.objects.active().filter(production=production, department__name="Grip")[:6])
    out = None
    for n, grip in enumerate(grips, start=11):
        item = item_issue(
            actor=actor,
            production=production,
            kind=IssuedItem.Kind.WALKIE,
            number=f"#{n}",
            description="Motorola CP200d, surveillance headset",
            person=grip,
            issued_on=today - timedelta(days=7),
        )
        if n == 14:
            out = item
            continue
        item_return(actor=actor, item=item, returned_on=today - timedelta(days=2), state="good")
    return {
        "supplies": len(supplies),
        "reorder": sum(1 for s in supplies.values() if s.stock < s.reorder_level),
        "walkies": len(grips),
        "out": f"{out} with {out.person.display_name}" if out else "none",
    }


def supplies_demo_delete(production) -> None:
    """Before the production's cascade: issued items protect their holders, orders their POs."""
    IssuedItem.objects.filter(production=production).delete()
    SupplyOrderLine.objects.filter(supply__production=production).delete()
    SupplyRequest.objects.filter(production=production).delete()
    StockCount.objects.filter(supply__production=production).delete()
    Supply.objects.filter(production=production).delete()
