"""Reads for drive-ons and gate lists: the production's dates, what a pass request gets wrong,
the day's list per gate, run-of-show passes, and who is in now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from callboard.core.models import LinkGrant
from callboard.office.models import Gate, GateCheck, Pass

from . import rules

LINK_REQUEST = "office.gate.request"  # a department head's link to ask for passes
LINK_GUARD = "office.gate.guard"  # the guard's page of one gate
LINK_PASS = "office.gate.pass"  # a pass's phone page (the QR code's URL)
SEND_KIND = "office_pass"  # an approved pass sent to its guest (gate/sending.py)


def production_dates(production) -> tuple[date | None, date | None]:
    """The first and last day the production runs (prep to wrap), as far as it is known."""
    first = production.prep_start or production.shoot_start
    last = production.wrap_end or production.shoot_end
    return first, last


def pass_problems(production, data: dict) -> dict[str, str]:
    """{field: message} for what a pass request gets wrong; empty when it can be saved."""
    problems: dict[str, str] = {}
    start, end = data.get("start_date"), data.get("end_date")
    first, last = production_dates(production)
    for field, day in (("start_date", start), ("end_date", end)):
        if day is None:
            continue
        if (first and day < first) or (last and day > last):
            problems[field] = (
                f"{day:%a %b %-d, %Y} is outside the production's dates "
                f"({_span(first, last)}): a pass can only be for a day the show runs."
            )
    if start and end and end < start and "end_date" not in problems:
        problems["end_date"] = "The last day is before the first."
    gate = data.get("gate")
    if gate is None:
        problems["gate"] = "Choose the gate."
    elif gate.production_id != production.pk:
        problems["gate"] = "Choose one of this production's gates."
    person = data.get("person")
    if person is not None and (person.production_id != production.pk or person.deleted_at):
        problems["person"] = "Choose someone on this production's cast or crew list."
    plate = rules.plate_problem(data.get("plate") or "")
    if data.get("vehicle") == Pass.Vehicle.CAR and plate:
        problems["plate"] = plate
    if data.get("purpose") == Pass.Purpose.DELIVERY:
        po = data.get("purchase_order")
        if po is not None and po.production_id != production.pk:
            problems["purchase_order"] = "Choose one of this production's POs."
    return problems


def _span(first: date | None, last: date | None) -> str:
    left = f"{first:%b %-d, %Y}" if first else "the start"
    right = f"{last:%b %-d, %Y}" if last else "the wrap"
    return f"{left} to {right}"


def passes(production):
    return Pass.objects.filter(production=production).select_related(
        "gate", "purchase_order", "purchase_order__vendor"
    )


def waiting(production):
    return passes(production).filter(status=Pass.Status.REQUESTED).order_by("requested_at")


def expires_at(pass_obj: Pass) -> datetime:
    """When a pass stops opening the gate: the end of its last day, on the production's clock."""
    zone = pass_obj.production.tzinfo
    return datetime.combine(pass_obj.end_date + timedelta(days=1), time(0), tzinfo=zone)


def pass_link_token(pass_obj: Pass) -> str | None:
    """The signed token of the pass's live phone link (the QR code's URL), if it has one."""
    from callboard.core.links import link_token

    grant = (
        LinkGrant.objects.filter(
            production_id=pass_obj.production_id,
            purpose=LINK_PASS,
            subject_type=pass_obj._meta.label_lower,
            subject_id=pass_obj.pk,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )
    return link_token(grant) if grant else None


def pass_sends(pass_obj: Pass) -> list:
    """Every time the pass was sent to its guest, the latest first: each one's delivery (where
    it went, when, and how far it got) with its dispatch."""
    from callboard.distribution.models import Delivery

    return list(
        Delivery.objects.filter(
            dispatch__production_id=pass_obj.production_id,
            dispatch__kind=SEND_KIND,
            dispatch__object_id=pass_obj.pk,
        )
        .select_related("dispatch")
        .order_by("-queued_at", "-pk")
    )


def _row(p: Pass) -> rules.Row:
    po = p.purchase_order
    return rules.Row(
        name=p.name,
        company=p.company or (str(po.vendor) if po else ""),
        host=p.host,
        department=p.department,
        purpose=p.get_purpose_display(),
        dates=rules.date_span(p.start_date, p.end_date),
        arrival=p.arrival_time,
        departure=p.departure_time,
        stage=p.stage,
        vehicle=p.vehicle_text,
        plate=p.plate,
        po=f"PO {po.code}" if po else "",
        source=(
            "Run of show"
            if p.run_of_show
            else f"Delivery{f' (PO {po.code})' if po else ''}"
            if p.purpose == Pass.Purpose.DELIVERY
            else "Drive-on"
        ),
        pass_code=p.code,
    )


def _approved_on(production, day: date):
    return passes(production).filter(
        status=Pass.Status.APPROVED, start_date__lte=day, end_date__gte=day
    )


def called_on(production, day: date) -> list[rules.Called]:
    """Everyone the day's published call sheet calls to work (cast and crew), with their call."""
    from callboard.callsheets.queries import published_calls
    from callboard.people.models import Person

    calls = [c for c in published_calls(production=production, start=day, days=1) if c.working]
    people = (
        Person.objects.active()
        .filter(production=production, pk__in=[c.person_id for c in calls])
        .select_related("department")
    )
    by_pk = {p.pk: p for p in people}
    return [
        rules.Called(
            person_id=c.person_id,
            name=by_pk[c.person_id].full_name,
            host="Cast"
            if by_pk[c.person_id].kind == Person.Kind.CAST
            else (str(by_pk[c.person_id].department or "Crew")),
            call=c.call,
            call_text=c.text,
        )
        for c in calls
        if c.person_id in by_pk
    ]


def day_list(gate: Gate, day: date) -> list[rules.Row]:
    """The gate's list for a day: approved daily passes (guests, deliveries), and, at the gate
    the call sheet comes through, everyone called who holds no pass (day players, cast)."""
    today = list(_approved_on(gate.production, day))
    daily = [(_row(p), p.person_id) for p in today if p.gate_id == gate.pk and not p.run_of_show]
    called = called_on(gate.production, day) if gate.takes_call_sheet else []
    passed = {p.person_id for p in today if p.person_id}
    return rules.day_rows(daily, called, passed)


def run_of_show_list(gate: Gate, day: date) -> list[rules.Row]:
    """Run-of-show passes through this gate still good on ``day``: listed once for the run."""
    rows = passes(gate.production).filter(
        gate=gate, status=Pass.Status.APPROVED, run_of_show=True, end_date__gte=day
    )
    return [_row(p) for p in rows.order_by("name")]


def list_document(gate: Gate, day: date, *, run_of_show: bool = False) -> dict:
    """The gate list as the studio security office gets it: its columns, in its order."""
    production = gate.production
    keys = rules.columns_of(gate.columns)
    rows = run_of_show_list(gate, day) if run_of_show else day_list(gate, day)
    return {
        "production": production.display_title,
        "company": production.company,
        "office_phone": production.office_phone,
        "gate": gate.name,
        "address": gate.address,
        "title": "Run-of-show passes" if run_of_show else "Gate list",
        "day": f"{day:%A %B %-d, %Y}",
        "iso_day": day.isoformat(),
        "headers": [rules.COLUMNS[k] for k in keys],
        "widths": [rules.COLUMN_WIDTHS[k] for k in keys],
        "rows": [[row.cell(k) for k in keys] for row in rows],
        "count": len(rows),
        "printed": timezone.localtime(timezone.now(), production.tzinfo).strftime(
            "%b %-d, %Y %-I:%M %p"
        ),
    }


def who_is_in(production, *, gate: Gate | None = None) -> list[GateCheck]:
    """Everyone whose last valid check in the last day was an arrival: the latest such check
    per pass (at ``gate`` only, when given)."""
    since = timezone.now() - timedelta(days=1)
    checks = (
        GateCheck.objects.filter(
            production=production, valid=True, pass_obj__isnull=False, at__gte=since
        )
        .select_related("pass_obj", "gate")
        .order_by("at", "pk")
    )
    last: dict[int, GateCheck] = {}
    for check in checks:
        last[check.pass_obj_id] = check
    inside = [c for c in last.values() if c.direction == GateCheck.Direction.IN]
    if gate is not None:
        inside = [c for c in inside if c.gate_id == gate.pk]
    return sorted(inside, key=lambda c: c.at, reverse=True)


def is_inside(pass_obj: Pass) -> bool:
    last = GateCheck.objects.filter(pass_obj=pass_obj, valid=True).order_by("-at", "-pk").first()
    return last is not None and last.direction == GateCheck.Direction.IN
