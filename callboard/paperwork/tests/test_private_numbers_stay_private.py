"""Every place a private number can appear shows it masked: the packet page, the e-mails, the
audit log, each form's PDF and the sealed packet; in full only to payroll, each read logged.
(Places checked: I-9 Section 2 and Supplement B document numbers, the I-9's A-Number, I-94 and
passport numbers, SSNs, bank numbers, a loan-out's EIN on its W-9.)"""

from datetime import UTC, date, datetime

import pypdfium2 as pdfium

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.paperwork import rules
from callboard.paperwork.packets import packet_pdf
from callboard.paperwork.queries import packet_document
from callboard.paperwork.services import i9_section2_record, packet_create, packet_form_save
from callboard.people.testing import make_person

FULL = ["X12345678", "A987654321", "123-45-6789", "000123456789", "12-3456789", "Z7654321"]


def _text(pdf: bytes) -> str:
    return "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))


def _packet(production):
    person = make_person(production, start_date=date(2026, 3, 2))
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["start_form", "direct_deposit", "w9", "i9_section1", "i9_section2"],
        start_date=date(2026, 3, 2),
    )
    forms = {f.kind: f for f in packet.forms.all()}
    packet_form_save(form=forms["start_form"], who="x", answers={"ssn": "123-45-6789"})
    packet_form_save(
        form=forms["direct_deposit"],
        who="x",
        answers={"routing_number": "021000021", "account_number": "000123456789"},
    )
    packet_form_save(form=forms["w9"], who="x", answers={"ein": "12-3456789"})
    packet_form_save(
        form=forms["i9_section1"],
        who="x",
        answers={
            "status": rules.I9_AUTHORIZED,
            "uscis_number": "A987654321",
            "passport_number": "Z7654321",
            "passport_country": "Canada",
            "work_until": "N/A",
        },
    )
    forms["i9_section1"].refresh_from_db()
    forms["i9_section1"].status = "submitted"
    forms["i9_section1"].submitted_at = datetime(2026, 3, 2, 17, tzinfo=UTC)
    forms["i9_section1"].save()
    i9_section2_record(
        actor=None,
        packet=packet,
        first_day=date(2026, 3, 2),
        reviewer="Ingrid",
        documents=[rules.I9Document("A", rules.US_PASSPORT, "X12345678", date(2031, 1, 1))],
    )
    return packet


def test_no_full_number_is_stored_in_plain_text_or_logged(production):
    packet = _packet(production)
    stored = str(list(packet.forms.values_list("values", flat=True)))
    audit = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    for number in FULL:
        assert number not in stored and number not in audit
    assert "•••••5678" in packet.forms.get(kind="i9_section2").values["documents"]


def test_pages_and_pdfs_show_the_last_four_and_payroll_alone_opens_them(production, member_client):
    packet = _packet(production)
    text = _text(packet_pdf(packet_document(packet)))
    for number in FULL:
        assert number not in text
    assert "•••••5678" in text and "••-•••6789" in text and "•••-••-6789" in text
    section2 = packet.forms.get(kind="i9_section2")
    url = f"/p/{production.slug}/paperwork/{packet.pk}/"
    coordinator_page = member_client(Role.COORDINATOR).get(f"{url}?reveal={section2.pk}")
    for number in FULL:
        assert number not in coordinator_page.content.decode()
    payroll_page = member_client(Role.PAYROLL).get(f"{url}?reveal={section2.pk}").content.decode()
    assert "X12345678" in payroll_page
    assert AuditEvent.objects.filter(changes__has_key="viewed_private").count() == 1
    form_pdf = member_client(Role.COORDINATOR).get(f"{url}forms/{section2.pk}.pdf")
    assert "X12345678" not in _text(form_pdf.content)


def test_no_email_carries_a_private_number(production):
    _packet(production)
    for body in OutboundEmail.objects.values_list("body", flat=True):
        for number in FULL:
            assert number not in body


def test_numbers_stored_in_plain_text_before_are_sealed_by_the_migration(production):
    import importlib

    from django.apps import apps

    from callboard.paperwork.queries import form_answers

    migration = importlib.import_module("callboard.paperwork.migrations.0003_seal_document_numbers")
    person = make_person(production)
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["i9_section2", "loanout"],
        start_date=None,
    )
    packet.forms.filter(kind="i9_section2").update(
        values={"documents": "List A: U.S. Passport, no. X12345678, expires 2031-01-01"}
    )
    packet.forms.filter(kind="loanout").update(values={"ein": "12-3456789", "company": "Lee Inc"})
    migration.seal_numbers(apps, None)
    section2, loanout = packet.forms.get(kind="i9_section2"), packet.forms.get(kind="loanout")
    assert (
        section2.values["documents"] == "List A: U.S. Passport, no. •••••5678, expires 2031-01-01"
    )
    assert form_answers(section2)["doc1_number"] == "X12345678"
    assert "ein" not in loanout.values and form_answers(loanout)["ein"] == "12-3456789"
