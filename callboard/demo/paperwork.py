"""The demo's start paperwork: four packets a coordinator meets on a prep morning — one
approved and sealed by three different people, one whose grip asks for a different rate (it
blocks approval until answered), one with I-9 Section 2 overdue, and one sent and not opened."""

import io
from datetime import date, timedelta

from PIL import Image, ImageDraw

from callboard.core.models import User
from callboard.paperwork import queries, rules, services
from callboard.paperwork.catalogue import Hire, packet_for
from callboard.people.models import Person


def _answers(person: Person, start: date) -> dict[str, dict[str, str]]:
    """What a person types on their phone, form by form (every value fictitious)."""
    name = f"{person.first_name} {person.last_name}"
    address = {
        "street": person.street or "1 Main St",
        "city": person.city or "Burbank",
        "state": person.region or "CA",
        "postal_code": person.postal_code or "91502",
    }
    ssn = f"{400 + person.pk % 500:03d}-{10 + person.pk % 89:02d}-{1000 + person.pk:04d}"
    return {
        "start_form": {
            "legal_name": name,
            **address,
            "ssn": ssn,
            "date_of_birth": "1988-05-14",
            "email": person.email,
            "phone": person.phone,
            "citizen": "yes",
        },
        "nda": {"legal_name": name},
        "emergency_contact": {
            "legal_name": name,
            "contact_name": person.emergency_name or "Sam Lee",
            "relationship": person.emergency_relation or "Partner",
            "contact_phone": person.emergency_phone or "(818) 555-0100",
        },
        "direct_deposit": {
            "legal_name": name,
            "ssn": ssn,
            "bank_name": "First Studio Bank",
            "routing_number": "021000021",
            "account_number": f"0001{person.pk:08d}",
            "account_type": "checking",
        },
        "w4": {"legal_name": name, "ssn": ssn, "filing_status": "single"},
        "i9_section1": {
            "legal_name": name,
            **address,
            "date_of_birth": "1988-05-14",
            "status": rules.I9_CITIZEN,
        },
        "ca_de4": {
            "legal_name": name,
            "ssn": ssn,
            "filing_status": "single or married (with two or more incomes)",
            "allowances": "1",
        },
        "ca_wage_notice": {"legal_name": name},
        "deal_memo": {"legal_name": name},
        "deal_memo_union": {"legal_name": name},
    }


def _document_photo(name: str) -> bytes:
    """A stand-in photo of an identity document (marked SPECIMEN)."""
    image = Image.new("RGB", (640, 420), (222, 229, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 610, 390), outline=(40, 60, 120), width=4)
    draw.text((60, 60), f"SPECIMEN — {name}", fill=(40, 60, 120))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def _packet(actor, production, person: Person, start: date, *, submit: bool):
    kinds = queries.packet_kinds(
        production, packet_for(Hire(union=bool(person.union), work_state="CA"))
    )
    packet = services.packet_create(
        actor=actor, production=production, person=person, kinds=kinds, start_date=start
    )
    weekly = person.rate_unit == "week"
    services.packet_terms_set(
        actor=actor,
        packet=packet,
        terms={
            "guaranteed_hours": "50" if weekly else "10",
            "overtime_rate": f"{person.rate / 55 * 3 / 2:.2f}" if weekly else "",
        },
    )
    services.packet_send(actor=actor, packet=packet)
    if not submit:
        return packet
    answers = _answers(person, start)
    name = answers["nda"]["legal_name"]
    for form in packet.forms.exclude(kind="i9_section2"):
        services.packet_form_save(form=form, answers=answers.get(form.kind, {}), who=name)
        if form.spec.needs_uploads:
            services.packet_upload_add(
                form=form, name="passport.jpg", data=_document_photo(name), who=name
            )
        services.packet_form_submit(
            form=form,
            signature={"typed": name},
            who=name,
            ip="203.0.113.20",
            user_agent="Demo phone",
        )
    packet.refresh_from_db()
    return packet


def paperwork_demo_build(*, actor, production, today: date, logins: dict[str, User]) -> dict:
    crew = list(
        Person.objects.crew()
        .filter(production=production, rate__isnull=False, email__gt="")
        .exclude(email__endswith="callboard.test")
        .select_related("department")
        .order_by("pk")
    )
    started = [p for p in crew if p.start_date and p.start_date <= today - timedelta(days=7)]
    coming = [p for p in crew if p.start_date and p.start_date > today]
    made = 0
    # Approved and sealed: three approvals by three different people.
    sealed = _packet(actor, production, started[0], started[0].start_date, submit=True)
    services.i9_section2_record(
        actor=logins["coordinator"],
        packet=sealed,
        first_day=started[0].start_date,
        reviewer="Production Coordinator",
        documents=[
            rules.I9Document(
                "A", rules.US_PASSPORT, "583920174", started[0].start_date + timedelta(days=2000)
            )
        ],
    )
    for role in ("coordinator", "upm", "payroll"):
        sealed = services.packet_approve(actor=logins[role], role=role, packet=sealed)
    made += 1
    # A grip who asks for the rate she was quoted: blocks approval until the office answers.
    grip = next((p for p in coming if p.department and p.department.name == "Grip"), coming[0])
    asked = _packet(actor, production, grip, grip.start_date, submit=True)
    deal = asked.forms.get(kind__startswith="deal_memo")
    services.packet_change_request(
        form=deal,
        who=grip.display_name,
        text=f"The rate I was quoted was {rules.money(grip.rate + 2)} an hour.",
    )
    made += 1
    # Started last week, Section 2 never recorded: overdue in red.
    _packet(actor, production, started[1], started[1].start_date, submit=True)
    made += 1
    # Sent, not opened yet: the crew login's own, so My things shows it.
    crew_login = Person.objects.filter(
        production=production, account__email__startswith="crew@"
    ).first()
    newcomer = crew_login or coming[1]
    _packet(actor, production, newcomer, newcomer.start_date, submit=False)
    made += 1
    return {"packets": made, "sealed": 1}
