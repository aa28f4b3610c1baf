"""The demo office's gate (issue 20 item 1): the lot's main gate, where the call sheet comes
in, and today's list with three passes — a casting meeting, a visitor on foot and a delivery
against the grip PO — asked for by the departments and approved by the coordinator, through
the services as the office would. Runs after the accounting demo, which makes the PO."""

from __future__ import annotations

from datetime import time

from callboard.accounting.models import PurchaseOrder
from callboard.office.gate.services import gate_save, pass_approve, pass_request
from callboard.office.models import Gate, Pass


def build_gate(production, *, actor, today) -> dict:
    gate = gate_save(
        actor=actor,
        production=production,
        name="Main Gate",
        kind=Gate.Kind.CONTROLLED,
        address="Gower Street entrance",
        takes_call_sheet=True,
        columns=["pass", "name", "company", "host", "arrival", "stage", "vehicle", "plate"],
    )
    po = (
        PurchaseOrder.objects.filter(production=production, vendor__name__icontains="grip")
        .order_by("number")
        .first()
    )
    asks = [
        dict(name="Dana Whitfield", company="Whitfield Casting", host="Casting office",
             department="Casting", purpose=Pass.Purpose.CASTING, arrival_time=time(9, 30),
             departure_time=time(12, 0), stage="Production office, 2nd floor",
             vehicle=Pass.Vehicle.CAR, vehicle_make="Silver Toyota Prius", plate="8KTR421"),
        dict(name="Samuel Okafor", company="Okafor Insurance Brokers", host="UPM",
             department="Production", purpose=Pass.Purpose.MEETING, arrival_time=time(14, 0),
             stage="Production office", vehicle=Pass.Vehicle.WALK_ON),
        dict(name="Luis Ferreira", company=po.vendor.name if po else "Silverline Grip & Electric",
             host="Key grip", department="Grip", purpose=Pass.Purpose.DELIVERY,
             purchase_order=po, arrival_time=time(7, 0), stage="Stage 5",
             vehicle=Pass.Vehicle.RENTAL),
    ]  # fmt: skip
    for ask in asks:
        made = pass_request(
            actor=actor,
            production=production,
            data={"gate": gate, "start_date": today, "end_date": today, **ask},
            actor_label=f"{ask['department']} department",
        )
        pass_approve(actor=actor, pass_obj=made)
    return {"gate": gate.name, "passes": len(asks), "po": po.code if po else None}
