"""Builders for the payroll tests: a person with a deal, and a published call sheet."""

from datetime import date, time
from decimal import Decimal

from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member
from callboard.payroll import queries, services
from callboard.people.testing import make_person
from callboard.schedule.models import Scenario

WEEK = date(2026, 3, 1)  # a Sunday
# A day worked that week: Monday 7:00 to 15:00 with a half-hour lunch at noon.
DAY = {
    "date": "2026-03-02",
    "call": "07:00",
    "wrap": "15:00",
    "ndb": None,
    "note": "",
    "meals": [{"start": "12:00", "end": "12:30"}],
}


def person_with_deal(production, **fields):
    fields.setdefault("rate", Decimal("300"))
    fields.setdefault("rate_unit", "day")
    return make_person(production, **fields)


def publish_sheet(
    production, day: date, calls: dict, *, est_wrap=time(19, 0), lunch=time(13, 0), number=1
):
    """A published call sheet calling {person: "HH:MM"} on that day."""
    scenario = Scenario.objects.filter(production=production).first() or Scenario.objects.create(
        production=production, name="Main"
    )
    return CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=number,
        date=day,
        number=number,
        crew_call=time(7, 0),
        est_wrap=est_wrap,
        lunch=lunch,
        status=CallSheet.Status.PUBLISHED,
        snapshot={
            "calls": {str(p.pk): [t, t] for p, t in calls.items()},
            "document": {},
            "sides_for": [],
            "scenes": [],
        },
    )


def day_post(n: int, call="", wrap="", m1=("", ""), m2=("", ""), **extra) -> dict:
    values = {
        f"d{n}_call": call,
        f"d{n}_wrap": wrap,
        f"d{n}_m1_start": m1[0],
        f"d{n}_m1_end": m1[1],
        f"d{n}_m2_start": m2[0],
        f"d{n}_m2_end": m2[1],
    }
    values.update({f"d{n}_{k}": v for k, v in extra.items()})
    return values


def approve_and_review(production, card):
    """A submitted card approved by one person (a UPM) and reviewed by another (payroll),
    after a third (payroll too) lets each flag on it pass with a reason."""
    services.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    overrider = add_member(production, Role.PAYROLL)
    membership = Membership.objects.get(production=production, user=overrider)
    for warning in queries.timecard_warnings(card):
        services.timecard_warning_override(
            actor=overrider,
            membership=membership,
            card=card,
            warning=warning,
            reason="Checked with the AD's report.",
        )
    return services.timecard_review(actor=add_member(production, Role.PAYROLL), card=card)


def batch_to_payroll(production, cards, *, note: str = ""):
    """A batch of reviewed cards handed to payroll: each warning on it (in a test, nobody has
    an approved start packet) overridden with a reason by payroll, then closed."""

    user = add_member(production, Role.PAYROLL)
    batch = services.payroll_batch_create(
        actor=user, production=production, note=note, card_ids=[c.pk for c in cards]
    )
    if batch.closed_at is None:
        membership = Membership.objects.get(production=production, user=user)
        for warning in queries.batch_warnings(batch):
            services.payroll_batch_warning_override(
                actor=user,
                membership=membership,
                batch=batch,
                warning=warning,
                reason="Wages are owed whatever the paperwork; the office chases it.",
            )
        batch = services.payroll_batch_close(actor=user, batch=batch)
    return batch
