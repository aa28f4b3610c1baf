"""Deal terms belong to the office: the person sees them, cannot change them through the link
(a hostile post is refused and changes nothing), asks for a change instead; the office's change
to signed terms makes a new version to sign again, the old one kept."""

from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium

from callboard.core.models import OutboundEmail
from callboard.paperwork.models import Packet, PacketFormVersion
from callboard.paperwork.packets import packet_pdf
from callboard.paperwork.queries import packet_document, packet_findings
from callboard.paperwork.services import (
    packet_create,
    packet_form_submit,
    packet_send,
    packet_terms_set,
)
from callboard.people.testing import make_person


def _sent_packet(production, capture, kinds=("deal_memo", "ca_wage_notice")):
    person = make_person(
        production,
        first_name="Rosa",
        last_name="Diaz",
        rate="21.7500",
        rate_unit="hour",
        start_date=date(2026, 3, 2),
    )
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=list(kinds),
        start_date=date(2026, 3, 2),
    )
    with capture(execute=True):
        packet_send(actor=None, packet=packet)
    body = OutboundEmail.objects.filter(to=person.email).latest("id").body
    link = next(line for line in body.splitlines() if "/l/packet/" in line)
    return packet, link[link.index("/l/packet/") :]


def test_a_rate_posted_through_the_crew_link_is_refused_and_nothing_changes(
    client, production, django_capture_on_commit_callbacks
):
    packet, link = _sent_packet(production, django_capture_on_commit_callbacks)
    deal = packet.forms.get(kind="deal_memo")
    page = client.get(f"{link}{deal.pk}/").content.decode()
    assert "$21.75" in page and 'name="rate"' not in page  # shown, not editable
    response = client.post(
        f"{link}{deal.pk}/",
        {"legal_name": "Rosa Diaz", "rate": "400", "action": "submit", "typed_signature": "Rosa"},
    )
    assert (
        response.status_code == 400 and "set by the production office" in response.content.decode()
    )
    deal.refresh_from_db()
    assert deal.values["rate"] == "21.75" and deal.status == "not_started"
    assert "legal_name" in deal.values  # prefilled by the office, not the refused post
    packet.person.refresh_from_db()
    assert packet.person.rate == Decimal("21.7500")


def test_the_overtime_rate_and_payday_on_a_wage_notice_are_not_the_persons_either(
    client, production, django_capture_on_commit_callbacks
):
    packet, link = _sent_packet(production, django_capture_on_commit_callbacks)
    packet_terms_set(actor=None, packet=packet, terms={"rate": "21.75"})
    notice = packet.forms.get(kind="ca_wage_notice")
    assert notice.values["overtime_rate"] == "32.625" and notice.values["payday"]
    response = client.post(f"{link}{notice.pk}/", {"overtime_rate": "99", "action": "save"})
    assert response.status_code == 400
    notice.refresh_from_db()
    assert notice.values["overtime_rate"] == "32.625"


def test_a_person_asks_for_a_change_and_the_office_must_answer_before_approving(
    client, coordinator_client, production, django_capture_on_commit_callbacks
):
    packet, link = _sent_packet(production, django_capture_on_commit_callbacks)
    deal = packet.forms.get(kind="deal_memo")
    client.post(
        f"{link}{deal.pk}/", {"action": "request_change", "change_request": "We agreed $24 an hour"}
    )
    assert any("asks for a change" in f and "$24" in f for f in packet_findings(packet))
    page = coordinator_client.get(f"/p/{production.slug}/paperwork/{packet.pk}/").content.decode()
    assert "We agreed $24 an hour" in page
    coordinator_client.post(
        f"/p/{production.slug}/paperwork/{packet.pk}/terms/",
        {"term_rate": "24.00", "term_rate_unit": "hour"},
    )
    deal.refresh_from_db()
    assert deal.values["rate"] == "24.00" and not deal.change_request


def test_changing_signed_terms_makes_a_new_version_and_keeps_the_old_one(
    production, django_capture_on_commit_callbacks
):
    packet, _ = _sent_packet(production, django_capture_on_commit_callbacks, kinds=("deal_memo",))
    deal = packet.forms.get(kind="deal_memo")
    packet_terms_set(
        actor=None,
        packet=packet,
        terms={"position": "Grip", "department": "Grip", "guaranteed_hours": "10"},
    )
    packet_form_submit(form=deal, signature={"typed": "Rosa Diaz"}, who="Rosa Diaz")
    packet.refresh_from_db()
    assert packet.status == Packet.Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        packet_terms_set(actor=None, packet=packet, terms={"rate": "25.00"})
    deal.refresh_from_db()
    packet.refresh_from_db()
    old = PacketFormVersion.objects.get(form=deal)
    assert old.values["rate"] == "21.75" and old.signatures["employee"]["typed"] == "Rosa Diaz"
    assert deal.version == 2 and deal.status == "needs_correction" and not deal.signatures
    assert packet.status == Packet.Status.NEEDS_CORRECTION
    assert "sign again" in OutboundEmail.objects.latest("id").body
    pdf = packet_pdf(packet_document(packet))
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
    assert "VERSION 1, REPLACED" in text.upper() and "21.75" in text and "25.00" in text


def test_a_day_rates_overtime_comes_from_its_guaranteed_hours_and_a_weekly_one_is_stated(
    production, django_capture_on_commit_callbacks
):
    packet, _ = _sent_packet(production, django_capture_on_commit_callbacks)
    packet_terms_set(
        actor=None,
        packet=packet,
        terms={"rate": "450", "rate_unit": "day", "guaranteed_hours": "12"},
    )
    # $450 buys 8 straight hours and 4 at time and a half: 14 straight hours of $32.142857.
    assert packet.forms.get(kind="ca_wage_notice").values["overtime_rate"] == "48.2143"
    packet_terms_set(
        actor=None,
        packet=packet,
        terms={"rate": "2750", "rate_unit": "week", "overtime_rate": "75.00"},
    )
    assert packet.forms.get(kind="ca_wage_notice").values["overtime_rate"] == "75.00"
