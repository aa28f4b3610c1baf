"""Test helpers for start paperwork: Ann Lee's direct-deposit packet, her bank details, and
a change of account after a send-back (what the bank-change tests all start from)."""

from datetime import date

from callboard.people.testing import make_person

from .models import Packet, PacketForm
from .services import (
    packet_create,
    packet_form_save,
    packet_form_submit,
    packet_send,
    packet_send_back,
)

BANK = {
    "legal_name": "Ann Lee",
    "ssn": "123-45-6789",
    "bank_name": "First Bank",
    "routing_number": "021000021",
    "account_number": "000123456789",
    "account_type": "checking",
}


def bank_packet(production, **person) -> Packet:
    """Ann Lee's packet of one direct-deposit form (``person``: more about her)."""
    person = make_person(
        production, first_name="Ann", last_name="Lee", email="ann@example.test", **person
    )
    return packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["direct_deposit"],
        start_date=date(2026, 3, 2),
    )


def bank_details_given(form: PacketForm) -> None:
    """Ann types her bank details and signs."""
    packet_form_save(form=form, who="Ann", answers=BANK)
    packet_form_submit(form=form, signature={"typed": "Ann Lee"}, who="Ann")


def bank_account_retyped(packet: Packet, form: PacketForm) -> None:
    """The office sends the form back and Ann types another account; signing it (which sends
    the confirmation) is the test's."""
    packet_send_back(actor=None, packet=packet, comments={"direct_deposit": "Please check"})
    packet_form_save(form=form, who="Ann", answers={"account_number": "55554321"})


def sent_packet(production, capture, email: str = "ann@example.test") -> tuple[Packet, str]:
    """Ann Lee's packet of two forms, sent (its first delivery sent too: ``capture`` is
    django_capture_on_commit_callbacks); with the link it carries."""
    person = make_person(production, first_name="Ann", last_name="Lee", email=email)
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["deal_memo", "start_form"],
        start_date=date(2026, 3, 2),
    )
    with capture(execute=True):
        link = packet_send(actor=None, packet=packet)
    packet.refresh_from_db()
    return packet, link
