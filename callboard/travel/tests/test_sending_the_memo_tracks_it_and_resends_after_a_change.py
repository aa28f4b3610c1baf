"""Sending a traveller their memo: through distribution (tracked like a call sheet, the PDF
attached, a signed link to a phone page that needs no account), once per version — a double
click sends once — and, after a booking changes, the next version listing what changed."""

import datetime as dt
import re

import pytest

from callboard.core.models import AuditEvent, OutboundEmail, Production
from callboard.distribution.models import Delivery, Dispatch
from callboard.people.testing import make_person
from callboard.travel.models import Booking, TravelMemo
from callboard.travel.queries import memo_state
from callboard.travel.services import TravelError, booking_save, travel_memo_send

from .memo_trip import los_angeles_rate, margo_with_a_trip

pytestmark = pytest.mark.django_db


@pytest.fixture
def margo(production):
    los_angeles_rate(production)
    return margo_with_a_trip(production)


def send(production, person, actor, capture):
    with capture(execute=True):
        return travel_memo_send(actor=actor, production=production, person=person)


def link_in(body: str, tail: str = "") -> str:
    return re.search(r"https?://[^/\s]+(/l/memo/[^/\s]+/)" + re.escape(tail), body).group(1)


def test_the_memo_is_sent_once_tracked_with_the_pdf_and_a_link(
    production, margo, coordinator, django_capture_on_commit_callbacks
):
    sent, now = send(production, margo, coordinator, django_capture_on_commit_callbacks)
    assert now and sent.version == 1 and sent.changes == []
    dispatch = Dispatch.objects.get(kind="travel_memo")
    assert dispatch.key == f"travel_memo:{margo.pk}:v1" and dispatch.object_id == sent.pk
    delivery = Delivery.objects.get(dispatch=dispatch)
    assert delivery.person == margo and delivery.sent_at is not None
    mail = OutboundEmail.objects.get(to="margo@example.test")
    assert mail.subject == f"Travel memo — Margo Lane — {production.title}"
    assert "Departs JFK Wed 9 Dec 8:00 AM EST · Arrives LAX 11:30 AM PST" in mail.body
    assert "Per diem: 4 days in Los Angeles at $80.00/day" in mail.body
    assert "/travel.ics" in mail.body
    assert AuditEvent.objects.filter(
        action="create", object_type="travelmemo", object_id=sent.pk
    ).exists()
    # A second click (or a second tab) finds nothing changed: nothing more is sent.
    again, now = send(production, margo, coordinator, django_capture_on_commit_callbacks)
    assert again == sent and not now
    assert Dispatch.objects.count() == 1 and OutboundEmail.objects.count() == 1


def test_the_message_carries_the_memo_pdf(production, margo, coordinator):
    from callboard.distribution.registry import composer_for

    sent, _ = travel_memo_send(actor=coordinator, production=production, person=margo)
    dispatch = Dispatch.objects.get(kind="travel_memo")
    message = composer_for("travel_memo")(dispatch)(Delivery.objects.get(dispatch=dispatch))
    ((name, pdf, mime),) = message.attachments
    assert name == "travel-memo-margo-lane-v1.pdf" and pdf.startswith(b"%PDF")
    assert mime == "application/pdf" and "/l/memo/" in message.text


def test_the_link_opens_the_phone_page_the_pdf_and_the_calendar_with_no_account(
    production, margo, coordinator, client, django_capture_on_commit_callbacks
):
    send(production, margo, coordinator, django_capture_on_commit_callbacks)
    link = link_in(OutboundEmail.objects.get().body)
    page = client.get(link)
    text = page.content.decode()
    assert page.status_code == 200 and "Margo Lane" in text
    assert "Departs JFK Wed 9 Dec 8:00 AM EST · Arrives LAX 11:30 AM PST" in text
    assert "CM-5521" in text and "I have it" in text
    delivery = Delivery.objects.get(dispatch__kind="travel_memo")
    assert delivery.opened_at is not None and delivery.confirmed_at is None
    client.post(link)
    delivery.refresh_from_db()
    assert delivery.confirmed_at is not None
    assert client.get(link + "memo.pdf").content.startswith(b"%PDF")
    ics = client.get(link + "travel.ics")
    assert ics["Content-Type"] == "text/calendar"
    assert b"DTSTART;TZID=America/New_York:20261209T080000" in ics.content
    assert b"DTEND;TZID=America/Los_Angeles:20261209T113000" in ics.content


def test_a_forged_or_withdrawn_link_opens_nothing(
    production, margo, coordinator, client, django_capture_on_commit_callbacks
):
    from callboard.core.links import link_grant_revoke

    assert client.get("/l/memo/forged-token/").status_code == 410
    send(production, margo, coordinator, django_capture_on_commit_callbacks)
    link = link_in(OutboundEmail.objects.get().body)
    link_grant_revoke(grant=Delivery.objects.get(dispatch__kind="travel_memo").grant)
    assert client.get(link).status_code == 410
    assert client.get(link + "memo.pdf").status_code == 410


def test_a_booking_changed_after_sending_makes_a_revised_memo_listing_the_change(
    production, margo, coordinator, client, django_capture_on_commit_callbacks
):
    first, _ = send(production, margo, coordinator, django_capture_on_commit_callbacks)
    assert not memo_state(production, margo)["changed"]
    flight = Booking.objects.get(number="402")
    booking_save(
        actor=coordinator,
        production=production,
        kind="flight",
        booking=flight,
        values={
            "person": margo, "carrier": "DL", "number": "402", "origin": "JFK",
            "destination": "LAX", "starts_local": dt.datetime(2026, 12, 9, 10, 0),
            "ends_local": dt.datetime(2026, 12, 9, 13, 30), "cabin": "business", "seat": "3A",
            "record_locator": "GXK4QP",
        },
    )  # fmt: skip
    state = memo_state(production, margo)
    assert state["changed"] and state["next_version"] == 2
    (change,) = state["changes"]
    assert change.startswith("Changed: Flight — DL 402 JFK–LAX — Departs JFK Wed 9 Dec 10:00 AM")
    assert "(was: Flight — DL 402 JFK–LAX — Departs JFK Wed 9 Dec 8:00 AM EST" in change

    second, now = send(production, margo, coordinator, django_capture_on_commit_callbacks)
    assert now and second.version == 2 and second.changes == [change]
    assert Dispatch.objects.get(object_id=second.pk).key == f"travel_memo:{margo.pk}:v2"
    revised = OutboundEmail.objects.get(subject__startswith="REVISED")
    assert "(version 2)" in revised.subject and "REVISED (version 2). What changed:" in revised.body
    assert "Departs JFK Wed 9 Dec 10:00 AM EST · Arrives LAX 1:30 PM PST" in revised.body
    # The first memo is kept as it was sent; its link says a revision was sent since.
    first.refresh_from_db()
    assert "8:00 AM EST" in first.document["segments"][0]["when"]
    old = client.get(link_in(OutboundEmail.objects.exclude(pk=revised.pk).get().body))
    assert "This memo was revised since" in old.content.decode()
    assert not memo_state(production, margo)["changed"]
    assert TravelMemo.objects.filter(person=margo).count() == 2


def test_a_cancelled_booking_is_listed_as_no_longer_booked(
    production, margo, coordinator, django_capture_on_commit_callbacks
):
    from callboard.travel.services import booking_cancel

    send(production, margo, coordinator, django_capture_on_commit_callbacks)
    booking_cancel(
        actor=coordinator, booking=Booking.objects.get(kind="transfer"), reason="Own car"
    )
    changes = memo_state(production, margo)["changes"]
    assert changes[0].startswith("No longer booked: Ground transfer Black SUV — Pickup Wed 9 Dec")


def test_a_traveller_with_no_address_or_no_bookings_is_refused_and_nothing_saved(
    production, coordinator
):
    unreachable = margo_with_a_trip(production, email="")
    with pytest.raises(TravelError, match="has no e-mail, and no phone with texts agreed"):
        travel_memo_send(actor=coordinator, production=production, person=unreachable)
    nobody = make_person(production, first_name="Ned")
    with pytest.raises(TravelError, match="Ned .* has no bookings"):
        travel_memo_send(actor=coordinator, production=production, person=nobody)
    other = Production.objects.create(title="Other Show", slug="other-show")
    with pytest.raises(TravelError, match="not on this production"):
        travel_memo_send(actor=coordinator, production=other, person=unreachable)
    assert not TravelMemo.objects.exists() and not Dispatch.objects.exists()
