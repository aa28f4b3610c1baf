"""The demo's time cards: last prep week's cards through the whole chain (most in payroll
batch 1, a few still waiting for the department or the office, one with a late lunch),
this week's sent out, deal terms for everyone, and pay stubs toward the coordinator's
union days."""

import random
from datetime import date, timedelta
from decimal import Decimal

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.payroll import queries, services
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.people.models import Person
from callboard.people.queries import is_own_person

LABOUR_ACCOUNTS = {
    "Production": "2000",
    "Camera": "3300",
    "Grip": "3400",
    "Electric": "3500",
    "Art": "2100",
    "Locations": "3800",
    "Sound": "3600",
}


def _prep_day(rng: random.Random, on: date, late_lunch: bool = False) -> dict:
    call = rng.choice(["07:00", "07:30", "08:00"])
    lunch = "14:10" if late_lunch else rng.choice(["12:30", "13:00"])
    end = {"12:30": "13:00", "13:00": "13:30", "14:10": "14:40"}[lunch]
    wrap = rng.choice(["17:00", "17:30", "18:00", "19:00"])
    return {
        "date": on.isoformat(),
        "call": call,
        "wrap": wrap,
        "ndb": None,
        "note": "",
        "meals": [{"start": lunch, "end": end, "grace": False}],
    }


# The cast's budget account, and a SAG-AFTRA performer's day as their rate buys it: eight
# hours, for a day performer and for each of a weekly performer's five days.
CAST_ACCOUNT = "1400"
PERFORMER_HOURS = Decimal(8)


def deal_terms_demo_build(*, actor, production) -> None:
    """Everyone's deal terms: what the DPR's meal penalties, the Exhibit G and the hot cost
    price by (the cast's SAG-AFTRA day or weekly rates from the cast list)."""
    people = list(
        Person.objects.active()
        .filter(production=production, rate__isnull=False)
        .select_related("department")
        .order_by("pk")
    )
    for person in people:
        terms = queries.deal_terms_for(person)
        cast = person.kind == Person.Kind.CAST
        services.deal_terms_save(
            actor=actor,
            person=person,
            rules=terms.rules,
            guaranteed_hours=PERFORMER_HOURS if cast else terms.guaranteed_hours,
            days_per_week=5,
            kit_rental=None,
            kit_rental_per="week",
            account=CAST_ACCOUNT
            if cast
            else LABOUR_ACCOUNTS.get(person.department.name if person.department else "", "2000"),
        )


def payroll_demo_build(*, actor, production, today: date, depthead_email: str) -> dict:
    rng = random.Random(7)
    crew = list(
        Person.objects.crew()
        .filter(production=production, rate__isnull=False)
        .select_related("department")
        .order_by("pk")
    )
    # The Key Grip approves the grips' cards with the department-head login.
    grip_head = next(p for p in crew if p.is_department_head and p.department.name == "Grip")
    Person.objects.filter(pk=grip_head.pk).update(email=depthead_email)

    shoot_week = sunday_on_or_before(production.shoot_start)
    last_week = shoot_week - timedelta(days=7)  # the last week of prep
    prepping = [p for p in crew if p.start_date and p.start_date <= last_week + timedelta(days=5)]
    # Separate people at each step: the UPM approves, the producer reviews, payroll closes.
    upm = Membership.objects.get(production=production, role=Role.UPM).user
    payroll = Membership.objects.get(production=production, role=Role.PAYROLL)
    reviewed = []
    for n, person in enumerate(prepping):
        days = [
            _prep_day(rng, last_week + timedelta(days=d), late_lunch=(n == 1 and d == 3))
            for d in range(1, 6)
            if last_week + timedelta(days=d) >= person.start_date
        ]
        card = services.timecard_prepare(actor=actor, person=person, week_start=last_week)
        # The crew typed their own hours and signed on their phones.
        on_phone = f"{person.display_name} (link)"
        card = services.timecard_save(actor=None, actor_label=on_phone, card=card, days=days)
        if n % 9 == 4:
            continue  # still open: the person has not signed yet
        card = services.timecard_submit(card=card, who=on_phone, signature=person.full_name)
        if n % 9 == 6 or person.department.name == "Grip":
            continue  # waiting for the department head
        # The UPM's and the producer's own cards go to someone else at their step.
        approver = actor if is_own_person(upm, person) else upm
        card = services.timecard_approve(actor=approver, card=card)
        if n == 1:
            continue  # the late lunch: waiting for payroll to let its penalty pass, with a reason
        reviewer = payroll.user if approver == actor or is_own_person(actor, person) else actor
        reviewed.append(services.timecard_review(actor=reviewer, card=card))
    batch = services.payroll_batch_create(
        actor=actor, production=production, card_ids=[c.pk for c in reviewed], note="Prep week 1"
    )
    if batch.closed_at is None:
        # Start packets still with the office: payroll pays, saying why.
        for warning in queries.batch_warnings(batch):
            services.payroll_batch_warning_override(
                actor=payroll.user,
                membership=payroll,
                batch=batch,
                warning=warning,
                reason="Wages are owed whatever the paperwork; the office is chasing the packet.",
            )
        batch = services.payroll_batch_close(actor=payroll.user, batch=batch)
    # The shoot's weeks so far: each card filled from the production reports where they
    # have the day (the call sheets' plan else).
    week = shoot_week
    while week <= sunday_on_or_before(today):
        for person in crew:
            if person.start_date <= week + timedelta(days=6) and (
                person.end_date is None or person.end_date >= week
            ):
                services.timecard_prepare(actor=actor, person=person, week_start=week)
        week += timedelta(days=7)
    differs = _wrap_typed_late(production)

    coordinator = next(p for p in crew if p.position == "Production Coordinator")
    services.pay_stub_add(
        actor=actor,
        person=coordinator,
        employer="Harbor Lights Productions",
        job="Production Coordinator",
        union=True,
        start_date=date(today.year - 1, 2, 3),
        end_date=date(today.year - 1, 4, 11),
        days=24,
        note="Stubs from Entertainment Partners",
    )
    return {
        "cards": TimeCard.objects.filter(production=production).count(),
        "batched": len(reviewed),
        "batch": batch.number,
        "differs": differs,
    }


def _wrap_typed_late(production) -> int:
    """The Best Boy Grip typed day 2's wrap 40 minutes after the grips' wrap on the DPR: his
    card is flagged against the report for payroll or the UPM to settle, with a reason."""
    from callboard.reports.models import ProductionReport

    report = (
        ProductionReport.objects.filter(production=production, day_number=2, status="approved")
        .order_by("-version")
        .first()
    )
    best_boy = Person.objects.filter(production=production, position="Best Boy Grip").first()
    if report is None or best_boy is None:
        return 0
    card = queries.timecard_current(person=best_boy, week_start=sunday_on_or_before(report.date))
    iso = report.date.isoformat()
    days = []
    for day in card.days:
        if day.get("date") == iso and day.get("wrap"):
            hours, minutes = (int(x) for x in day["wrap"].split(":"))
            later = hours * 60 + minutes + 40
            day = day | {"wrap": f"{later // 60:02d}:{later % 60:02d}"}
        days.append(day)
    services.timecard_save(
        actor=None, actor_label=f"{best_boy.display_name} (link)", card=card, days=days
    )
    return 1
