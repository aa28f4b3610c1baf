"""Reads for start paperwork: the status board's rows, what a packet says (answers opened, what
blocks approval, the I-9's deadlines, the sealed PDF's data), which step a member signs, and
the production's calendar. Nothing here writes; writes are in services.py."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.text import slugify

from callboard.core import clock
from callboard.core.capabilities import PACKET_APPROVAL_STEP, PACKET_APPROVES_NEXT_STEP, Cap
from callboard.core.models import Membership, Production
from callboard.core.vault import unseal
from callboard.documents.tabular import write_csv
from callboard.people.models import Person
from callboard.schedule.models import Scenario

from . import rules
from .answers import PRIVATE_MASKS, amount, shown_answer
from .catalogue import REQUIRED_KINDS
from .models import BankChange, Packet, PacketForm, PacketFormVersion, settings_for
from .packets import form_hash


def production_closed(production: Production) -> rules.Closed | None:
    """The days the production does not operate, from its schedule's calendar (the first
    scenario's, as call sheets use); None when it has none (weekdays and federal holidays)."""
    cached = getattr(production, "_closed_cache", False)
    if cached is not False:
        return cached
    scenario = (
        Scenario.objects.filter(production=production, calendar__isnull=False)
        .select_related("calendar")
        .first()
    )
    closed = None
    if scenario is not None:
        calendar = scenario.calendar.rules()
        if len(calendar.weekly_off) < 7:

            def closed(day: date, calendar=calendar) -> bool:
                return calendar.is_off(day)

    production._closed_cache = closed
    return closed


def packet_approval_step(membership: Membership, packet: Packet) -> str | None:
    """The step of this packet's approval chain the member signs: their role's (the capability
    table's PACKET_APPROVAL_STEP), or whichever step is next for a role that signs any (a
    studio admin); payroll's only with payroll's capability. None: no step."""
    if membership.role in PACKET_APPROVES_NEXT_STEP:
        step = packet.next_approver
    else:
        step = PACKET_APPROVAL_STEP.get(membership.role)
    if step == "payroll" and not membership.can(Cap.PAPERWORK_PAYROLL):
        return None
    return step


def known_answers(person, start_date: date | None) -> dict[str, str]:
    """What the crew list already says, filled in for the person to confirm or correct."""
    return {
        "legal_name": f"{person.first_name} {person.last_name}".strip(),
        "position": person.position or person.character,
        "department": person.department.name if person.department else "",
        "start_date": start_date.isoformat() if start_date else "",
        "rate": f"{Decimal(str(person.rate)).normalize():f}" if person.rate is not None else "",
        "rate_unit": person.rate_unit,
        "union": person.union,
        "local": person.local,
        "email": person.email,
        "phone": person.phone,
        "street": person.street,
        "city": person.city,
        "state": person.region,
        "postal_code": person.postal_code,
    }


def form_answers(form: PacketForm) -> dict[str, str]:
    """Every answer in plain text, private ones opened: for the office's payroll view (which
    audits each read), checks and the sealed PDF only."""
    return {**form.values, **{name: unseal(token) for name, token in form.sealed.items()}}


def signed_at(signature: dict, production: Production) -> str:
    """When a form was signed, on the production's clock ("Mar 2, 2026, 8:13 AM PST")."""
    return clock.date_time(signature.get("at", ""), production.tzinfo)


def _local_day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def packet_i9_status(packet: Packet, forms: list[PacketForm] | None = None) -> rules.I9Status:
    """The I-9's deadlines on the production's calendar, against what is recorded."""
    forms = {f.kind: f for f in (forms if forms is not None else packet.forms.all())}
    section1, section2 = forms.get("i9_section1"), forms.get("i9_section2")
    if section1 is None and section2 is None:
        return rules.I9Status((), ())
    receipt = section2.values.get("receipt_until") if section2 else ""
    supplement = forms.get("i9_supplement_b")
    if supplement and supplement.values.get("receipt_resolved"):
        receipt = ""
    work_until = rules.work_until_date(section1.values.get("work_until")) if section1 else None
    if supplement and supplement.values.get("work_until"):
        work_until = rules.work_until_date(supplement.values["work_until"])
    return rules.i9_status(
        start=packet.start_date,
        job_days=packet.job_days,
        today=packet.production.today(),
        section1_on=_local_day(section1.submitted_at) if section1 else packet.start_date,
        section2_on=_local_day(section2.submitted_at) if section2 else packet.start_date,
        receipt_until=date.fromisoformat(receipt) if receipt else None,
        work_until=work_until if isinstance(work_until, date) else None,
        closed=production_closed(packet.production),
    )


def packet_findings(packet: Packet) -> list[str]:
    """What blocks approval until resolved or overridden with a reason (REFERENCE.md start
    paperwork; issue 13): forms that disagree with each other or with the deal, I-9 deadlines
    passed, the person's requests for a change, bank details changed and not confirmed."""
    forms = list(packet.forms.all())
    findings: list[str] = []
    answers = {f.kind: form_answers(f) for f in forms}
    titles = {f.kind: f.spec.title for f in forms}
    names = [(titles[k], a.get("legal_name", "")) for k, a in answers.items() if "legal_name" in a]
    findings += rules.names_match(names)
    findings += rules.cross_form_differences(
        {k: a for k, a in answers.items() if k != "w9"}, titles, settings.SECRET_KEY.encode()
    )
    done = (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED)
    for form in forms:
        spec = form.spec
        if form.status not in done and not spec.office_only:
            findings.append(f"{spec.title}: not submitted yet.")
        if form.change_request:
            findings.append(
                f"{packet.person.display_name} asks for a change to the {spec.title}: "
                f"“{form.change_request}”"
            )
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
        if problem := rules.kit_inventory_needed(
            kit_amount, "box_rental" in answers and bool(answers["box_rental"].get("inventory"))
        ):
            findings.append(problem)
    if deal_kind and answers[deal_kind].get("rate"):
        agreed = amount(answers[deal_kind]["rate"])
        for kind in ("ca_wage_notice", "ny_wage_notice"):
            stated = answers.get(kind, {}).get("rate")
            if stated and amount(stated) != agreed:
                findings.append(
                    f"{titles[kind]} says the rate is {rules.money(amount(stated))}; "
                    f"the deal memo says {rules.money(agreed)}."
                )
    findings += [late.text for late in packet_i9_status(packet, forms).overdue]
    tz = packet.production.tzinfo  # the production's day, in a request or not
    for change in BankChange.objects.filter(form__packet=packet).exclude(
        status=BankChange.Status.CONFIRMED
    ):
        if change.status == BankChange.Status.PENDING:
            findings.append(
                f"Direct deposit changed on {timezone.localdate(change.at, tz):%b %-d} "
                f"({change.before} → {change.after}): waiting for "
                f"{person.display_name} to confirm through "
                f"{change.confirm_to or 'a known address'}."
            )
        else:
            findings.append(
                f"{person.display_name} says they did not change their direct deposit "
                f"({change.before} → {change.after}): pay nothing into it; call them."
            )
    return findings


def _earlier_version(spec, version: PacketFormVersion, production: Production) -> dict:
    """A replaced version of a form (terms only: these forms hold nothing private)."""
    signed = version.signatures.get("employee", {})
    fields = [
        {"label": f.label, "value": version.values.get(f.name, "")}
        for f in spec.fields
        if not f.private
    ]
    fields.append(
        {
            "label": "Signed",
            "value": f"{signed.get('name', '—')} {signed_at(signed, production)}".strip(),
        }
    )
    fields.append(
        {
            "label": "Replaced",
            "value": f"{clock.date_time(version.replaced_at, production.tzinfo)} by "
            f"{version.replaced_by}: {version.reason} (hash {version.document_hash[:16]}…)",
        }
    )
    return {"heading": f"Version {version.version}, replaced", "fields": fields}


def packet_document(packet: Packet, only_form: int | None = None) -> dict:
    """The data for the sealed PDF: private values masked (the PDF goes to payroll's files,
    the numbers themselves stay in the vault)."""
    masks = PRIVATE_MASKS
    forms = []
    chosen = packet.forms.all() if only_form is None else packet.forms.filter(pk=only_form)
    for form in chosen:
        spec = form.spec
        answers = form_answers(form)
        fields = [
            {
                "label": f.label,
                "value": masks[f.kind](answers.get(f.name, ""))
                if f.kind in masks
                else shown_answer(f, answers.get(f.name, "")),
            }
            for f in spec.fields
        ]
        signatures = [
            {
                "role": role.capitalize(),
                "name": s.get("name", ""),
                "typed": s.get("typed", ""),
                "svg": s.get("svg", ""),
                "signed_at": signed_at(s, packet.production),
                "method": s.get("method", ""),
                "ip": s.get("ip", ""),
            }
            for role, s in form.signatures.items()
        ]
        sections = [
            {
                "heading": "Answers" if form.version == 1 else f"Answers (version {form.version})",
                "fields": fields,
            }
        ]
        sections += [
            _earlier_version(spec, version, packet.production) for version in form.versions.all()
        ]
        forms.append(
            {
                "title": spec.title,
                "subtitle": form.get_status_display(),
                "body": spec.body,
                "sections": sections,
                "signatures": signatures,
                "hash": form_hash(answers),
            }
        )
    production = packet.production
    return {
        "production": {"title": production.title, "company": production.company},
        "person": packet.person.display_name,
        "forms": forms,
        "audit": [
            {
                "at": clock.date_time(e.at, production.tzinfo),
                "event": e.event,
                "who": e.who,
                "ip": e.ip or "",
                "hash": e.document_hash,
            }
            for e in packet.events.all()
            # A single form's PDF carries that form's events only.
            if only_form is None or any(e.event.startswith(f["title"]) for f in forms)
        ],
    }


def packet_kinds(production: Production, kinds: list[str]) -> list[str]:
    """The standard packet without the forms this production does not use (never the ones
    payroll needs)."""
    chosen = settings_for(production).forms
    return [k for k in kinds if k in REQUIRED_KINDS or chosen.get(k, {}).get("enabled", True)]


# The badge colour of a form in each state, on the status board.
_BOARD_BADGE = {
    PacketForm.Status.APPROVED: "confirmed",
    PacketForm.Status.SUBMITTED: "confirmed",
    PacketForm.Status.NEEDS_CORRECTION: "bounced",
    PacketForm.Status.IN_PROGRESS: "opened",
}


class BoardRow(NamedTuple):
    person: Person
    packet: Packet | None
    forms: list[tuple[int, str, str]]  # (number, badge state, status label), in packet order
    start: str  # "Mar 1", or "—"
    due: date | None
    due_text: str  # "Mon Mar 4", or ""
    overdue: bool


def board_rows(production: Production, today: date) -> list[BoardRow]:
    """Every active person on the lists and their packet, for the status board: where each
    form stands, and when I-9 Section 2 is due (on the production's calendar)."""
    people = (
        Person.objects.active()
        .filter(production=production)
        .select_related("department")
        .order_by("kind", "department__order", "last_name", "first_name")
    )
    of_show = Packet.objects.filter(production=production)
    packets = {p.person_id: p for p in of_show.order_by("created_at")}
    # Thousands of forms on a big show: only what the board shows, not whole rows.
    forms: dict[int, list[tuple[str, str]]] = {}
    for packet_id, kind, status in PacketForm.objects.filter(packet__in=of_show).values_list(
        "packet_id", "kind", "status"
    ):
        forms.setdefault(packet_id, []).append((kind, status))
    labels = dict(PacketForm.Status.choices)
    closed = production_closed(production)
    rows = []
    for person in people:
        packet = packets.get(person.pk)
        packet_forms = forms.get(packet.pk, []) if packet else []
        due = None
        section2 = next((status for k, status in packet_forms if k == "i9_section2"), None)
        if (
            packet
            and packet.start_date
            and section2 in (PacketForm.Status.NOT_STARTED, PacketForm.Status.IN_PROGRESS)
        ):
            due = rules.i9_section2_due(packet.start_date, packet.job_days, closed=closed)
        badges = [
            (number, _BOARD_BADGE.get(status, ""), labels.get(status, status))
            for number, (_, status) in enumerate(packet_forms, start=1)
        ]
        overdue = bool(due and due < today)
        start = date_filter(person.start_date, "M j") or "—"
        rows.append(
            BoardRow(person, packet, badges, start, due, date_filter(due, "D M j"), overdue)
        )
    return rows


def approved_packets_zip(production: Production) -> bytes:
    """Approved packets for payroll: a ZIP of the signed PDFs with a CSV index (file, name,
    position, department, start date, when approved, the PDF's SHA-256)."""
    packets = Packet.objects.filter(
        production=production, status=Packet.Status.APPROVED
    ).select_related("person__department")
    buffer = io.BytesIO()
    index = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for packet in packets:
            if not packet.sealed_pdf:
                continue
            person = packet.person
            with packet.sealed_pdf.open("rb") as source:
                pdf = source.read()
            last = slugify(person.last_name or "person")
            name = f"{last}-{slugify(person.first_name)}-{packet.pk}.pdf"
            archive.writestr(name, pdf)
            index.append(
                [
                    name,
                    person.display_name,
                    person.position,
                    person.department.name if person.department else "",
                    packet.start_date or "",
                    clock.sortable(packet.sealed_at, production.tzinfo),
                    hashlib.sha256(pdf).hexdigest(),
                ]
            )
        archive.writestr(
            "index.csv",
            write_csv(
                ["file", "name", "position", "department", "start date", "approved", "sha256"],
                index,
            ),
        )
    return buffer.getvalue()


# A form is signed once the person submitted it (the office's approval follows).
SIGNED_FORM = (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED)


def open_packets(production: Production):
    """Packets not approved yet, of people with no approved packet (a second packet replaces
    a stalled first): each with ``forms_total``, ``forms_signed`` and ``deal_memos_unsigned``
    (its deal memo forms not signed yet). One query."""
    approved = Packet.objects.filter(person=OuterRef("person"), status=Packet.Status.APPROVED)
    return (
        Packet.objects.filter(production=production)
        .exclude(status=Packet.Status.APPROVED)
        .exclude(Exists(approved))
        .select_related("person")
        .annotate(
            forms_total=Count("forms"),
            forms_signed=Count("forms", filter=Q(forms__status__in=SIGNED_FORM)),
            deal_memos_unsigned=Count(
                "forms",
                filter=Q(forms__kind__startswith="deal_memo") & ~Q(forms__status__in=SIGNED_FORM),
            ),
        )
        .order_by("person__last_name", "person__first_name", "created_at")
    )
