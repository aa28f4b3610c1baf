"""Writes for the office PAs and their runs. Each function is one transaction and is audited;
money goes to the budget through accounting's services, hours to the time card through
payroll's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from callboard.accounting.models import CheckRequest, Envelope
from callboard.accounting.services import (
    AccountingError,
    InvoiceLineInput,
    ReceiptLineInput,
    check_request_create,
    receipt_add,
)
from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Production
from callboard.core.numbering import next_number
from callboard.core.once import once_claim, once_done
from callboard.office.models import PADay, Run, RunPurchase, RunSettings
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.services import TimeCardError, timecard_prepare, timecard_save
from callboard.people.models import Person

from . import queries

MAX_MILES = Decimal("2000")
MAX_RATE = Decimal("10")


class RunError(ValueError):
    """What cannot be done; ``problems`` lists every reason. Nothing was saved."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def _audit(actor, run_or_day, action, changes) -> None:
    audit_record(
        actor=actor,
        production=run_or_day.production,
        action=action,
        obj=run_or_day,
        changes=changes,
    )


def _account_problem(production: Production, code: str) -> str:
    """Why an account code cannot be charged ('' when it can, or the show has no chart yet)."""
    accounts = queries.charge_accounts(production)
    if not accounts:
        return ""
    if not code:
        return "Choose the account to charge."
    if code not in {a.code for a in accounts}:
        return f"Account “{code}” is not in the chart of accounts."
    return ""


# --------------------------------------------------------------------------- runs


@transaction.atomic
def run_request(
    *,
    actor,
    production: Production,
    what: str,
    pickup_address: str,
    dropoff_address: str,
    needed_by: dt.datetime | None,
    account_code: str = "",
    notes: str = "",
    once: str = "",
) -> Run:
    """A run asked of the office by anyone on the show. ``once``: the form's one-time token
    (a double click asks once: AlreadySaved names the run the first click made)."""
    what, pickup, dropoff = what.strip(), pickup_address.strip(), dropoff_address.strip()
    problems = []
    if not what:
        problems.append("Say what to take (or fetch).")
    if not pickup:
        problems.append("Give the address to pick up at.")
    if not dropoff:
        problems.append("Give the address to drop off at.")
    if needed_by is None:
        problems.append("Say by when it is needed.")
    if problem := _account_problem(production, account_code.strip()):
        problems.append(problem)
    if problems:
        raise RunError("Nothing was saved.", problems)
    claim = once_claim(production=production, user=actor, token=once, purpose="office.run")
    number = next_number(Run, production)
    run = Run.objects.create(
        production=production,
        number=number,
        what=what[:200],
        pickup_address=pickup[:300],
        dropoff_address=dropoff[:300],
        needed_by=needed_by,
        account_code=account_code.strip()[:41],
        notes=notes.strip()[:500],
        requested_by=actor,
        requested_by_label=str(actor)[:200],
    )
    once_done(claim, run)
    _audit(actor, run, AuditEvent.Action.CREATE, {"what": run.what, "needed_by": str(needed_by)})
    return run


def _locked(run: Run) -> Run:
    return Run.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=run.pk)


@transaction.atomic
def run_assign(*, actor, run: Run, person: Person) -> Run:
    """The coordinator gives a run to one of the office PAs (or to another)."""
    run = _locked(run)
    if run.status not in (Run.Status.REQUESTED, Run.Status.ASSIGNED):
        raise RunError(
            f"Run {run.number} is {run.get_status_display().lower()}; it stays with its PA."
        )
    if person.pk not in {p.pk for p in queries.roster(run.production)}:
        raise RunError("Choose one of the office PAs.")
    before = str(run.assigned_to or "")
    run.assigned_to, run.status = person, Run.Status.ASSIGNED
    run.save(update_fields=["assigned_to", "status"])
    _audit(actor, run, AuditEvent.Action.UPDATE, {"assigned_to": [before, str(person)]})
    return run


@transaction.atomic
def run_cancel(*, actor, run: Run) -> Run:
    run = _locked(run)
    if run.status in (Run.Status.PICKED_UP, Run.Status.DELIVERED):
        raise RunError(f"Run {run.number} is already {run.get_status_display().lower()}.")
    before = run.status
    run.status = Run.Status.CANCELLED
    run.save(update_fields=["status"])
    _audit(actor, run, AuditEvent.Action.UPDATE, {"status": [before, run.status]})
    return run


def _theirs(run: Run, person: Person) -> None:
    """A PA marks only the runs given to them."""
    if run.assigned_to_id != person.pk:
        owner = f"{run.assigned_to.display_name}’s" if run.assigned_to else "not given to anyone"
        raise RunError(f"Run {run.number} is {owner}, not yours; ask the office.")


@transaction.atomic
def run_pick_up(*, actor, run: Run, person: Person) -> Run:
    """The PA has the thing in the car."""
    run = _locked(run)
    _theirs(run, person)
    if run.status != Run.Status.ASSIGNED:
        raise RunError(f"Run {run.number} is {run.get_status_display().lower()}.")
    run.status, run.picked_up_at = Run.Status.PICKED_UP, timezone.now()
    run.save(update_fields=["status", "picked_up_at"])
    _audit(actor, run, AuditEvent.Action.UPDATE, {"status": [Run.Status.ASSIGNED, run.status]})
    return run


def _miles(value) -> Decimal:
    if value is None or value == "":
        return Decimal("0.0")
    try:
        miles = Decimal(str(value).strip())
    except ArithmeticError:
        raise RunError(f"“{value}” is not a number of miles; write it like 12.5.") from None
    if not miles.is_finite():
        raise RunError(f"“{value}” is not a number of miles; write it like 12.5.")
    if miles < 0:
        raise RunError("Miles cannot be negative.")
    if miles > MAX_MILES:
        raise RunError(f"{miles} miles is more than a run can be; check the odometer.")
    return miles.quantize(Decimal("0.1"))


@transaction.atomic
def run_deliver(*, actor, run: Run, person: Person, miles) -> Run:
    """Delivered, with the miles driven (0 in a production car)."""
    run = _locked(run)
    _theirs(run, person)
    if run.status == Run.Status.DELIVERED:
        raise RunError(f"Run {run.number} is already delivered.")
    if run.status != Run.Status.PICKED_UP:
        raise RunError(f"Run {run.number} has not been picked up yet; mark it picked up first.")
    run.miles = _miles(miles)
    run.status, run.delivered_at = Run.Status.DELIVERED, timezone.now()
    run.save(update_fields=["status", "delivered_at", "miles"])
    _audit(
        actor,
        run,
        AuditEvent.Action.UPDATE,
        {"status": [Run.Status.PICKED_UP, run.status], "miles": str(run.miles)},
    )
    return run


@transaction.atomic
def run_purchase_add(
    *,
    actor,
    run: Run,
    person: Person,
    where: str,
    what: str,
    amount: Decimal | None,
    card_last4: str = "",
    file: tuple[str, bytes] | None = None,
    once: str = "",
) -> RunPurchase:
    """Something bought on the run: a receipt in the PA's open petty cash envelope (or on a
    production card), coded to the run's account, through accounting. ``once``: the form's
    one-time token (a double click keeps one receipt, not two)."""
    run = _locked(run)
    claim = once_claim(
        production=run.production, user=actor, token=once, purpose="office.run_purchase"
    )
    _theirs(run, person)
    if run.status == Run.Status.CANCELLED:
        raise RunError(f"Run {run.number} is cancelled.")
    if not run.account_code:
        raise RunError(f"Run {run.number} has no account to charge; ask the office to set one.")
    envelope = None
    if not card_last4:
        envelope = (
            Envelope.objects.filter(float__person=person, status=Envelope.Status.OPEN)
            .select_related("float")
            .first()
        )
        if envelope is None:
            raise RunError(
                "You hold no petty cash float: give the last 4 digits of the production card "
                "you paid with, or ask accounting for a float."
            )
    if amount is None:
        raise RunError("Give the amount paid.")
    try:
        receipt, _ = receipt_add(
            production=run.production,
            person=person,
            on=timezone.localdate(timezone=run.production.tzinfo),
            vendor_name=where,
            lines=[
                ReceiptLineInput(
                    account_code=run.account_code,
                    description=f"Run {run.number}: {what.strip()}" if what.strip() else "",
                    amount=amount,
                )
            ],
            envelope=envelope,
            paid="card" if card_last4 else "cash",
            card_last4=card_last4,
            file=file,
            actor=actor,
        )
    except AccountingError as exc:
        raise RunError("Nothing was saved.", exc.problems) from exc
    purchase = RunPurchase.objects.create(run=run, receipt=receipt)
    once_done(claim, purchase)
    _audit(
        actor, run, AuditEvent.Action.UPDATE, {"purchase": f"{receipt.vendor_name} {receipt.total}"}
    )
    return purchase


@transaction.atomic
def mileage_reimburse(*, actor, production: Production, person: Person) -> CheckRequest:
    """A check request paying a PA back for the miles of their delivered runs (one line per
    run, on the run's account, at the production's rate); the runs are marked paid."""
    rate = queries.mileage_rate(production)
    pending = list(
        Run.objects.select_for_update()
        .filter(
            production=production,
            assigned_to=person,
            status=Run.Status.DELIVERED,
            miles__gt=0,
            reimbursement__isnull=True,
        )
        .order_by("delivered_at")
    )
    if not pending:
        raise RunError(f"{person.display_name} has no miles waiting to be paid back.")
    uncoded = [str(r.number) for r in pending if not r.account_code]
    if uncoded:
        raise RunError(f"Give run {', '.join(uncoded)} an account to charge first.")
    lines = [
        InvoiceLineInput(
            account_code=r.account_code,
            description=f"Run {r.number} {r.delivered_at:%m/%d}: {r.miles} mi at ${rate}/mi",
            amount=queries.mileage_amount(r.miles, rate),
        )
        for r in pending
    ]
    try:
        request = check_request_create(
            actor=actor,
            production=production,
            payee=person.full_name,
            reason=f"Mileage on {len(pending)} run{'s' if len(pending) != 1 else ''}",
            lines=[ln for ln in lines if ln.amount > 0],
        )
    except AccountingError as exc:
        raise RunError("Nothing was saved.", exc.problems) from exc
    Run.objects.filter(pk__in=[r.pk for r in pending]).update(reimbursement=request)
    return request


@transaction.atomic
def run_settings_save(*, actor, production: Production, mileage_rate) -> RunSettings:
    try:
        rate = Decimal(str(mileage_rate).strip())
    except ArithmeticError:
        raise RunError(f"“{mileage_rate}” is not a rate; write it like 0.70.") from None
    if not rate.is_finite() or not Decimal("0") <= rate <= MAX_RATE:
        raise RunError("The mileage rate is from $0 to $10 a mile.")
    if rate != rate.quantize(Decimal("0.0001")):
        raise RunError("The mileage rate has 4 decimals at most.")
    row, _ = RunSettings.objects.get_or_create(
        production=production, defaults={"mileage_rate": rate}
    )
    before = str(row.mileage_rate)
    row.mileage_rate = rate
    row.save()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=row,
        changes={"mileage_rate": [before, str(rate)]},
    )
    return row


# --------------------------------------------------------------------------- a PA's day


def _day(production: Production, person: Person, on: dt.date) -> PADay:
    if person.production_id != production.pk:
        raise RunError("Choose someone on this production.")
    day, _ = PADay.objects.select_for_update().get_or_create(
        production=production, person=person, date=on
    )
    return day


@transaction.atomic
def pa_call_set(*, actor, production: Production, person: Person, on: dt.date, call) -> PADay:
    """The office gives a PA their call for a day."""
    if person.pk not in {p.pk for p in queries.roster(production)}:
        raise RunError("Choose one of the office PAs.")
    day = _day(production, person, on)
    before = day.call.isoformat() if day.call else ""
    day.call = call
    day.save()
    _audit(
        actor, day, AuditEvent.Action.UPDATE, {"call": [before, call.isoformat() if call else ""]}
    )
    return day


def _clock(moment: dt.datetime, production: Production) -> str:
    return timezone.localtime(moment, production.tzinfo).strftime("%H:%M")


def _to_timecard(*, actor, day: PADay) -> str:
    """Write the day's sign-in and sign-out into the PA's time card as call and wrap, through
    payroll. Returns why it could not ('' when it did): the sign-in stands either way."""
    production, person = day.production, day.person
    try:
        card = timecard_prepare(
            actor=actor, person=person, week_start=sunday_on_or_before(day.date)
        )
        if card.is_locked or card.status != card.Status.DRAFT:
            return "Your time card for this week is already submitted; tell the office your times."
        days = [d for d in card.days if d.get("date") != day.date.isoformat()]
        kept = next((d for d in card.days if d.get("date") == day.date.isoformat()), {})
        entry = {
            "date": day.date.isoformat(),
            "call": _clock(day.signed_in_at, production),
            "wrap": _clock(day.signed_out_at, production) if day.signed_out_at else "",
            "meals": kept.get("meals", []),
            "ndb": kept.get("ndb"),
            "note": kept.get("note", "") or "Signed in and out on the office PA page",
        }
        if day.signed_out_at and (
            timezone.localdate(day.signed_out_at, production.tzinfo)
            > timezone.localdate(day.signed_in_at, production.tzinfo)
        ):
            entry["overnight"] = True
        timecard_save(
            actor=actor,
            card=card,
            days=sorted([*days, entry], key=lambda d: d["date"]),
        )
    except TimeCardError as exc:
        # The day's own problem ("wrap is not after call") tells the PA more than the card's.
        return f"Your time card was not updated: {exc.problems.get(day.date.isoformat()) or exc}"
    return ""


@transaction.atomic
def pa_sign_in(*, actor, production: Production, person: Person, at: dt.datetime | None = None):
    """A PA starts their day. Returns (day, why the time card was not updated or '')."""
    if person.pk not in {p.pk for p in queries.roster(production)}:
        raise RunError(f"{person.display_name} is not one of the office PAs.")
    at = at or timezone.now()
    day = _day(production, person, timezone.localdate(at, production.tzinfo))
    if day.signed_in_at:
        raise RunError(
            f"{person.display_name} signed in already at {_clock(day.signed_in_at, production)}."
        )
    day.signed_in_at = at
    day.save()
    _audit(actor, day, AuditEvent.Action.UPDATE, {"signed_in": _clock(at, production)})
    return day, _to_timecard(actor=actor, day=day)


@transaction.atomic
def pa_sign_out(*, actor, production: Production, person: Person, at: dt.datetime | None = None):
    """A PA ends their day (the day they signed in on, even past midnight)."""
    at = at or timezone.now()
    day = (
        PADay.objects.select_for_update()
        .filter(
            production=production,
            person=person,
            signed_in_at__isnull=False,
            # The day signed in on, or the one before for a day that ran past midnight.
            date__gte=timezone.localdate(at, production.tzinfo) - dt.timedelta(days=1),
        )
        .order_by("-date")
        .first()
    )
    if day is None or day.signed_out_at is not None:
        raise RunError(f"{person.display_name} is not signed in.")
    if at < day.signed_in_at:
        raise RunError("Signing out before signing in cannot be right.")
    day.signed_out_at = at
    day.save()
    _audit(actor, day, AuditEvent.Action.UPDATE, {"signed_out": _clock(at, production)})
    return day, _to_timecard(actor=actor, day=day)
