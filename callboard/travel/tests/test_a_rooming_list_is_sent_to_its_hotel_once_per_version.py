"""Sending a hotel its rooming list from the rooming list page: to the reservations e-mail on
the vendor list, the PDF and the XLSX attached, through distribution (tracked, in the
background, once per version — a second click sends nothing), and after a booking changes the
page says the list changed since it was sent, and sending again sends the next version."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from callboard.core.models import AuditEvent, Role
from callboard.distribution.models import Delivery, Dispatch
from callboard.people.models import Vendor, VendorContact
from callboard.travel.models import RoomingListSend
from callboard.travel.services import booking_save

from .lists_data import travel_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(production, settings):
    # Django's own outbox keeps each message whole, attachments included.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return travel_week(production)


def url(production, name):
    return reverse(f"travel:{name}", kwargs={"production": production.slug})


def page(client, production, hotel="Chateau Marmont") -> str:
    return client.get(url(production, "rooming"), {"hotel": hotel}).content.decode()


def send(client, production, capture, hotel="Chateau Marmont"):
    with capture(execute=True):
        return client.post(url(production, "rooming_send"), {"hotel": hotel}, follow=True)


def give_email(client, production, email, hotel="chateau marmont"):
    return client.post(
        url(production, "rooming_hotel_email"), {"hotel": hotel, "email": email}, follow=True
    )


def test_sending_puts_one_mail_with_the_pdf_and_the_xlsx_in_the_outbox_once(
    production, week, coordinator_client, django_capture_on_commit_callbacks
):
    text = page(coordinator_client, production)
    assert "Not sent to the hotel yet" in text and "no reservations e-mail" in text
    give_email(coordinator_client, production, "reservations@chateau.test")
    vendor = Vendor.objects.get(production=production)
    # The hotel as the list names it, however the name was typed.
    assert vendor.name == "Chateau Marmont" and vendor.email == "reservations@chateau.test"
    assert "Travel & hotels" in [c.name for c in vendor.categories.all()]

    done = send(coordinator_client, production, django_capture_on_commit_callbacks)
    assert "Version 1 of the rooming list is going to reservations@chateau.test" in (
        done.content.decode()
    )
    (message,) = mail.outbox
    assert message.to == ["reservations@chateau.test"]
    assert message.subject == f"Rooming list — Chateau Marmont — {production.title}"
    (pdf_name, pdf, pdf_type), (xlsx_name, xlsx, xlsx_type) = message.attachments
    assert pdf_name == "the-test-show-rooming-list-chateau-marmont-v1.pdf"
    assert pdf.startswith(b"%PDF") and pdf_type == "application/pdf"
    assert xlsx_name.endswith("-v1.xlsx") and xlsx.startswith(b"PK") and "sheet" in xlsx_type
    delivery = Delivery.objects.get(dispatch__kind="rooming_list")
    assert delivery.sent_at is not None and delivery.person is None
    sent = RoomingListSend.objects.get()
    assert AuditEvent.objects.filter(
        action="create", object_type="roominglistsend", object_id=sent.pk
    ).exists()
    text = page(coordinator_client, production)
    assert "Version 1 sent" in text and "reservations@chateau.test" in text
    assert "Nothing has changed since it was sent" in text

    # A second click, or a second tab still showing the button: nothing more goes out.
    again = send(coordinator_client, production, django_capture_on_commit_callbacks)
    assert "nothing more was sent" in again.content.decode()
    assert len(mail.outbox) == 1 and Dispatch.objects.count() == 1


def test_a_changed_booking_shows_changed_since_sent_and_sends_the_next_version(
    production, week, coordinator_client, django_capture_on_commit_callbacks
):
    give_email(coordinator_client, production, "reservations@chateau.test")
    send(coordinator_client, production, django_capture_on_commit_callbacks)
    # A booking at another hotel changes nothing for this one.
    booking_save(
        actor=None,
        production=production,
        kind="hotel",
        values={
            "person": week.rosa,
            "hotel": "The Standard",
            "check_in": dt.date(2026, 12, 10),
            "check_out": dt.date(2026, 12, 13),
        },
        booking=week.rosa_room,
    )
    assert "Changed since sent" not in page(coordinator_client, production)
    booking_save(
        actor=None,
        production=production,
        kind="hotel",
        values={
            "person": week.margo,
            "hotel": "Chateau Marmont",
            "room_type": "King suite",
            "check_in": dt.date(2026, 12, 9),
            "check_out": dt.date(2026, 12, 13),  # one more night
            "nightly_rate": week.margo_room.nightly_rate,
            "confirmation": "CM-88120",
        },
        booking=week.margo_room,
    )
    text = page(coordinator_client, production)
    assert "Changed since sent" in text and "Send the revised list (version 2)" in text

    send(coordinator_client, production, django_capture_on_commit_callbacks)
    first, second = mail.outbox
    assert second.subject.startswith("REVISED rooming list (version 2) — Chateau Marmont")
    assert "version 2 of the list" in second.body
    assert second.attachments[0][0].endswith("-v2.pdf")
    assert [s.version for s in RoomingListSend.objects.all()] == [2, 1]
    # Version 1 is kept as it went: its files are still there, untouched.
    assert RoomingListSend.objects.get(version=1).pdf.open("rb").read() == first.attachments[0][1]
    assert "Nothing has changed since it was sent" in page(coordinator_client, production)


def test_the_reservations_desk_on_the_vendor_list_gets_the_list(
    production, week, coordinator_client, django_capture_on_commit_callbacks
):
    vendor = Vendor.objects.create(production=production, name="Chateau  Marmont")
    VendorContact.objects.create(vendor=vendor, name="Front desk", phone="(323) 555-0100")
    assert "no reservations e-mail" in page(coordinator_client, production)
    # Given on the rooming list page, the e-mail goes on the vendor; its contacts stay.
    give_email(coordinator_client, production, "accounts@chateau.test")
    vendor.refresh_from_db()
    assert vendor.email == "accounts@chateau.test" and Vendor.objects.count() == 1
    assert [c.name for c in vendor.contacts.all()] == ["Front desk"]
    VendorContact.objects.create(
        vendor=vendor, name="Ana", title="Group reservations", email="groups@chateau.test"
    )
    assert "groups@chateau.test" in page(coordinator_client, production)
    send(coordinator_client, production, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["groups@chateau.test"]


def test_no_address_a_bad_address_or_no_right_to_book_sends_nothing(
    production, week, coordinator_client, client, django_capture_on_commit_callbacks
):
    done = send(coordinator_client, production, django_capture_on_commit_callbacks)
    assert "There is no reservations e-mail for Chateau Marmont" in done.content.decode()
    refused = give_email(coordinator_client, production, "not an address<script>")
    assert "is not an e-mail address" in refused.content.decode()
    unbooked = give_email(coordinator_client, production, "desk@ritz.test", hotel="Ritz")
    assert "Nobody is booked at “Ritz”" in unbooked.content.decode()
    assert not Vendor.objects.exists()
    missing = send(coordinator_client, production, django_capture_on_commit_callbacks, "Ritz")
    assert "Nobody is booked at “Ritz”" in missing.content.decode()
    assert coordinator_client.get(url(production, "rooming_send")).status_code == 405

    from callboard.core.testing import add_member

    give_email(coordinator_client, production, "reservations@chateau.test")
    client.force_login(add_member(production, Role.CREW))
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url(production, "rooming_send"), {"hotel": "Chateau Marmont"})
    assert refused.status_code in (403, 404)
    assert not mail.outbox and not RoomingListSend.objects.exists()
