"""Reads for the office PAs and their runs."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q, QuerySet

from callboard.accounting.models import Account
from callboard.core.capabilities import Role
from callboard.core.models import Membership, Production
from callboard.office.models import PADay, Run, RunSettings
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.queries import timecard_current
from callboard.people.models import Person
from callboard.people.queries import own_people

OFFICE_DEPARTMENTS = ("Production", "Office")
# An office PA's position on the crew list: "Office PA", "Production Assistant", "PA";
# set PAs work for the ADs on set, not for the office.
_PA_POSITION = re.compile(r"\b(pa|production assistant|office assistant)\b", re.IGNORECASE)
_NOT_OFFICE = re.compile(r"\b(set|art|post|department)\b", re.IGNORECASE)
OPEN = (Run.Status.REQUESTED, Run.Status.ASSIGNED, Run.Status.PICKED_UP)


def mileage_rate(production: Production) -> Decimal:
    row = RunSettings.objects.filter(production=production).first()
    return row.mileage_rate if row else settings.OFFICE_MILEAGE_RATE


def _pa_logins(production: Production) -> Q:
    """People whose login holds the PA role here (linked, or by the same e-mail)."""
    users = Membership.objects.filter(
        production=production, role=Role.PA, is_active=True
    ).values_list("user_id", "user__email")
    ids = [pk for pk, _ in users]
    emails = [email for _, email in users if email]
    match = Q(account_id__in=ids)
    for email in emails:
        match |= Q(email__iexact=email)
    return match


def roster(production: Production) -> list[Person]:
    """The office PAs: crew of the Production (or Office) department hired as PAs, and anyone
    whose login has the PA role."""
    office = Person.objects.active().filter(
        production=production, kind=Person.Kind.CREW, department__name__in=OFFICE_DEPARTMENTS
    )
    by_position = [
        p for p in office if _PA_POSITION.search(p.position) and not _NOT_OFFICE.search(p.position)
    ]
    by_login = Person.objects.active().filter(_pa_logins(production), production=production)
    people = {p.pk: p for p in [*by_position, *by_login]}
    return sorted(people.values(), key=lambda p: (p.last_name.lower(), p.first_name.lower()))


def own_pa(user, production: Production) -> Person | None:
    """The roster entry that is this login, if they are an office PA."""
    mine = set(own_people(user, production).values_list("pk", flat=True))
    return next((p for p in roster(production) if p.pk in mine), None)


def pa_days(production: Production, day: dt.date) -> dict[int, PADay]:
    return {d.person_id: d for d in PADay.objects.filter(production=production, date=day)}


def on_timecard(day: PADay) -> bool:
    """Whether the PA's time card holds the day's sign-in and sign-out as call and wrap (it
    does not when the card was already submitted, or the times could not be priced)."""
    card = timecard_current(person=day.person, week_start=sunday_on_or_before(day.date))
    if card is None or day.signed_in_at is None:
        return False
    entry = next((d for d in card.days if d.get("date") == day.date.isoformat()), {})
    wrap = _hhmm(day.signed_out_at, day.production) if day.signed_out_at else ""
    call = _hhmm(day.signed_in_at, day.production)
    return entry.get("call") == call and entry.get("wrap", "") == wrap


def _hhmm(moment: dt.datetime, production: Production) -> str:
    return f"{moment.astimezone(production.tzinfo):%H:%M}"


def _day_bounds(production: Production, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=production.tzinfo)
    return start, start + dt.timedelta(days=1)


def runs(production: Production) -> QuerySet:
    return Run.objects.filter(production=production).select_related("assigned_to")


def board(production: Production, day: dt.date) -> dict[str, list[Run]]:
    """The runs board: every open run (whatever day it is for) and the day's finished ones."""
    start, end = _day_bounds(production, day)
    rows = runs(production).filter(
        Q(status__in=OPEN)
        | Q(needed_by__gte=start, needed_by__lt=end)
        | Q(delivered_at__gte=start, delivered_at__lt=end)
    )
    grouped = defaultdict(list)
    for run in rows:
        grouped[run.status].append(run)
    return grouped


def run_log(production: Production, day: dt.date) -> list[Run]:
    """The day's run log: runs needed that day or delivered that day, in time order."""
    start, end = _day_bounds(production, day)
    return list(
        runs(production)
        .filter(
            Q(needed_by__gte=start, needed_by__lt=end)
            | Q(delivered_at__gte=start, delivered_at__lt=end)
        )
        .prefetch_related("purchases__receipt")
    )


def my_runs(person: Person, day: dt.date) -> list[Run]:
    """A PA's runs on their phone: theirs still open, and those they finished that day."""
    start, end = _day_bounds(person.production, day)
    return list(
        Run.objects.filter(assigned_to=person)
        .filter(Q(status__in=OPEN) | Q(delivered_at__gte=start, delivered_at__lt=end))
        .exclude(status=Run.Status.CANCELLED)
        .prefetch_related("purchases__receipt")
    )


def miles_to_pay(production: Production) -> list[dict]:
    """Each PA's delivered runs with miles not yet paid back: runs, miles, amount."""
    rate = mileage_rate(production)
    rows: dict[int, dict] = {}
    pending = runs(production).filter(
        status=Run.Status.DELIVERED, miles__gt=0, reimbursement__isnull=True
    )
    for run in pending:
        row = rows.setdefault(
            run.assigned_to_id,
            {"person": run.assigned_to, "runs": 0, "miles": Decimal("0"), "amount": Decimal("0")},
        )
        row["runs"] += 1
        row["miles"] += run.miles
        row["amount"] += mileage_amount(run.miles, rate)
    return sorted(rows.values(), key=lambda r: r["person"].last_name)


def mileage_amount(miles: Decimal, rate: Decimal) -> Decimal:
    # Half a cent rounds up, as a check is written (Decimal's default rounds half to even).
    return (miles * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def charge_accounts(production: Production) -> list[Account]:
    return list(Account.objects.filter(production=production))


def _clock(moment: dt.datetime | None, production: Production) -> str:
    if moment is None:
        return ""
    return f"{moment.astimezone(production.tzinfo):%-I:%M %p}"


def log_document(production: Production, day: dt.date) -> dict:
    """The day's run log as the PDF prints it: every value already text."""
    rate = mileage_rate(production)
    rows, miles = [], Decimal("0")
    for run in run_log(production, day):
        miles += run.miles or 0
        bought = [f"{p.receipt.vendor_name} ${p.receipt.total}" for p in run.purchases.all()]
        rows.append(
            {
                "number": str(run.number),
                "needed_by": _clock(run.needed_by, production),
                "what": run.what,
                "from": run.pickup_address,
                "to": run.dropoff_address,
                "asked_by": run.requested_by_label,
                "account": run.account_code,
                "pa": run.assigned_to.display_name if run.assigned_to else "",
                "status": run.get_status_display(),
                "picked_up": _clock(run.picked_up_at, production),
                "delivered": _clock(run.delivered_at, production),
                "miles": str(run.miles) if run.miles is not None else "",
                "bought": "; ".join(bought),
            }
        )
    days = pa_days(production, day)
    pas = [
        {
            "name": person.display_name,
            "call": f"{days[person.pk].call:%-I:%M %p}"
            if person.pk in days and days[person.pk].call
            else "",
            "in": _clock(days[person.pk].signed_in_at, production) if person.pk in days else "",
            "out": _clock(days[person.pk].signed_out_at, production) if person.pk in days else "",
        }
        for person in roster(production)
    ]
    return {
        "production": {"title": production.display_title, "phone": production.office_phone},
        "day": f"{day:%A %B} {day.day}, {day.year}",
        "date": day.isoformat(),
        "printed": _clock(dt.datetime.now(dt.UTC), production),
        "rate": f"${rate}/mi",
        "miles": str(miles),
        "mileage": f"${mileage_amount(miles, rate)}",
        "runs": rows,
        "pas": pas,
    }


def office_card(production: Production) -> dict:
    """What waits on the office today for runs, for the Office page's card."""
    today = production.today()
    days = pa_days(production, today).values()
    return {
        "waiting": Run.objects.filter(production=production, status=Run.Status.REQUESTED).count(),
        "on_the_road": Run.objects.filter(
            production=production, status__in=(Run.Status.ASSIGNED, Run.Status.PICKED_UP)
        ).count(),
        "signed_in": sum(1 for d in days if d.signed_in_at and not d.signed_out_at),
    }
