"""Sending a packet back reaches the person (e-mail, and a text when they agreed to texts) with
the comment and their link; a change of bank details is confirmed through the address the crew
list knew, blocks approval until then, and is in the audit log with where it came from."""

from django.utils import timezone

from callboard.core.models import AuditEvent, OutboundEmail
from callboard.paperwork.models import BankChange, Packet
from callboard.paperwork.queries import packet_findings
from callboard.paperwork.services import (
    packet_form_submit,
    packet_send_back,
)
from callboard.paperwork.testing import (
    bank_account_retyped,
    bank_details_given,
    bank_packet,
)


def test_send_back_emails_and_texts_the_comment_and_the_link(
    production, django_capture_on_commit_callbacks
):
    packet = bank_packet(production, phone="(818) 555-0101", sms_opt_in_at=timezone.now())
    form = packet.forms.get()
    bank_details_given(form)
    with django_capture_on_commit_callbacks(execute=True):
        packet_send_back(actor=None, packet=packet, comments={"direct_deposit": "Wrong bank"})
    mail = OutboundEmail.objects.get(to="ann@example.test")
    assert "Wrong bank" in mail.body and "/l/packet/" in mail.body
    text = OutboundEmail.objects.get(to__startswith="sms:")
    assert "/l/packet/" in text.body


def test_new_bank_details_wait_for_the_person_to_confirm_through_the_known_address(
    client, production, django_capture_on_commit_callbacks
):
    packet = bank_packet(production)
    form = packet.forms.get()
    bank_details_given(form)
    assert not BankChange.objects.exists()  # the first details are not a change
    bank_account_retyped(packet, form)
    with django_capture_on_commit_callbacks(execute=True):
        packet_form_submit(
            form=form,
            signature={"typed": "Ann Lee"},
            who="Ann",
            ip="198.51.100.7",
            user_agent="Phone",
        )
    change = BankChange.objects.get()
    assert change.before == "First Bank ••••6789" and change.after == "First Bank ••••4321"
    assert change.ip == "198.51.100.7"
    event = AuditEvent.objects.get(changes__has_key="bank_details_changed")
    assert event.object_type == "packetform" and event.changes["ip"] == "198.51.100.7"
    packet.refresh_from_db()
    assert packet.status == Packet.Status.SUBMITTED
    assert any("waiting for Ann Lee to confirm" in f for f in packet_findings(packet))
    mail = OutboundEmail.objects.filter(to="ann@example.test").latest("id")
    assert "55554321" not in mail.body
    link = next(w for w in mail.body.split() if "/l/bank/" in w)
    link = link[link.index("/l/bank/") :]
    assert "••••4321" in client.get(link).content.decode()
    client.post(link, {"answer": "deny"})
    change.refresh_from_db()
    assert change.status == BankChange.Status.DISPUTED
    assert any("did not change their direct deposit" in f for f in packet_findings(packet))
    assert client.get(link).status_code == 410  # answered: the link is spent


def test_a_confirmed_change_no_longer_blocks(
    client, production, django_capture_on_commit_callbacks
):
    packet = bank_packet(production)
    form = packet.forms.get()
    bank_details_given(form)
    bank_account_retyped(packet, form)
    with django_capture_on_commit_callbacks(execute=True):
        packet_form_submit(form=form, signature={"typed": "Ann Lee"}, who="Ann")
    body = OutboundEmail.objects.filter(to="ann@example.test").latest("id").body
    link = next(w for w in body.split() if "/l/bank/" in w)
    client.post(link[link.index("/l/bank/") :], {"answer": "confirm"})
    assert not any("direct deposit" in f.lower() for f in packet_findings(packet))
