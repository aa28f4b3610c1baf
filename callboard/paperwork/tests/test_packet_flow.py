"""A packet from creation to a sealed, verifiable PDF: save and come back, private answers
sealed, submit only when complete, send back, approve through the chain."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from io import StringIO

import pypdfium2 as pdfium
import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from callboard.core.capabilities import Cap, Role
from callboard.core.models import Membership
from callboard.core.services import warning_override
from callboard.core.testing import add_member
from callboard.paperwork.models import Packet, PacketEvent
from callboard.paperwork.queries import form_answers, packet_findings
from callboard.paperwork.services import (
    PacketError,
    packet_approve,
    packet_create,
    packet_form_save,
    packet_form_submit,
    packet_send_back,
    packet_terms_set,
    production_certificate,
)
from callboard.paperwork.signing import verify_pdf
from callboard.people.testing import make_person

SIGN = {"typed": "Ann Lee"}


@pytest.fixture
def packet(production):
    person = make_person(
        production, first_name="Ann", last_name="Lee", rate="52.5000", rate_unit="hour"
    )
    return packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["deal_memo", "start_form", "direct_deposit"],
        start_date=date(2026, 3, 2),
    )


def _form(packet, kind):
    return packet.forms.get(kind=kind)


TERMS = {
    "position": "Grip",
    "department": "Grip",
    "start_date": "2026-03-02",
    "rate": "52.50",
    "rate_unit": "hour",
    "guaranteed_hours": "10",
}


def _approve_all(packet):
    """Three people, one step each (nobody approves two steps of one chain)."""
    for role in ("coordinator", "upm", "payroll"):
        packet = packet_approve(actor=add_member(packet.production, role), role=role, packet=packet)
    return packet


def _fill_all(packet, name="Ann Lee"):
    packet_terms_set(actor=None, packet=packet, terms=TERMS)
    packet_form_save(form=_form(packet, "deal_memo"), who=name, answers={"legal_name": name})
    packet_form_save(
        form=_form(packet, "start_form"),
        who=name,
        answers={
            "legal_name": name,
            "street": "1 Main St",
            "city": "Burbank",
            "state": "CA",
            "postal_code": "91502",
            "ssn": "123456789",
            "date_of_birth": "1990-04-12",
            "email": "ann@example.test",
            "phone": "(818) 555-0101",
            "citizen": "yes",
        },
    )
    packet_form_save(
        form=_form(packet, "direct_deposit"),
        who=name,
        answers={
            "legal_name": name,
            "ssn": "123-45-6789",
            "bank_name": "First Bank",
            "routing_number": "021000021",
            "account_number": "000123456789",
            "account_type": "checking",
        },
    )
    for form in packet.forms.all():
        packet_form_submit(form=form, signature=SIGN, who=name, ip="203.0.113.5")


def test_private_answers_are_sealed_and_a_bad_ssn_is_refused_but_the_rest_kept(packet):
    form = _form(packet, "start_form")
    problems = packet_form_save(
        form=form, who="Ann", answers={"ssn": "666-12-3456", "city": "Burbank"}
    )
    assert "ssn" in problems
    form.refresh_from_db()
    assert form.values["city"] == "Burbank" and "ssn" not in form.sealed
    packet_form_save(form=form, who="Ann", answers={"ssn": "123 45 6789"})
    form.refresh_from_db()
    assert "6789" not in str(form.sealed) and form_answers(form)["ssn"] == "123-45-6789"


def test_a_form_is_submitted_only_complete_and_signed(packet):
    form = _form(packet, "direct_deposit")
    packet_form_save(form=form, who="Ann", answers={"legal_name": "Ann Lee"})
    with pytest.raises(PacketError, match="Routing number"):
        packet_form_submit(form=form, signature=SIGN, who="Ann")
    with pytest.raises(PacketError, match="signature"):
        packet_form_submit(form=_form(packet, "deal_memo"), signature={}, who="Ann")


def test_names_spelled_differently_are_found_and_the_packet_goes_back(packet):
    _fill_all(packet)
    form = _form(packet, "direct_deposit")
    form.values["legal_name"] = "Anne Lee"
    form.save()
    assert any("Anne Lee" in f for f in packet_findings(packet))
    packet_send_back(
        actor=None, packet=packet, comments={"direct_deposit": "Your name as on your ID"}
    )
    form.refresh_from_db()
    packet.refresh_from_db()
    assert form.status == "needs_correction" and packet.status == Packet.Status.NEEDS_CORRECTION


def test_approval_follows_the_chain_and_the_last_seals_a_verifiable_packet(packet):
    _fill_all(packet)
    packet.refresh_from_db()
    assert packet.status == Packet.Status.SUBMITTED
    with pytest.raises(PacketError, match="coordinator"):
        packet_approve(
            actor=add_member(packet.production, "payroll"), role="payroll", packet=packet
        )
    packet = _approve_all(packet)
    assert packet.status == Packet.Status.APPROVED and packet.sealed_at
    pdf = packet.sealed_pdf.read()
    certificate = production_certificate(packet.production)
    assert verify_pdf(pdf, trusted_cert_pem=certificate.cert_pem).intact
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
    assert "6789" in text and "123-45-6789" not in text  # masked in the file payroll keeps
    events = list(PacketEvent.objects.filter(packet=packet).values_list("event", flat=True))
    assert "Approved by payroll" in events


def test_the_forms_start_with_what_the_crew_list_knows(packet):
    deal = _form(packet, "deal_memo")
    assert deal.values["legal_name"] == "Ann Lee" and deal.values["rate"] == "52.5"
    assert deal.values["start_date"] == "2026-03-02"
    assert "ssn" not in _form(packet, "start_form").values
    assert packet_findings(packet)  # not submitted yet, but nothing unreadable
    assert not any("cannot be read" in f for f in packet_findings(packet))


def test_payroll_exports_approved_packets_as_a_zip_with_an_index(packet, member_client):
    _fill_all(packet)
    packet = _approve_all(packet)
    client = member_client(Role.PAYROLL)
    response = client.get(f"/p/{packet.production.slug}/paperwork/approved.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["name"] == packet.person.display_name
    assert verify_pdf(archive.read(rows[0]["file"])).intact
    coordinator = member_client(Role.COORDINATOR)
    assert coordinator.get(f"/p/{packet.production.slug}/paperwork/approved.zip").status_code == 403


def test_the_approved_deal_becomes_the_crew_lists_terms_once_its_warning_is_overridden(packet):
    _fill_all(packet)
    packet_terms_set(actor=None, packet=packet, terms={"rate": "55.00"})
    packet_form_submit(form=_form(packet, "deal_memo"), signature=SIGN, who="Ann Lee")
    packet.refresh_from_db()
    warning = next(f for f in packet_findings(packet) if "$55.00" in f)
    coordinator = add_member(packet.production, "coordinator")
    with pytest.raises(PacketError, match="override with a reason"):
        packet_approve(actor=coordinator, role="coordinator", packet=packet)
    upm = add_member(packet.production, Role.UPM)
    warning_override(
        actor=upm,
        membership=Membership.objects.get(user=upm),
        subject=packet,
        capability=Cap.PAPERWORK_OVERRIDE,
        warning=warning,
        reason="Raise agreed with the UPM on Monday",
        allowed=packet_findings(packet),
    )
    packet = _approve_all(packet)
    packet.person.refresh_from_db()
    assert packet.person.rate == Decimal("55.0000") and packet.person.rate_unit == "hour"


def test_rotating_the_keys_keeps_every_private_answer_readable(packet, settings):
    form = _form(packet, "start_form")
    packet_form_save(form=form, who="Ann", answers={"ssn": "123-45-6789"})
    production_certificate(packet.production)
    new_key = Fernet.generate_key().decode()
    settings.PII_KEYS = [new_key, *settings.PII_KEYS]
    call_command("rotate_pii_keys", stdout=StringIO())
    settings.PII_KEYS = [new_key]  # the old key is gone
    form.refresh_from_db()
    assert form_answers(form)["ssn"] == "123-45-6789"
    assert production_certificate(packet.production).key_pem.startswith(b"-----BEGIN")


def test_a_wage_notice_rate_must_match_the_deal_memo_and_each_form_prints_alone(
    production, coordinator_client
):
    person = make_person(production, first_name="Ann", last_name="Lee")
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["deal_memo", "ca_wage_notice"],
        start_date=None,
    )
    packet_terms_set(actor=None, packet=packet, terms={"rate": "55.00", "rate_unit": "hour"})
    notice = _form(packet, "ca_wage_notice")
    assert notice.values["rate"] == "55.00" and notice.values["overtime_rate"] == "82.5"
    notice.values["rate"] = "50"  # written behind the office's back
    notice.save()
    assert any(
        "says the rate is $50.00; the deal memo says $55.00" in f for f in packet_findings(packet)
    )
    form = _form(packet, "ca_wage_notice")
    response = coordinator_client.get(
        f"/p/{production.slug}/paperwork/{packet.pk}/forms/{form.pk}.pdf"
    )
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(response.content))
    assert "California wage notice" in text and "Deal memo" not in text
