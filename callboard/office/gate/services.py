"""Writes for drive-ons and gate lists: asking for a pass, the office's decision, the gates and
their columns, the signed links (a department head's, a guard's, a pass's), and the guard's
checks. Each function is one transaction."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.links import (
    LinkInvalid,
    link_grant_create,
    link_grant_resolve,
    link_grants_revoke,
)
from callboard.core.models import AuditEvent
from callboard.core.numbering import next_number
from callboard.core.once import once_claim, once_done
from callboard.office.models import Gate, GateCheck, Pass
from callboard.people.phones import format_phone, phone_problem

from . import queries, rules

PASS_FIELDS = [
    "gate", "name", "company", "host", "department", "person", "purpose", "purchase_order",
    "run_of_show", "start_date", "end_date", "arrival_time", "departure_time", "stage",
    "vehicle", "vehicle_make", "plate", "notes",
]  # fmt: skip
REQUEST_LINK_DAYS = 60
GUARD_LINK_DAYS = 120


class GateError(Exception):
    """A pass, gate or check that cannot be: ``problems`` maps fields to messages."""

    def __init__(self, problems: dict[str, str] | str):
        self.problems = problems if isinstance(problems, dict) else {"": problems}
        super().__init__(" ".join(self.problems.values()))


@transaction.atomic
def pass_request(*, actor, production, data: dict, actor_label: str = "", once: str = "") -> Pass:
    """Ask the office for a pass; refused whole when anything in it cannot be. ``once``: the
    form's one-time token (a double click asks once: AlreadySaved names the first pass)."""
    if problems := queries.pass_problems(production, data):
        raise GateError(problems)
    claim = once_claim(production=production, user=actor, token=once, purpose="office.pass")
    values = {k: data[k] for k in PASS_FIELDS if k in data}
    if values.get("vehicle") == Pass.Vehicle.CAR:
        values["plate"] = rules.plate_normal(values.get("plate") or "")
    else:
        values["plate"] = ""
    if values.get("purpose") != Pass.Purpose.DELIVERY:
        values["purchase_order"] = None
    number = next_number(Pass, production)
    label = actor_label or (actor.name or actor.email if actor else "")
    created = Pass.objects.create(
        production=production,
        number=number,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
        requested_by_label=label[:200],
        **values,
    )
    once_done(claim, created)
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=created,
        actor_label=actor_label,
    )  # fmt: skip
    return created


@transaction.atomic
def pass_approve(*, actor, pass_obj: Pass) -> Pass:
    """The office approves: the pass goes on the gate lists and gets its phone link (the QR
    code's URL), good until the end of its last day."""
    # Locked and read again: two approvals at once make one phone link, not two.
    pass_obj = Pass.objects.select_for_update().get(pk=pass_obj.pk)
    if pass_obj.status != Pass.Status.REQUESTED:
        raise GateError(f"Pass {pass_obj.code} is {pass_obj.get_status_display().lower()}.")
    pass_obj.status = Pass.Status.APPROVED
    pass_obj.decided_by = actor
    pass_obj.decided_at = timezone.now()
    pass_obj.save(update_fields=["status", "decided_by", "decided_at"])
    link_grant_create(
        production=pass_obj.production,
        purpose=queries.LINK_PASS,
        subject=pass_obj,
        created_by=actor,
        valid_for=queries.expires_at(pass_obj) - timezone.now(),
    )
    audit_record(
        actor=actor, production=pass_obj.production, action=AuditEvent.Action.UPDATE,
        obj=pass_obj, changes={"status": ["requested", "approved"]},
    )  # fmt: skip
    return pass_obj


@transaction.atomic
def pass_decline(*, actor, pass_obj: Pass, reason: str = "") -> Pass:
    pass_obj = Pass.objects.select_for_update().get(pk=pass_obj.pk)
    if pass_obj.status != Pass.Status.REQUESTED:
        raise GateError(f"Pass {pass_obj.code} is {pass_obj.get_status_display().lower()}.")
    return _close(actor, pass_obj, Pass.Status.DECLINED, reason)


@transaction.atomic
def pass_cancel(*, actor, pass_obj: Pass) -> Pass:
    """Withdraw a pass: off the lists, and its QR code no longer opens the gate."""
    pass_obj = Pass.objects.select_for_update().get(pk=pass_obj.pk)
    if pass_obj.status not in (Pass.Status.REQUESTED, Pass.Status.APPROVED):
        raise GateError(f"Pass {pass_obj.code} is {pass_obj.get_status_display().lower()}.")
    return _close(actor, pass_obj, Pass.Status.CANCELLED, "")


@transaction.atomic
def pass_send(*, actor, pass_obj: Pass, email: str = "", mobile: str = "") -> list[str]:
    """Send an approved pass to its guest through distribution, in the background once this
    commits: by e-mail (the link and the card) and, when a mobile is given, a text (the link).
    Each address gets the pass once: a second click sends nothing again. The addresses it was
    sent to now (empty: every one of them had it already). A pass not approved, or past its
    last day, is refused."""
    from callboard.distribution.models import Delivery
    from callboard.distribution.services import message_send

    # Locked: a withdrawal waits for this send, or this send sees the withdrawal.
    pass_obj = Pass.objects.select_for_update().get(pk=pass_obj.pk)
    if pass_obj.status != Pass.Status.APPROVED:
        raise GateError(
            f"Pass {pass_obj.code} is {pass_obj.get_status_display().lower()}: it cannot be sent."
        )
    if queries.pass_link_token(pass_obj) is None:
        raise GateError(f"Pass {pass_obj.code} is past its last day: it cannot be sent.")
    email, mobile = email.strip(), format_phone(mobile)
    if not email and not mobile:
        raise GateError({"email": "Give the guest's e-mail address or mobile number."})
    problems = {}
    try:
        if email:
            validate_email(email)
    except ValidationError:
        problems["email"] = f"“{email[:80]}” is not an e-mail address."
    if problem := phone_problem(mobile):
        problems["mobile"] = problem
    if problems:
        raise GateError(problems)
    person = pass_obj.person
    if mobile and person is not None and not person.sms_opt_in_at:
        raise GateError(
            {"mobile": f"{person.display_name} has not agreed to texts: send by e-mail."}
        )
    # Their crew-list entry when it is the address on it (a bounce is noted there).
    on_list = {person.email, person.phone} - {""} if person is not None else set()
    sent = []
    for channel, address in ((Delivery.Channel.EMAIL, email), (Delivery.Channel.SMS, mobile)):
        if not address:
            continue
        # The address by its hash: a key is short, an address may not be.
        said = hashlib.sha256(address.lower().encode()).hexdigest()[:16]
        _, created = message_send(
            actor=actor,
            production=pass_obj.production,
            kind=queries.SEND_KIND,
            object_id=pass_obj.pk,
            key=f"{queries.SEND_KIND}:{pass_obj.pk}:{channel}:{said}",
            subject=f"Your pass for {pass_obj.production.title} — No. {pass_obj.code}",
            address=address,
            channel=channel,
            person=person if address in on_list else None,
        )
        if created:
            sent.append(address)
    if sent:
        audit_record(
            actor=actor, production=pass_obj.production, action=AuditEvent.Action.UPDATE,
            obj=pass_obj, changes={"sent to": ", ".join(sent)},
        )  # fmt: skip
    return sent


def _close(actor, pass_obj: Pass, status: str, reason: str) -> Pass:
    before = pass_obj.status
    pass_obj.status = status
    pass_obj.decided_by = actor
    pass_obj.decided_at = timezone.now()
    pass_obj.decline_reason = reason.strip()[:200]
    pass_obj.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    link_grants_revoke(
        production=pass_obj.production,
        subject_type=pass_obj._meta.label_lower,
        subject_ids=[pass_obj.pk],
        purposes=[queries.LINK_PASS],
    )
    audit_record(
        actor=actor, production=pass_obj.production, action=AuditEvent.Action.UPDATE,
        obj=pass_obj, changes={"status": [before, status]},
    )  # fmt: skip
    return pass_obj


@transaction.atomic
def gate_save(*, actor, production, gate: Gate | None = None, **fields) -> Gate:
    """Add a gate or change one (its name, kind, address, the columns the studio asks for)."""
    name = (fields.get("name") or "").strip()
    if not name:
        raise GateError({"name": "Name the gate."})
    clash = Gate.objects.filter(production=production, name__iexact=name)
    if gate is not None:
        clash = clash.exclude(pk=gate.pk)
    if clash.exists():
        raise GateError({"name": f"There is already a gate called “{name}”."})
    fields["name"] = name
    fields["columns"] = rules.columns_of(fields.get("columns"))
    created = gate is None
    gate = gate or Gate(production=production)
    for key, value in fields.items():
        setattr(gate, key, value)
    gate.save()
    if gate.takes_call_sheet:  # one gate takes the call sheet
        Gate.objects.filter(production=production).exclude(pk=gate.pk).update(
            takes_call_sheet=False
        )
    audit_record(
        actor=actor, production=production, obj=gate,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
    )  # fmt: skip
    return gate


@transaction.atomic
def gate_guard_link_create(*, actor, gate: Gate) -> str:
    """The guard's page for this gate, as a signed link (no account)."""
    _, token = link_grant_create(
        production=gate.production, purpose=queries.LINK_GUARD, subject=gate,
        created_by=actor, valid_for=timedelta(days=GUARD_LINK_DAYS),
    )  # fmt: skip
    return token


@transaction.atomic
def pass_request_link_create(*, actor, production, department) -> str:
    """A link a department head shares to ask for passes for their department."""
    _, token = link_grant_create(
        production=production, purpose=queries.LINK_REQUEST, subject=department,
        created_by=actor, valid_for=timedelta(days=REQUEST_LINK_DAYS),
    )  # fmt: skip
    return token


def _links_withdraw(*, actor, production, subject, purpose: str) -> int:
    count = link_grants_revoke(
        production=production, subject_type=subject._meta.label_lower,
        subject_ids=[subject.pk], purposes=[purpose],
    )  # fmt: skip
    if count:
        audit_record(
            actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=subject,
            changes={"links_withdrawn": f"{purpose}: {count}"},
        )  # fmt: skip
    return count


@transaction.atomic
def gate_guard_links_withdraw(*, actor, gate: Gate) -> int:
    """Every guard's page link of this gate stops opening (a lost phone, a guard gone); the
    count withdrawn. A new link can be made after."""
    return _links_withdraw(
        actor=actor, production=gate.production, subject=gate, purpose=queries.LINK_GUARD
    )


@transaction.atomic
def pass_request_links_withdraw(*, actor, production, department) -> int:
    """Every pass-request link of this department stops opening (a head who left, a link
    shared too widely); the count withdrawn."""
    return _links_withdraw(
        actor=actor, production=production, subject=department, purpose=queries.LINK_REQUEST
    )


NOT_OURS = "Not valid: this code was not made by this production."


@transaction.atomic
def gate_check(*, gate: Gate, code: str, direction: str = GateCheck.Direction.IN) -> GateCheck:
    """Check what the guard scanned or typed and record it, valid or not (a forged or expired
    code is logged with why). An empty box is refused without a record."""
    typed = rules.read_code(code)
    if typed is None:
        raise GateError({"code": "Scan the pass's QR code or type its number."})
    if direction not in GateCheck.Direction.values:
        direction = GateCheck.Direction.IN
    pass_obj, reason = _find(gate, typed)
    if pass_obj is not None and not reason:
        reason = _refusal(gate, pass_obj, direction)
    return GateCheck.objects.create(
        production=gate.production,
        gate=gate,
        pass_obj=pass_obj,
        direction=direction,
        valid=not reason,
        reason=reason,
        code=code.strip()[:120],
    )


def _find(gate: Gate, typed: rules.Typed) -> tuple[Pass | None, str]:
    if typed.number is not None:
        found = Pass.objects.filter(production=gate.production, number=typed.number).first()
        return (found, "") if found else (None, f"Not valid: there is no pass {typed.number:04d}.")
    try:
        grant = link_grant_resolve(typed.token, purpose=queries.LINK_PASS)
    except LinkInvalid as exc:
        text = str(exc)
        if "expired" in text:
            return None, "Not valid: this pass has expired."
        if "withdrawn" in text:
            return None, "Not valid: the office withdrew this pass."
        return None, NOT_OURS
    if grant.production_id != gate.production_id:
        return None, NOT_OURS
    return Pass.objects.filter(pk=grant.subject_id, production=gate.production).first(), ""


def _refusal(gate: Gate, pass_obj: Pass, direction: str) -> str:
    if pass_obj.status != Pass.Status.APPROVED:
        return f"Not valid: pass {pass_obj.code} is {pass_obj.get_status_display().lower()}."
    if pass_obj.gate_id != gate.pk:
        return f"Not valid at this gate: pass {pass_obj.code} is for {pass_obj.gate.name}."
    if direction == GateCheck.Direction.OUT:
        return ""  # leaving is always recorded, even after the pass's last day
    today = gate.production.today()
    if today > pass_obj.end_date:
        return f"Not valid: pass {pass_obj.code} expired after {pass_obj.end_date:%b %-d}."
    if today < pass_obj.start_date:
        return f"Not valid yet: pass {pass_obj.code} starts {pass_obj.start_date:%b %-d}."
    return ""
