"""Writes for start packets. Each function is one transaction; every step is a PacketEvent
(printed on the packet's audit page) and the office's steps are audited too."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.capabilities import Cap
from callboard.core.controls import ControlError, require_cleared, require_other_person
from callboard.core.events import Event, event_emit
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, LinkGrant, Production
from callboard.core.services import warning_override
from callboard.core.vault import seal, unseal
from callboard.distribution.services import dispatch_create, link_opened, person_notify
from callboard.documents.uploads import check_upload
from callboard.people.queries import is_own_person
from callboard.people.services import person_update

from . import rules, sending
from .answers import (
    bank_digest,
    bank_shown,
    clean_signature_svg,
    form_terms,
    mask_email,
    same_answer,
    terms_problems,
    value_problem,
)
from .catalogue import EIN, FORMS, MONEY, REQUIRED_KINDS, SSN, adapted
from .models import (
    BankChange,
    Packet,
    PacketEvent,
    PacketForm,
    PacketFormVersion,
    PacketUpload,
    PaperworkSettings,
    ProductionCertificate,
    settings_for,
)
from .packets import form_hash, signed_packet
from .queries import form_answers, known_answers, packet_document, packet_findings
from .tasks import schedule_reminder

if TYPE_CHECKING:
    from .signing import Certificate

DEFAULT_CHAIN = ["coordinator", "upm", "payroll"]


class PacketError(ValueError):
    """A step that cannot be taken now; the message says why."""


def _event(
    packet: Packet,
    event: str,
    who: str,
    ip: str | None = None,
    user_agent: str = "",
    document_hash: str = "",
) -> None:
    PacketEvent.objects.create(
        packet=packet,
        event=event[:1000],
        who=who[:200],
        ip=ip or None,
        user_agent=user_agent[:300],
        document_hash=document_hash,
    )


@transaction.atomic
def packet_create(
    *,
    actor,
    production: Production,
    person,
    kinds: list[str],
    start_date: date | None,
    job_days: int | None = None,
    chain: list[str] | None = None,
) -> Packet:
    unknown = [k for k in kinds if k not in FORMS]
    if unknown:
        raise PacketError(f"Unknown forms: {', '.join(unknown)}.")
    packet = Packet.objects.create(
        production=production,
        person=person,
        start_date=start_date,
        job_days=job_days,
        chain=list(chain or settings_for(production).chain or DEFAULT_CHAIN),
        created_by=actor,
    )
    known = known_answers(person, start_date)
    adaptations = settings_for(production).forms
    PacketForm.objects.bulk_create(
        PacketForm(
            packet=packet,
            kind=kind,
            position=n,
            values={
                f.name: known[f.name]
                for f in adapted(FORMS[kind], adaptations.get(kind)).fields
                if not f.private and known.get(f.name)
            },
        )
        for n, kind in enumerate(kinds)
    )
    _event(packet, "Packet created", str(actor or "office"))
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=packet,
        changes={"forms": kinds},
    )
    if any(kind.startswith("deal_memo") for kind in kinds):
        # The wage notices and the kit inventory state the deal's terms from the start.
        packet_terms_set(actor=actor, packet=packet, terms={})
    return packet


@transaction.atomic
def packet_form_save(
    *,
    form: PacketForm,
    answers: dict[str, str],
    who: str,
    ip: str | None = None,
    user_agent: str = "",
) -> dict[str, str]:
    """The person's answers, kept as typed (save and come back later). Returns {field:
    problem} for values in a wrong format, which are not kept; everything else is. The
    office's terms (rate, guarantee, position…) are not the person's to change: a changed one
    refuses the whole save (PacketError), nothing is kept, and the person is told to ask."""
    form = PacketForm.objects.select_for_update().get(pk=form.pk)
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already; the office can send it back to you.")
    spec = form.spec
    changed = [
        f.label
        for f in spec.fields
        if f.office
        and f.name in answers
        and not same_answer(f.kind, str(answers[f.name] or ""), form.values.get(f.name, ""))
    ]
    if changed:
        raise PacketError(
            f"{rules.join_words(changed)} {'is' if len(changed) == 1 else 'are'} "
            "set by the production "
            "office. If something is wrong, ask for a change below; nothing was saved."
        )
    problems: dict[str, str] = {}
    for field in spec.fields:
        if field.name not in answers or field.office:
            continue
        value = str(answers[field.name] or "").strip()
        if problem := value_problem(field.kind, value):
            problems[field.name] = problem
            continue
        if field.kind == SSN and value:
            value = rules.normalise_ssn(value)
        if field.kind == EIN and value:
            value = rules.normalise_ein(value)
        if field.private:
            form.sealed[field.name] = seal(value)
        else:
            form.values[field.name] = value
    form.status = PacketForm.Status.IN_PROGRESS
    form.save()
    packet = form.packet
    if packet.status in (Packet.Status.SENT, Packet.Status.OPENED):
        packet.status = Packet.Status.IN_PROGRESS
        packet.save(update_fields=["status", "updated_at"])
    _event(packet, f"{spec.title}: saved", who, ip, user_agent)
    return problems


@transaction.atomic
def packet_form_submit(
    *, form: PacketForm, signature: dict, who: str, ip: str | None = None, user_agent: str = ""
) -> None:
    """Sign and submit a form: every required field filled and signed, or nothing changes."""
    form = PacketForm.objects.select_for_update().get(pk=form.pk)
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already.")
    spec = form.spec
    answers = form_answers(form)
    office_blank = [
        f.label
        for f in spec.fields
        if f.office and f.required and not (answers.get(f.name) or "").strip()
    ]
    if office_blank:
        raise PacketError(
            f"Waiting for the production office to fill in: {', '.join(office_blank)}."
            " Ask them below; you can sign once they have."
        )
    required = [f.name for f in spec.fields if f.required]
    missing = rules.missing_fields(answers, required, {f.name: f.label for f in spec.fields})
    signature = {**signature, "svg": clean_signature_svg(signature.get("svg", ""))}
    if (
        form.kind == "i9_section1"
        and settings_for(form.packet.production).uses_everify
        and not (answers.get("ssn"))
    ):
        missing.append("Social Security number (this employer uses E-Verify)")
    if spec.needs_uploads and not form.uploads.exists():
        missing.append("a photo or PDF of your identity documents")
    if not (signature.get("typed") or signature.get("svg")):
        missing.append("your signature (type your name or draw it)")
    if missing:
        raise PacketError("Still to fill: " + ", ".join(missing) + ".")
    if form.kind == "i9_section1" and (problems := rules.i9_section1_problems(answers)):
        raise PacketError(" ".join(problems))
    form.signatures["employee"] = {
        "name": answers.get("legal_name", who),
        "typed": signature.get("typed", "")[:120],
        "svg": signature.get("svg", "")[:20000],
        "at": timezone.now().isoformat(),
        "ip": ip or "",
        "method": "drawn" if signature.get("svg") else "typed",
    }
    form.status = PacketForm.Status.SUBMITTED
    form.submitted_at = timezone.now()
    form.comments = ""
    if form.kind == "direct_deposit":
        _bank_details_submitted(form, answers, ip=ip, user_agent=user_agent)
    form.save()
    _event(
        form.packet, f"{spec.title}: signed and submitted", who, ip, user_agent, form_hash(answers)
    )
    packet = form.packet
    open_forms = packet.forms.exclude(
        status__in=[PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED]
    )
    if not open_forms.exclude(kind__in=[k for k, s in FORMS.items() if s.office_only]).exists():
        packet.status = Packet.Status.SUBMITTED
        packet.save(update_fields=["status", "updated_at"])


BANK_LINK_PURPOSE = "bank_change"
BANK_LINK_DAYS = 7


def _bank_details_submitted(
    form: PacketForm, answers: dict[str, str], *, ip: str | None, user_agent: str
) -> None:
    """New direct-deposit details after earlier ones: a BankChange waiting for the person to
    confirm through the e-mail (or phone) the crew list already had, flagged to payroll."""
    digest = bank_digest(answers, settings.SECRET_KEY.encode())
    shown = bank_shown(answers)
    before = form.submitted_bank
    packet, person = form.packet, form.packet.person
    # Where the person could be reached when they first gave their bank details: a changed
    # e-mail or phone (through their details link) is exactly what a fraudster would do first.
    known = {
        "email": before.get("email", person.email) if before else person.email,
        "phone": before.get("phone", "")
        if before
        else (person.phone if person.sms_opt_in_at else ""),
    }
    form.submitted_bank = {"digest": digest, "shown": shown, **known}
    if not before or before.get("digest") == digest:
        return
    change = BankChange.objects.create(
        form=form,
        before=before.get("shown", "")[:120],
        after=shown[:120],
        confirm_to=", ".join(
            filter(None, [mask_email(known["email"]), "text" if known["phone"] else ""])
        )[:200],
        ip=ip or None,
        user_agent=user_agent[:300],
    )
    grant, token = link_grant_create(
        production=packet.production,
        purpose=BANK_LINK_PURPOSE,
        subject=change,
        valid_for=timedelta(days=BANK_LINK_DAYS),
    )
    change.grant = grant
    change.save(update_fields=["grant"])
    link = settings.SITE_URL + reverse("bank_change_by_link", args=[token])
    title = packet.production.title
    person_notify(
        person=person,
        email=known["email"],
        phone=known["phone"],
        subject=f"{title}: confirm the change to your direct deposit",
        body=f"Hello {person.display_name},\n\nYour direct deposit for {title} was changed "
        f"from {change.before or 'the account you gave before'} to {change.after}.\n\n"
        f"If you made this change, confirm it here: {link}\n\nIf you did not, open the "
        "link and say so, and call the production office: nobody will be paid into "
        "the new account until you answer.\n",
        text=f"{title}: your direct deposit was changed to {change.after}. Confirm or report "
        f"it: {link}",
    )
    audit_record(
        actor=None,
        actor_label=person.display_name,
        production=packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=form,
        changes={
            "bank_details_changed": [change.before, change.after],
            "ip": ip or "",
            "user_agent": user_agent[:200],
        },
    )
    _event(
        packet,
        f"Direct deposit changed: confirmation sent to {change.confirm_to or 'nobody (no e-mail)'}",
        person.display_name,
        ip,
        user_agent,
    )


@transaction.atomic
def bank_change_answer(
    *, change: BankChange, confirmed: bool, ip: str | None, user_agent: str
) -> BankChange:
    """The person's answer through the link sent to their known address."""
    change = BankChange.objects.select_for_update().get(pk=change.pk)
    if change.status != BankChange.Status.PENDING:
        raise PacketError("This change was answered already; call the production office.")
    change.status = BankChange.Status.CONFIRMED if confirmed else BankChange.Status.DISPUTED
    change.answered_at = timezone.now()
    change.save(update_fields=["status", "answered_at"])
    if change.grant is not None:
        link_grant_revoke(grant=change.grant)
    packet = change.form.packet
    _event(
        packet,
        f"Direct deposit change {change.get_status_display().lower()}",
        packet.person.display_name,
        ip,
        user_agent,
    )
    audit_record(
        actor=None,
        actor_label=packet.person.display_name,
        production=packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=change.form,
        changes={"bank_change": change.status, "ip": ip or ""},
    )
    return change


@transaction.atomic
def packet_change_request(
    *, form: PacketForm, text: str, who: str, ip: str | None = None, user_agent: str = ""
) -> None:
    """The person disagrees with a term the office set: a comment the office sees (and must
    answer before approving), never an edit of the number."""
    text = " ".join((text or "").split())[:1000]
    if not text:
        raise PacketError("Say what should change, e.g. “the rate we agreed was $24/hour”.")
    if not any(f.office for f in form.spec.fields):
        raise PacketError("This form has no terms set by the office.")
    form.change_request = text
    form.save(update_fields=["change_request"])
    _event(form.packet, f"{form.spec.title}: change asked for", who, ip, user_agent)


OFFICE_TERM_KINDS = (
    "deal_memo",
    "deal_memo_union",
    "ca_wage_notice",
    "ny_wage_notice",
    "box_rental",
)


def _new_version(form: PacketForm, *, actor, reason: str) -> None:
    """Keep the signed form as it was, then ask for a new signature."""
    PacketFormVersion.objects.create(
        form=form,
        version=form.version,
        values=dict(form.values),
        signatures=form.signatures,
        status=form.status,
        submitted_at=form.submitted_at,
        replaced_by=str(actor)[:200],
        reason=reason[:300],
        document_hash=form_hash(form_answers(form)),
    )
    form.version += 1
    form.signatures = {}
    form.submitted_at = None
    form.status = PacketForm.Status.NEEDS_CORRECTION
    form.comments = f"The office changed the terms ({reason}): read them and sign again."[:1000]


@transaction.atomic
def packet_terms_set(*, actor, packet: Packet, terms: dict[str, str]) -> list[str]:
    """The office sets the deal's terms (and the wage notices' rate, overtime rate and payday
    from them). A signed form whose terms change becomes a new version that the person signs
    again; the signed one stays in the packet's history. Returns the titles changed."""
    packet = Packet.objects.select_for_update().get(pk=packet.pk)
    forms = {f.kind: f for f in packet.forms.filter(kind__in=OFFICE_TERM_KINDS)}
    deal = next((f for k, f in forms.items() if k.startswith("deal_memo")), None)
    if deal is None:
        raise PacketError("This packet has no deal memo.")
    office = {f.name: f for f in deal.spec.fields if f.office}
    if problems := terms_problems(office, terms):
        raise PacketError(" ".join(problems))
    wanted = {n: str(terms.get(n, deal.values.get(n, "")) or "").strip()[:1000] for n in office}
    payday = (terms.get("payday") or settings_for(packet.production).payday or "").strip()[:120]
    overtime = (terms.get("overtime_rate") or "").strip()
    if overtime and (problem := value_problem(MONEY, overtime)):
        raise PacketError(f"Overtime rate: {problem}")
    changed_titles = []
    for form in [deal] + [f for k, f in forms.items() if not k.startswith("deal_memo")]:
        new = form_terms(form.kind, wanted, payday, overtime)
        fields = {f.name: f for f in form.spec.fields if f.office}
        differs = [
            fields[n].label.lower()
            for n, v in new.items()
            if n in fields and not same_answer(fields[n].kind, v, form.values.get(n, ""))
        ]
        if not differs:
            continue
        if form.signatures.get("employee"):
            _new_version(form, actor=actor, reason=", ".join(differs))
        form.values.update({n: v for n, v in new.items() if n in fields})
        form.change_request = ""
        form.save()
        changed_titles.append(form.spec.title)
        _event(
            packet, f"{form.spec.title}: terms set by the office ({', '.join(differs)})", str(actor)
        )
    if (
        changed_titles
        and packet.status in (Packet.Status.SUBMITTED, Packet.Status.APPROVED)
        and (packet.forms.filter(status=PacketForm.Status.NEEDS_CORRECTION).exists())
    ):
        packet.status = Packet.Status.NEEDS_CORRECTION
        packet.approvals = []
        packet.save(update_fields=["status", "approvals", "updated_at"])
        _notify_correction(
            packet,
            "The production office changed your deal terms: please read them and sign again.",
        )
    if changed_titles:
        audit_record(
            actor=actor,
            production=packet.production,
            action=AuditEvent.Action.UPDATE,
            obj=packet,
            changes={"terms": wanted, "forms": changed_titles},
        )
    return changed_titles


@transaction.atomic
def packet_warning_override(
    *, actor, membership, packet: Packet, warning: str, reason: str
) -> None:
    """Let one To-check item pass with a reason, which the packet's own history keeps too
    (printed on the sealed PDF's audit page)."""
    try:
        override = warning_override(
            actor=actor,
            membership=membership,
            subject=packet,
            capability=Cap.PAPERWORK_OVERRIDE,
            warning=warning,
            reason=reason,
            allowed=packet_findings(packet),
        )
    except ControlError as exc:
        raise PacketError(str(exc)) from exc
    _event(packet, f"Warning overridden: {warning} — reason: {override.reason}", str(actor))


@transaction.atomic
def packet_change_request_answer(*, actor, form: PacketForm, reply: str) -> None:
    """The office keeps its terms and says why: the request leaves the list, the reply is in
    the packet's history and the audit log."""
    reply = " ".join((reply or "").split())[:500]
    if len(reply) < 5:
        raise PacketError("Say what you told the person (a sentence, kept in the history).")
    asked, form.change_request = form.change_request, ""
    form.save(update_fields=["change_request"])
    _event(form.packet, f"{form.spec.title}: change not made — {reply}", str(actor))
    audit_record(
        actor=actor,
        production=form.packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=form.packet,
        changes={"change_request": [asked, reply]},
    )


def _notify_correction(packet: Packet, message: str) -> None:
    """Tell the person, with their link, that something waits for them."""
    grant = packet.grant
    if grant is None or grant.revoked_at is not None or grant.expires_at <= timezone.now():
        grant = _new_link(packet)
        packet.save(update_fields=["grant", "updated_at"])
    link = sending.packet_link(grant)
    title, person = packet.production.title, packet.person
    office = (
        packet.production.office_phone or packet.production.office_email or "the production office"
    )
    person_notify(
        person=person,
        subject=f"{title}: your start paperwork needs a correction",
        body=f"Hello {person.display_name},\n\n{message}\n\n{link}\n\nQuestions: {office}.\n",
        text=f"{title}: {message[:200]} {link}",
    )


@transaction.atomic
def packet_send_back(*, actor, packet: Packet, comments: dict[str, str]) -> None:
    """Back to the person with a comment on each form to correct; the rest stays as it is."""
    if not any(c.strip() for c in comments.values()):
        raise PacketError("Say what to correct on at least one form.")
    for form in packet.forms.filter(kind__in=comments):
        if comments[form.kind].strip():
            form.comments = comments[form.kind].strip()[:1000]
            form.status = PacketForm.Status.NEEDS_CORRECTION
            form.save(update_fields=["comments", "status"])
    packet.status = Packet.Status.NEEDS_CORRECTION
    packet.approvals = []
    packet.save(update_fields=["status", "approvals", "updated_at"])
    titles = {f.kind: f.spec.title for f in packet.forms.filter(kind__in=comments)}
    _notify_correction(
        packet,
        "The production office sent back your start paperwork to "
        "correct:\n"
        + "\n".join(f"- {titles.get(k, k)}: {c.strip()}" for k, c in comments.items() if c.strip()),
    )
    _event(packet, "Sent back for correction", str(actor))
    audit_record(
        actor=actor,
        production=packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=packet,
        changes={"sent_back": comments},
    )


def production_certificate(production: Production) -> Certificate:
    from .signing import Certificate, make_certificate  # pyHanko loads when a packet is sealed

    stored = ProductionCertificate.objects.filter(production=production).first()
    if stored is None:
        made = make_certificate(
            common_name=f"{production.title} start paperwork",
            organisation=production.company or production.title,
        )
        stored = ProductionCertificate.objects.create(
            production=production,
            key_sealed=seal(made.key_pem.decode()),
            cert_pem=made.cert_pem.decode(),
        )
    return Certificate(
        key_pem=unseal(stored.key_sealed).encode(), cert_pem=stored.cert_pem.encode()
    )


@transaction.atomic
def packet_approve(*, actor, role: str, packet: Packet) -> Packet:
    """One step of the chain (coordinator → UPM → payroll by default). The last one seals the
    packet: every form and the audit page in one PDF, signed with the production's
    certificate."""
    packet = Packet.objects.select_for_update().get(pk=packet.pk)
    if packet.status != Packet.Status.SUBMITTED:
        raise PacketError("Only a submitted packet can be approved.")
    expected = packet.next_approver
    if expected != role:
        raise PacketError(f"The next approval is the {expected or 'nobody'}'s, not the {role}'s.")
    try:
        # A packet is the person's own: they never approve it, whatever their role.
        require_other_person(
            actor,
            entered_by_ids=[actor.pk] if is_own_person(actor, packet.person) else [],
            approved_by_ids=[a.get("user_id") for a in packet.approvals],
            what="this packet",
        )
        require_cleared(packet, packet_findings(packet), approver=actor)
    except ControlError as exc:
        raise PacketError(str(exc)) from exc
    packet.approvals.append(
        {"role": role, "by": str(actor), "user_id": actor.pk, "at": timezone.now().isoformat()}
    )
    _event(packet, f"Approved by {role}", str(actor))
    if packet.next_approver is None:
        _deal_terms_flow_on(actor, packet)
        packet.forms.update(status=PacketForm.Status.APPROVED)
        packet.status = Packet.Status.APPROVED
        pdf = signed_packet(packet_document(packet), production_certificate(packet.production))
        packet.sealed_pdf.save(f"packet-{packet.pk}.pdf", ContentFile(pdf), save=False)
        packet.sealed_at = timezone.now()
    packet.save()
    audit_record(
        actor=actor,
        production=packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=packet,
        changes={"approved_by": role},
    )
    if packet.status == Packet.Status.APPROVED:
        event_emit(
            production=packet.production,
            event=Event.PACKET_APPROVED,
            data={
                "id": packet.pk,
                "person_id": packet.person_id,
                "person": packet.person.full_name,
                "approved_at": packet.sealed_at.isoformat(),
            },
        )
    return packet


def _deal_terms_flow_on(actor, packet: Packet) -> None:
    """The approved deal memo's terms become the crew list's (rate, unit, union, local): what
    time cards and the crew list use from now on."""
    deal = packet.forms.filter(kind__startswith="deal_memo").first()
    if deal is None:
        return
    values = deal.values  # formats were checked when saved
    fields = {}
    if values.get("rate"):
        fields["rate"] = Decimal(values["rate"].replace("$", "").replace(",", ""))
    if values.get("rate_unit") in ("hour", "day", "week"):
        fields["rate_unit"] = values["rate_unit"]
    for name in ("union", "local", "position"):
        if values.get(name):
            fields[name] = values[name]
    if values.get("start_date"):
        fields["start_date"] = date.fromisoformat(values["start_date"])
    if fields:
        person_update(actor=actor, person=packet.person, actor_label="approved deal memo", **fields)


LINK_PURPOSE = "packet"
LINK_DAYS = sending.LINK_DAYS


def _new_link(packet: Packet, actor=None) -> LinkGrant:
    """A new signed link to the packet (its grant, set on it; the caller saves), replacing the
    one it had: the old link stops working."""
    if packet.grant is not None:
        link_grant_revoke(grant=packet.grant)
    grant, _ = link_grant_create(
        production=packet.production,
        purpose=LINK_PURPOSE,
        subject=packet,
        created_by=actor,
        valid_for=timedelta(days=LINK_DAYS),
    )
    packet.grant = grant
    return grant


def _dispatch(*, actor, packet: Packet, kind: str, key: str, subject: str) -> bool:
    """A message to the packet's person carrying the packet's link (its grant): a delivery of
    distribution's, sent by the worker once this commits. False: that key was sent already."""
    person = packet.person
    _, created = dispatch_create(
        actor=actor,
        production=packet.production,
        kind=kind,
        object_id=packet.pk,
        key=key,
        subject=subject,
        people=[person],
        grants={person.pk: packet.grant},
    )
    return created


@transaction.atomic
def packet_send(*, actor, packet: Packet) -> str:
    """Send the person their packet's link (signed, expiring; a new send replaces the old
    link): a delivery of distribution's, sent by the worker once this commits. Returns the
    link."""
    person = packet.person
    if not person.email:
        raise PacketError(f"{person.display_name} has no e-mail address on the crew list.")
    grant = _new_link(packet, actor)
    if packet.status == Packet.Status.DRAFT:
        packet.status = Packet.Status.SENT
    packet.save(update_fields=["grant", "status", "updated_at"])
    link = sending.packet_link(grant)
    production = packet.production
    _dispatch(
        actor=actor,
        packet=packet,
        kind=sending.KIND,
        key=f"{sending.KIND}-{packet.pk}-{grant.pk}",
        subject=f"{production.title}: your start paperwork",
    )
    _event(packet, "Packet sent", str(actor or "office"))
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=packet,
        changes={"sent_to": person.email},
    )
    transaction.on_commit(lambda: schedule_reminder(packet.pk))
    return link


@transaction.atomic
def packet_reminder_send(*, packet: Packet, count: int) -> bool:
    """Reminder number ``count + 1``: a delivery of distribution's carrying the packet's own
    link (the one its last send carried, so opening either tracks the packet). Once per packet,
    link and count: a retried task, or the reminders of an earlier send of the same packet,
    send nothing more. True when this call sent it."""
    created = _dispatch(
        actor=None,
        packet=packet,
        kind=sending.REMINDER_KIND,
        key=f"{sending.REMINDER_KIND}-{packet.pk}-{packet.grant_id}-{count}",
        subject=f"Reminder: your start paperwork for {packet.production.title}",
    )
    if created:
        _event(packet, f"Reminder {count + 1} sent", "Callboard")
    return created


def packet_opened(*, packet: Packet, ip: str | None, user_agent: str) -> None:
    if packet.grant is not None:
        link_opened(grant=packet.grant)
    if packet.status == Packet.Status.SENT:
        Packet.objects.filter(pk=packet.pk, status=Packet.Status.SENT).update(
            status=Packet.Status.OPENED
        )
        _event(packet, "Packet opened", packet.person.display_name, ip, user_agent)


def private_answers_read(*, actor, form: PacketForm) -> dict[str, str]:
    """Payroll's view of the private answers: every read is in the audit log."""
    audit_record(
        actor=actor,
        production=form.packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=form.packet,
        changes={"viewed_private": f"{form.spec.title}: " + ", ".join(sorted(form.sealed))},
    )
    return {name: unseal(token) for name, token in form.sealed.items()}


def _documents_sealed(documents: list[rules.I9Document], prefix: str) -> tuple[str, dict]:
    """The documents' summary with numbers masked, and the numbers sealed under their keys."""
    summary = "; ".join(
        f"List {d.list}: {d.title}{' (receipt)' if d.receipt else ''}, no. "
        f"{rules.mask_document_number(d.number)}"
        + (f", expires {d.expires:%Y-%m-%d}" if d.expires else "")
        for d in documents
    )
    sealed = {
        f"{prefix}{n}_number": seal(d.number.strip())
        for n, d in enumerate(documents, start=1)
        if d.number.strip()
    }
    return summary, sealed


def _examined(*, actor, form: PacketForm, reviewer: str, event: str, changes: dict) -> None:
    """The office's examination of identity documents on an I-9 form: signed by who examined
    them, saved, in the packet's history (with the form's hash) and the audit log."""
    now = timezone.now()
    form.signatures["production"] = {
        "name": reviewer.strip()[:200],
        "typed": reviewer.strip()[:120],
        "svg": "",
        "at": now.isoformat(),
        "ip": "",
        "method": "examined the documents",
    }
    form.submitted_at = now
    form.save()
    packet = form.packet
    _event(packet, event, str(actor), document_hash=form_hash(form_answers(form)))
    audit_record(
        actor=actor,
        production=packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=packet,
        changes=changes,
    )


@transaction.atomic
def i9_section2_record(
    *, actor, packet: Packet, first_day: date, reviewer: str, documents: list[rules.I9Document]
) -> None:
    """The office's review of the identity documents: one from List A, or one from B and one
    from C, unexpired on the first day; refused with every problem named otherwise. Only after
    the person's Section 1. Document numbers are sealed; the form and its PDF show the last
    four. A receipt starts the 90-day follow-up."""
    form = packet.forms.filter(kind="i9_section2").first()
    if form is None:
        raise PacketError("This packet has no I-9 Section 2.")
    section1 = packet.forms.filter(kind="i9_section1").first()
    if section1 is not None and section1.status not in (
        PacketForm.Status.SUBMITTED,
        PacketForm.Status.APPROVED,
    ):
        raise PacketError(
            "Section 1 comes first: the employee completes and signs it before "
            "the documents are examined."
        )
    problems = rules.check_i9_documents(documents, first_day)
    problems += [p for d in documents if (p := rules.document_number_problem(d.number))]
    if not reviewer.strip():
        problems.append("Give the name and title of the person who examined the documents.")
    if problems:
        raise PacketError(" ".join(problems))
    summary, sealed = _documents_sealed(documents, "doc")
    form.values = {
        "first_day": first_day.isoformat(),
        "documents": summary,
        "reviewer": reviewer.strip()[:200],
    }
    if any(d.receipt for d in documents):
        until = first_day + timedelta(days=rules.RECEIPT_FOLLOW_UP_DAYS)
        form.values["receipt_until"] = until.isoformat()
    form.sealed = sealed
    form.status = PacketForm.Status.SUBMITTED
    _examined(
        actor=actor,
        form=form,
        reviewer=reviewer,
        event="I-9 Section 2: documents examined",
        changes={"i9_section2": summary},
    )


SUPPLEMENT_B_REASONS = ("reverification", "rehire", "receipt replaced")


@transaction.atomic
def i9_supplement_b_record(
    *,
    actor,
    packet: Packet,
    reason: str,
    on: date,
    reviewer: str,
    documents: list[rules.I9Document],
    work_until: str = "",
) -> None:
    """Supplement B: reverify work authorisation before it ends, record a rehire, or the real
    document that replaces a receipt. Each record is a line; the numbers are sealed."""
    if reason not in SUPPLEMENT_B_REASONS:
        raise PacketError(f"Choose why: {', '.join(SUPPLEMENT_B_REASONS)}.")
    if not packet.forms.filter(kind="i9_section2", submitted_at__isnull=False).exists():
        raise PacketError("Supplement B follows a completed Section 2.")
    problems = (
        rules.check_i9_documents(documents, on) if documents else ["Record the document examined."]
    )
    problems += [p for d in documents if (p := rules.document_number_problem(d.number))]
    if work_until.strip() and rules.work_until_date(work_until) is None:
        problems.append("Write the new work-authorization end as YYYY-MM-DD, or N/A.")
    if not reviewer.strip():
        problems.append("Give the name and title of the person who examined the documents.")
    if problems:
        raise PacketError(" ".join(problems))
    form, _ = PacketForm.objects.get_or_create(
        packet=packet,
        kind="i9_supplement_b",
        defaults={"position": packet.forms.count(), "status": PacketForm.Status.SUBMITTED},
    )
    n = len(form.values.get("records", "").splitlines()) + 1
    summary, sealed = _documents_sealed(documents, f"b{n}_doc")
    line = f"{on:%Y-%m-%d} {reason}: {summary} — examined by {reviewer.strip()[:120]}"
    form.values["records"] = "\n".join(filter(None, [form.values.get("records", ""), line]))
    if work_until.strip():
        form.values["work_until"] = work_until.strip()
    if reason == "receipt replaced":
        form.values["receipt_resolved"] = on.isoformat()
    form.sealed.update(sealed)
    _examined(
        actor=actor,
        form=form,
        reviewer=reviewer,
        event=f"I-9 Supplement B: {reason}",
        changes={"i9_supplement_b": line},
    )


MAX_UPLOADS_PER_FORM = 6


@transaction.atomic
def packet_upload_add(
    *, form: PacketForm, name: str, data: bytes, who: str, ip: str | None = None
) -> PacketUpload:
    """Attach an identity document; a file that is not the image or PDF it claims is
    refused (UploadError) and nothing is kept."""
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already.")
    if form.uploads.count() >= MAX_UPLOADS_PER_FORM:
        raise PacketError(f"Up to {MAX_UPLOADS_PER_FORM} files per form: remove one first.")
    checked = check_upload(data)
    digest = hashlib.sha256(checked.data).hexdigest()
    upload = PacketUpload(
        form=form,
        original_name=name[:200] or "document",
        content_type=checked.content_type,
        sha256=digest,
    )
    upload.file.save(f"{digest[:16]}.{checked.extension}", ContentFile(checked.data), save=False)
    upload.save()
    _event(
        form.packet,
        f"{form.spec.title}: document uploaded" + (" (downscaled)" if checked.downscaled else ""),
        who,
        ip,
        document_hash=digest,
    )
    return upload


def upload_viewed(*, actor, upload: PacketUpload) -> None:
    audit_record(
        actor=actor,
        production=upload.form.packet.production,
        action=AuditEvent.Action.UPDATE,
        obj=upload.form.packet,
        changes={"viewed_document": upload.original_name},
    )


CHAIN_ROLES = ("coordinator", "upm", "payroll")


@transaction.atomic
def paperwork_settings_save(
    *,
    actor,
    production: Production,
    forms: dict,
    chain: list[str],
    payday: str | None = None,
    uses_everify: bool | None = None,
) -> None:
    if not chain or any(step not in CHAIN_ROLES for step in chain) or len(set(chain)) != len(chain):
        raise PacketError(
            "The approval chain is one or more of coordinator, upm, payroll, each once, in order."
        )
    for kind in REQUIRED_KINDS:
        forms.setdefault(kind, {})["enabled"] = True
    stored = PaperworkSettings.objects.filter(production=production).first() or PaperworkSettings(
        production=production
    )
    stored.forms = forms
    stored.chain = chain
    if payday is not None:
        stored.payday = payday.strip()[:120]
    if uses_everify is not None:
        stored.uses_everify = uses_everify
    stored.save()
    production._paperwork_settings_cache = stored
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=stored,
        changes={
            "chain": chain,
            "payday": stored.payday,
            "uses_everify": stored.uses_everify,
            "forms": sorted(k for k, v in forms.items() if v.get("enabled", True)),
        },
    )
