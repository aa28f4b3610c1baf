"""Writes for start packets. Each function is one transaction; every step is a PacketEvent
(printed on the packet's audit page) and the office's steps are audited too."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, Production
from callboard.core.vault import seal, unseal
from callboard.documents.uploads import check_upload
from callboard.people.services import person_update

from . import rules
from .catalogue import (
    ACCOUNT,
    DATE,
    DATE_OF_BIRTH,
    FORMS,
    MONEY,
    NUMBER,
    REQUIRED_KINDS,
    ROUTING,
    SSN,
    adapted,
)
from .models import (
    Packet,
    PacketEvent,
    PacketForm,
    PacketUpload,
    PaperworkSettings,
    ProductionCertificate,
    settings_for,
)
from .packets import form_hash, signed_packet
from .signing import Certificate, make_certificate
from .tasks import schedule_reminder

DEFAULT_CHAIN = ["coordinator", "upm", "payroll"]


class PacketError(ValueError):
    """A step that cannot be taken now; the message says why."""


def _event(packet: Packet, event: str, who: str, ip: str | None = None, user_agent: str = "",
           document_hash: str = "") -> None:  # fmt: skip
    PacketEvent.objects.create(packet=packet, event=event[:200], who=who[:200], ip=ip or None,
                               user_agent=user_agent[:300], document_hash=document_hash)  # fmt: skip


def _known_answers(person, start_date: date | None) -> dict[str, str]:
    """What the crew list already says, filled in for the person to confirm or correct."""
    return {
        "legal_name": f"{person.first_name} {person.last_name}".strip(),
        "position": person.position or person.character,
        "department": person.department.name if person.department else "",
        "start_date": start_date.isoformat() if start_date else "",
        "rate": f"{Decimal(str(person.rate)).normalize():f}" if person.rate is not None else "",
        "rate_unit": person.rate_unit, "union": person.union, "local": person.local,
        "email": person.email, "phone": person.phone, "street": person.street,
        "city": person.city, "state": person.region, "postal_code": person.postal_code,
    }  # fmt: skip


@transaction.atomic
def packet_create(*, actor, production: Production, person, kinds: list[str],
                  start_date: date | None, job_days: int | None = None,
                  chain: list[str] | None = None) -> Packet:  # fmt: skip
    unknown = [k for k in kinds if k not in FORMS]
    if unknown:
        raise PacketError(f"Unknown forms: {', '.join(unknown)}.")
    packet = Packet.objects.create(
        production=production, person=person, start_date=start_date, job_days=job_days,
        chain=list(chain or settings_for(production).chain or DEFAULT_CHAIN), created_by=actor,
    )  # fmt: skip
    known = _known_answers(person, start_date)
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
        )  # fmt: skip
        for n, kind in enumerate(kinds)
    )
    _event(packet, "Packet created", str(actor or "office"))
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE,
                 obj=packet, changes={"forms": kinds})  # fmt: skip
    return packet


def _check_value(kind: str, value: str) -> str | None:
    """The problem with one typed value, in words; None when it is fine (or empty)."""
    value = value.strip()
    if not value:
        return None
    if kind == SSN:
        return rules.ssn_problem(value)
    if kind == ROUTING:
        return rules.routing_number_problem(value)
    if kind == ACCOUNT:
        return rules.account_number_problem(value)
    if kind in (DATE, DATE_OF_BIRTH):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "Write the date as YYYY-MM-DD."
        return None
    if kind in (MONEY, NUMBER):
        try:
            amount = Decimal(value.replace("$", "").replace(",", ""))
        except InvalidOperation:
            return "Write a number, like 52.50."
        if not amount.is_finite() or amount < 0:
            return "Write a number, like 52.50."
    return None


@transaction.atomic
def packet_form_save(*, form: PacketForm, answers: dict[str, str], who: str,
                     ip: str | None = None, user_agent: str = "") -> dict[str, str]:  # fmt: skip
    """Keep what was typed (save and come back later). Returns {field: problem} for values in
    a wrong format, which are not kept; everything else is."""
    form = PacketForm.objects.select_for_update().get(pk=form.pk)
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already; the office can send it back to you.")
    spec = form.spec
    problems: dict[str, str] = {}
    for field in spec.fields:
        if field.name not in answers:
            continue
        value = str(answers[field.name] or "").strip()
        if problem := _check_value(field.kind, value):
            problems[field.name] = problem
            continue
        if field.kind == SSN and value:
            value = rules.normalise_ssn(value)
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


def form_answers(form: PacketForm) -> dict[str, str]:
    """Every answer in plain text, private ones opened: for the office's payroll view (which
    audits each read), checks and the sealed PDF only."""
    return {**form.values, **{name: unseal(token) for name, token in form.sealed.items()}}


_VIEWBOX = re.compile(r'viewBox="0 0 (\d{1,5}) (\d{1,5})"')
_PATH = re.compile(r'd="(M[\d .L-]{1,20000})"')


def clean_signature_svg(svg: str) -> str:
    """A drawn signature rebuilt from its numbers only: strokes of points, nothing else from
    the browser reaches the PDF renderer (no scripts, links or external images)."""
    box = _VIEWBOX.search(svg or "")
    paths = _PATH.findall(svg or "")[:200]
    if not box or not paths:
        return ""
    width, height = box.groups()
    strokes = "".join(
        f'<path d="{d}" fill="none" stroke="black" stroke-width="2" stroke-linecap="round"/>'
        for d in paths
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{strokes}</svg>'


@transaction.atomic
def packet_form_submit(*, form: PacketForm, signature: dict, who: str, ip: str | None = None,
                       user_agent: str = "") -> None:  # fmt: skip
    """Sign and submit a form: every required field filled and signed, or nothing changes."""
    form = PacketForm.objects.select_for_update().get(pk=form.pk)
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already.")
    spec = form.spec
    answers = form_answers(form)
    required = [f.name for f in spec.fields if f.required]
    missing = rules.missing_fields(answers, required, {f.name: f.label for f in spec.fields})
    signature = {**signature, "svg": clean_signature_svg(signature.get("svg", ""))}
    if spec.needs_uploads and not form.uploads.exists():
        missing.append("a photo or PDF of your identity documents")
    if not (signature.get("typed") or signature.get("svg")):
        missing.append("your signature (type your name or draw it)")
    if missing:
        raise PacketError("Still to fill: " + ", ".join(missing) + ".")
    form.signatures["employee"] = {
        "name": answers.get("legal_name", who), "typed": signature.get("typed", "")[:120],
        "svg": signature.get("svg", "")[:20000], "at": timezone.now().isoformat(),
        "ip": ip or "", "method": "drawn" if signature.get("svg") else "typed",
    }  # fmt: skip
    form.status = PacketForm.Status.SUBMITTED
    form.submitted_at = timezone.now()
    form.comments = ""
    form.save()
    _event(form.packet, f"{spec.title}: signed and submitted", who, ip, user_agent,
           form_hash(answers))  # fmt: skip
    packet = form.packet
    open_forms = packet.forms.exclude(status__in=[PacketForm.Status.SUBMITTED,
                                                  PacketForm.Status.APPROVED])  # fmt: skip
    if not open_forms.exclude(kind__in=[k for k, s in FORMS.items() if s.office_only]).exists():
        packet.status = Packet.Status.SUBMITTED
        packet.save(update_fields=["status", "updated_at"])


def _amount(text: str) -> Decimal:
    """A money answer (its format was checked when saved)."""
    return Decimal(text.replace("$", "").replace(",", ""))


def packet_findings(packet: Packet) -> list[str]:
    """What the office must look at before approving (REFERENCE.md start paperwork)."""
    forms = list(packet.forms.all())
    findings: list[str] = []
    answers = {f.kind: form_answers(f) for f in forms}
    titles = {f.kind: f.spec.title for f in forms}
    names = [(titles[k], a.get("legal_name", "")) for k, a in answers.items() if "legal_name" in a]
    findings += rules.names_match(names)
    done = (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED)
    for form in forms:
        spec = form.spec
        if form.status not in done and not spec.office_only:
            findings.append(f"{spec.title}: not submitted yet.")
    person = packet.person
    deal_kind = next((k for k in answers if k.startswith("deal_memo")), None)
    if deal_kind and person.rate is not None and answers[deal_kind].get("rate"):
        deal = answers[deal_kind]
        try:
            on_form = rules.Deal(rate=deal.get("rate") or None, unit=deal.get("rate_unit") or "")
            approved = rules.Deal(rate=person.rate, unit=person.rate_unit or "")
            findings += rules.deal_matches(approved, on_form)
        except (ValueError, TypeError):
            findings.append(f"{titles[deal_kind]}: the rate cannot be read.")
        kit = deal.get("kit_rental") or ""
        kit_amount = Decimal(kit.replace("$", "").replace(",", "")) if kit.strip() else None
        if problem := rules.kit_inventory_needed(kit_amount, "box_rental" in answers and bool(
                answers["box_rental"].get("inventory"))):  # fmt: skip
            findings.append(problem)
    if deal_kind and answers[deal_kind].get("rate"):
        agreed = _amount(answers[deal_kind]["rate"])
        for kind in ("ca_wage_notice", "ny_wage_notice"):
            stated = answers.get(kind, {}).get("rate")
            if stated and _amount(stated) != agreed:
                findings.append(f"{titles[kind]} says the rate is {rules.money(_amount(stated))}; "
                                f"the deal memo says {rules.money(agreed)}.")  # fmt: skip
    if packet.start_date and "i9_section2" in answers:
        due = rules.i9_section2_due(packet.start_date, packet.job_days)
        section2 = next(f for f in forms if f.kind == "i9_section2")
        if section2.status != PacketForm.Status.APPROVED and not section2.submitted_at:
            findings.append(f"I-9 Section 2 is due by {due:%a %b %-d}.")
    return findings


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
    _event(packet, "Sent back for correction", str(actor))
    audit_record(actor=actor, production=packet.production, action=AuditEvent.Action.UPDATE,
                 obj=packet, changes={"sent_back": comments})  # fmt: skip


def production_certificate(production: Production) -> Certificate:
    stored = ProductionCertificate.objects.filter(production=production).first()
    if stored is None:
        made = make_certificate(common_name=f"{production.title} start paperwork",
                                organisation=production.company or production.title)  # fmt: skip
        stored = ProductionCertificate.objects.create(
            production=production, key_sealed=seal(made.key_pem.decode()),
            cert_pem=made.cert_pem.decode(),
        )  # fmt: skip
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
    packet.approvals.append({"role": role, "by": str(actor), "at": timezone.now().isoformat()})
    _event(packet, f"Approved by {role}", str(actor))
    if packet.next_approver is None:
        _deal_terms_flow_on(actor, packet)
        packet.forms.update(status=PacketForm.Status.APPROVED)
        packet.status = Packet.Status.APPROVED
        pdf = signed_packet(packet_document(packet), production_certificate(packet.production))
        packet.sealed_pdf.save(f"packet-{packet.pk}.pdf", ContentFile(pdf), save=False)
        packet.sealed_at = timezone.now()
    packet.save()
    audit_record(actor=actor, production=packet.production, action=AuditEvent.Action.UPDATE,
                 obj=packet, changes={"approved_by": role})  # fmt: skip
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


def packet_document(packet: Packet, only_form: int | None = None) -> dict:
    """The data for the sealed PDF: private values masked (the PDF goes to payroll's files,
    the numbers themselves stay in the vault)."""
    masks = {SSN: rules.mask_ssn, ROUTING: rules.mask_account, ACCOUNT: rules.mask_account,
             DATE_OF_BIRTH: lambda v: "••••-••-••" if v else ""}  # fmt: skip
    forms = []
    chosen = packet.forms.all() if only_form is None else packet.forms.filter(pk=only_form)
    for form in chosen:
        spec = form.spec
        answers = form_answers(form)
        fields = [
            {"label": f.label, "value": masks[f.kind](answers.get(f.name, ""))
             if f.kind in masks else answers.get(f.name, "")}
            for f in spec.fields
        ]  # fmt: skip
        signatures = [
            {"role": role.capitalize(), "name": s.get("name", ""), "typed": s.get("typed", ""),
             "svg": s.get("svg", ""), "signed_at": s.get("at", "")[:16].replace("T", " "),
             "method": s.get("method", ""), "ip": s.get("ip", "")}
            for role, s in form.signatures.items()
        ]  # fmt: skip
        forms.append({"title": spec.title, "subtitle": form.get_status_display(), "body": spec.body,
                      "sections": [{"heading": "Answers", "fields": fields}],
                      "signatures": signatures, "hash": form_hash(answers)})  # fmt: skip
    production = packet.production
    return {
        "production": {"title": production.title, "company": production.company},
        "person": packet.person.display_name,
        "forms": forms,
        "audit": [
            {
                "at": f"{timezone.localtime(e.at, production.tzinfo):%b %-d, %Y %H:%M}",
                "event": e.event,
                "who": e.who,
                "ip": e.ip or "",
                "hash": e.document_hash,
            }
            for e in packet.events.all()
            # A single form's PDF carries that form's events only.
            if only_form is None or any(e.event.startswith(f["title"]) for f in forms)
        ],  # fmt: skip
    }


LINK_PURPOSE = "packet"
LINK_DAYS = 21


@transaction.atomic
def packet_send(*, actor, packet: Packet) -> str:
    """E-mail the person their packet's link (signed, expiring; a new send replaces the old
    link). Returns the link."""
    person = packet.person
    if not person.email:
        raise PacketError(f"{person.display_name} has no e-mail address on the crew list.")
    if packet.grant is not None:
        link_grant_revoke(grant=packet.grant)
    grant, token = link_grant_create(production=packet.production, purpose=LINK_PURPOSE,
                                     subject=packet, created_by=actor,
                                     valid_for=timedelta(days=LINK_DAYS))  # fmt: skip
    packet.grant = grant
    if packet.status == Packet.Status.DRAFT:
        packet.status = Packet.Status.SENT
    packet.save(update_fields=["grant", "status", "updated_at"])
    link = settings.SITE_URL + reverse("packet_by_link", args=[token])
    production = packet.production
    transaction.on_commit(lambda: send_mail(
        f"{production.title}: your start paperwork",
        f"Hello {person.display_name},\n\nPlease fill in and sign your start paperwork for "
        f"{production.title} — it takes about 15 minutes on your phone, and you can save and "
        f"come back.\n\n{link}\n\nThe link works for {LINK_DAYS} days. Questions: "
        f"{production.office_phone or production.office_email or 'the production office'}.\n",
        None, [person.email],
    ))  # fmt: skip
    _event(packet, "Packet sent", str(actor or "office"))
    audit_record(actor=actor, production=production, action=AuditEvent.Action.UPDATE,
                 obj=packet, changes={"sent_to": person.email})  # fmt: skip
    transaction.on_commit(lambda: schedule_reminder(packet.pk))
    return link


def packet_opened(*, packet: Packet, ip: str | None, user_agent: str) -> None:
    if packet.status == Packet.Status.SENT:
        Packet.objects.filter(pk=packet.pk, status=Packet.Status.SENT).update(
            status=Packet.Status.OPENED
        )
        _event(packet, "Packet opened", packet.person.display_name, ip, user_agent)


def private_answers_read(*, actor, form: PacketForm) -> dict[str, str]:
    """Payroll's view of the private answers: every read is in the audit log."""
    audit_record(actor=actor, production=form.packet.production, action=AuditEvent.Action.UPDATE,
                 obj=form.packet, changes={"viewed_private": f"{form.spec.title}: "
                                           + ", ".join(sorted(form.sealed))})  # fmt: skip
    return {name: unseal(token) for name, token in form.sealed.items()}


# Which approval step a member's role takes.
APPROVER_ROLE = {"coordinator": "coordinator", "apoc": "coordinator", "upm": "upm",
                 "payroll": "payroll"}  # fmt: skip


@transaction.atomic
def i9_section2_record(*, actor, packet: Packet, first_day: date, reviewer: str,
                       documents: list[rules.I9Document]) -> None:  # fmt: skip
    """The office's review of the identity documents: one from List A, or one from B and one
    from C, unexpired on the first day; refused with every problem named otherwise."""
    form = packet.forms.filter(kind="i9_section2").first()
    if form is None:
        raise PacketError("This packet has no I-9 Section 2.")
    problems = rules.check_i9_documents(documents, first_day)
    if not reviewer.strip():
        problems.append("Give the name and title of the person who examined the documents.")
    if problems:
        raise PacketError(" ".join(problems))
    summary = "; ".join(
        f"List {d.list}: {d.title}, no. {d.number}"
        + (f", expires {d.expires:%Y-%m-%d}" if d.expires else "")
        for d in documents
    )
    form.values = {"first_day": first_day.isoformat(), "documents": summary,
                   "reviewer": reviewer.strip()[:200]}  # fmt: skip
    form.signatures["production"] = {"name": reviewer.strip()[:200], "typed": reviewer.strip()[:120],
                                     "svg": "", "at": timezone.now().isoformat(), "ip": "",
                                     "method": "examined the documents"}  # fmt: skip
    form.status = PacketForm.Status.SUBMITTED
    form.submitted_at = timezone.now()
    form.save()
    _event(
        packet,
        "I-9 Section 2: documents examined",
        str(actor),
        document_hash=form_hash(form.values),
    )
    audit_record(actor=actor, production=packet.production, action=AuditEvent.Action.UPDATE,
                 obj=packet, changes={"i9_section2": summary})  # fmt: skip


MAX_UPLOADS_PER_FORM = 6


@transaction.atomic
def packet_upload_add(*, form: PacketForm, name: str, data: bytes, who: str,
                      ip: str | None = None) -> PacketUpload:  # fmt: skip
    """Attach an identity document; a file that is not the image or PDF it claims is
    refused (UploadError) and nothing is kept."""
    if form.status in (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED):
        raise PacketError("This form was submitted already.")
    if form.uploads.count() >= MAX_UPLOADS_PER_FORM:
        raise PacketError(f"Up to {MAX_UPLOADS_PER_FORM} files per form: remove one first.")
    checked = check_upload(data)
    digest = hashlib.sha256(checked.data).hexdigest()
    upload = PacketUpload(form=form, original_name=name[:200] or "document",
                          content_type=checked.content_type, sha256=digest)  # fmt: skip
    upload.file.save(f"{digest[:16]}.{checked.extension}", ContentFile(checked.data), save=False)
    upload.save()
    _event(form.packet, f"{form.spec.title}: document uploaded"
           + (" (downscaled)" if checked.downscaled else ""), who, ip, document_hash=digest)  # fmt: skip
    return upload


def upload_viewed(*, actor, upload: PacketUpload) -> None:
    audit_record(actor=actor, production=upload.form.packet.production,
                 action=AuditEvent.Action.UPDATE, obj=upload.form.packet,
                 changes={"viewed_document": upload.original_name})  # fmt: skip


CHAIN_ROLES = ("coordinator", "upm", "payroll")


def packet_kinds(production: Production, kinds: list[str]) -> list[str]:
    """The standard packet without the forms this production does not use (never the ones
    payroll needs)."""
    chosen = settings_for(production).forms
    return [k for k in kinds if k in REQUIRED_KINDS or chosen.get(k, {}).get("enabled", True)]


@transaction.atomic
def paperwork_settings_save(
    *, actor, production: Production, forms: dict, chain: list[str]
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
    stored.save()
    production._paperwork_settings_cache = stored
    audit_record(actor=actor, production=production, action=AuditEvent.Action.UPDATE,
                 obj=stored, changes={"chain": chain, "forms": sorted(
                     k for k, v in forms.items() if v.get("enabled", True))})  # fmt: skip
