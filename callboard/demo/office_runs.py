"""The demo office's PAs and runs (issue 20, item 2): two office PAs signed in this morning
(their time cards take the times), and four runs: one delivered with its miles, one on the
road, one assigned, one waiting for a PA. Everything through the runs services, as the
office would; after the books, since a run charges an account of the chart."""

from __future__ import annotations

import datetime as dt

from callboard.office.runs import queries, services

RUNS = [
    # what, from, to, hour needed, account
    (
        "Hard drives to editorial",
        "Production office, 4000 Warner Blvd",
        "Editorial, 2 Lot Rd",
        10,
        "2700",
    ),
    (
        "Camera cards from the rental house",
        "Keslow Camera, 5800 Jefferson Blvd",
        "Stage 5",
        11,
        "3400",
    ),
    (
        "Sides and call sheets to set",
        "Production office, 4000 Warner Blvd",
        "Rosie's Diner",
        14,
        "2700",
    ),
    ("Toner and printer paper", "Staples, 1301 N Victory Pl", "Production office", 16, "2700"),
]


def build_runs(production, *, actor, today: dt.date) -> dict:
    pas = queries.roster(production)[:2]
    zone = production.tzinfo
    for n, pa in enumerate(pas):
        services.pa_call_set(
            actor=actor, production=production, person=pa, on=today, call=dt.time(7, 0)
        )
        services.pa_sign_in(
            actor=actor,
            production=production,
            person=pa,
            at=dt.datetime.combine(today, dt.time(6, 55 + n * 3), tzinfo=zone),
        )
    runs = [
        services.run_request(
            actor=actor,
            production=production,
            what=what,
            pickup_address=pickup,
            dropoff_address=dropoff,
            needed_by=dt.datetime.combine(today, dt.time(hour), tzinfo=zone),
            account_code=account,
        )
        for what, pickup, dropoff, hour, account in RUNS
    ]
    if len(pas) == 2:
        first, second = pas
        services.run_assign(actor=actor, run=runs[0], person=first)
        services.run_pick_up(actor=actor, run=runs[0], person=first)
        services.run_deliver(actor=actor, run=runs[0], person=first, miles="6.4")
        services.run_assign(actor=actor, run=runs[1], person=second)
        services.run_pick_up(actor=actor, run=runs[1], person=second)
        services.run_assign(actor=actor, run=runs[2], person=first)
    return {"pas": len(pas), "runs": len(runs)}
