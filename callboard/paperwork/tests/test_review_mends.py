"""What the review of issue 13 found in start paperwork, each fixed: the kit rental on the box
rental inventory is the office's; answers read as money and dates; an override is in the
packet's own history; a date-of-birth override does not outlive the dates it excused; a bank
change is confirmed where the person could be reached before, not at a number changed since."""

from datetime import date

import pytest
from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.core.models import Membership, OutboundEmail
from callboard.core.testing import add_member
from callboard.paperwork import rules
from callboard.paperwork.models import Packet
from callboard.paperwork.packets import packet_pdf
from callboard.paperwork.queries import packet_document, packet_findings
from callboard.paperwork.services import (
    PacketError,
    packet_create,
    packet_form_save,
    packet_form_submit,
    packet_send_back,
    packet_terms_set,
    packet_warning_override,
)
from callboard.paperwork.testing import bank_details_given
from callboard.people.testing import make_person

TITLES = {"start_form": "Crew start form", "i9_section1": "I-9 Section 1"}


def test_the_kit_rental_on_the_inventory_is_the_deal_memos(production):
    person = make_person(production, rate="30.0000", rate_unit="hour")
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["deal_memo", "box_rental"],
        start_date=None,
    )
    packet_terms_set(
        actor=None, packet=packet, terms={"kit_rental": "50", "kit_rental_unit": "week"}
    )
    inventory = packet.forms.get(kind="box_rental")
    assert inventory.values["weekly_rate"] == "50" and inventory.values["rental_per"] == "week"
    with pytest.raises(PacketError, match="set by the production office"):
        packet_form_save(form=inventory, who="x", answers={"weekly_rate": "5000"})
    inventory.refresh_from_db()
    assert inventory.values["weekly_rate"] == "50"


def test_the_office_reads_money_and_dates_not_raw_values(production, coordinator_client):
    person = make_person(production, rate="58.0000", rate_unit="hour")
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["deal_memo", "ca_wage_notice"],
        start_date=date(2026, 12, 15),
    )
    page = coordinator_client.get(f"/p/{production.slug}/paperwork/{packet.pk}/").content.decode()
    assert "$58.00" in page and "$87.00" in page and "Tue Dec 15, 2026" in page
    text = packet_pdf(packet_document(packet))
    import pypdfium2 as pdfium

    words = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(text))
    assert "$87.00" in words and "2026-12-15" not in words


def test_an_override_is_in_the_packets_own_history(production):
    person = make_person(production)
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["nda", "emergency_contact"],
        start_date=None,
    )
    for form, name in zip(packet.forms.all(), ["Ann Lee", "Anne Lee"], strict=True):
        form.values["legal_name"] = name
        form.save()
    Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.SUBMITTED)
    upm = add_member(production, Role.UPM)
    warning = next(f for f in packet_findings(packet) if "Anne" in f)
    packet_warning_override(
        actor=upm,
        membership=Membership.objects.get(user=upm),
        packet=packet,
        warning=warning,
        reason="Anne is her passport name",
    )
    events = list(packet.events.values_list("event", flat=True))
    assert any("Warning overridden" in e and "Anne is her passport name" in e for e in events)


def test_a_date_of_birth_override_does_not_outlive_the_dates_it_excused():
    secret = b"k"
    first = rules.cross_form_differences(
        {
            "start_form": {"date_of_birth": "1990-01-01"},
            "i9_section1": {"date_of_birth": "1990-01-02"},
        },
        TITLES,
        secret,
    )
    again = rules.cross_form_differences(
        {
            "start_form": {"date_of_birth": "1990-01-01"},
            "i9_section1": {"date_of_birth": "1991-07-09"},
        },
        TITLES,
        secret,
    )
    assert first != again and "1990" not in first[0]


def test_a_bank_change_is_confirmed_where_the_person_was_reachable_before(
    production, django_capture_on_commit_callbacks
):
    person = make_person(
        production,
        first_name="Ann",
        last_name="Lee",
        email="ann@example.test",
        phone="(818) 555-0101",
        sms_opt_in_at=timezone.now(),
    )
    packet = packet_create(
        actor=None, production=production, person=person, kinds=["direct_deposit"], start_date=None
    )
    form = packet.forms.get()
    bank_details_given(form)
    # Someone with her details link moves her phone and e-mail, then her pay.
    person.phone, person.email = "(213) 555-0199", "thief@example.test"
    person.save()
    packet_send_back(actor=None, packet=packet, comments={"direct_deposit": "Check"})
    packet_form_save(form=form, who="Ann", answers={"account_number": "55554321"})
    with django_capture_on_commit_callbacks(execute=True):
        packet_form_submit(form=form, signature={"typed": "Ann Lee"}, who="Ann")
    confirmations = OutboundEmail.objects.filter(body__contains="/l/bank/")
    assert {m.to for m in confirmations} == {"ann@example.test", "sms:(818) 555-0101"}
