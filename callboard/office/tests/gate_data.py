"""Builders for the gate tests: a gate, a pass asked for and approved, a published call sheet."""

from __future__ import annotations

from datetime import date, time

from callboard.callsheets.models import CallSheet
from callboard.office.gate import queries, services
from callboard.office.models import Gate, Pass
from callboard.schedule.models import Scenario


def make_gate(production, name="Main Gate", **fields) -> Gate:
    fields.setdefault("kind", Gate.Kind.CONTROLLED)
    return services.gate_save(actor=None, production=production, name=name, **fields)


def pass_data(gate: Gate, day: date, **fields) -> dict:
    data = {
        "gate": gate,
        "name": "Dana Whitfield",
        "company": "Whitfield Casting",
        "host": "Casting office",
        "purpose": Pass.Purpose.MEETING,
        "start_date": day,
        "end_date": day,
        "arrival_time": time(9, 30),
        "vehicle": Pass.Vehicle.CAR,
        "vehicle_make": "Blue Honda Civic",
        "plate": "7abc123",
    }
    return data | fields


def approved_pass(gate: Gate, day: date, actor=None, **fields) -> Pass:
    made = services.pass_request(
        actor=actor, production=gate.production, data=pass_data(gate, day, **fields)
    )
    return services.pass_approve(actor=actor, pass_obj=made)


def pass_url(pass_obj: Pass) -> str:
    return f"/l/pass/{queries.pass_link_token(pass_obj)}/"


def publish_sheet(production, day: date, calls: dict) -> CallSheet:
    """A published call sheet calling {person: "HH:MM"} on that day."""
    scenario = Scenario.objects.filter(production=production).first() or Scenario.objects.create(
        production=production, name="Main"
    )
    return CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=1,
        date=day,
        number=1,
        crew_call=time(7, 0),
        status=CallSheet.Status.PUBLISHED,
        snapshot={
            "calls": {str(p.pk): [t, t, True] for p, t in calls.items()},
            "document": {},
            "sides_for": [],
            "scenes": [],
        },
    )
