"""The traveller's page: the memo as it stands (PDF, calendar), a Send memo button that sends
it once however often it is pressed, "changed since sent" after a booking changes, and a
revised memo on the next press. Only those who book travel may send."""

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.distribution.models import Dispatch
from callboard.travel.models import Booking, TravelMemo

from .memo_trip import los_angeles_rate, margo_with_a_trip

pytestmark = pytest.mark.django_db


def url(production, name, person):
    return reverse(f"travel:{name}", kwargs={"production": production.slug, "person_pk": person.pk})


def test_send_memo_sends_once_then_the_page_says_changed_since_sent(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    los_angeles_rate(production)
    margo = margo_with_a_trip(production)
    page = coordinator_client.get(url(production, "traveller", margo)).content.decode()
    assert "Not sent yet." in page and ">Send memo</button>" in page
    assert "per diem $280.00 (4 days in Los Angeles)" in page
    with django_capture_on_commit_callbacks(execute=True):
        first = coordinator_client.post(url(production, "memo_send", margo), follow=True)
        second = coordinator_client.post(url(production, "memo_send", margo), follow=True)
    assert "Travel memo version 1 is on its way to Margo Lane." in first.content.decode()
    assert "Nothing changed since version 1 was sent" in second.content.decode()
    assert Dispatch.objects.filter(kind="travel_memo").count() == 1
    page = second.content.decode()
    assert "Version 1 sent" in page and "margo@example.test" in page and "Send memo" not in page

    hotel = Booking.objects.get(kind="hotel")
    response = coordinator_client.post(
        reverse("travel:booking", kwargs={"production": production.slug, "booking_pk": hotel.pk}),
        {
            "status": "booked",
            "person": margo.pk,
            "hotel": "Chateau Marmont",
            "room_type": "King suite",
            "check_in": "2026-12-09",
            "check_out": "2026-12-13",
            "confirmation": "CM-5521",
        },  # fmt: skip
    )
    assert response.status_code == 302
    page = coordinator_client.get(url(production, "traveller", margo)).content.decode()
    assert "Changed since sent." in page and "Send revised memo (version 2)" in page
    assert "Check out Sun 13 Dec (4 nights)" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url(production, "memo_send", margo))
    assert list(TravelMemo.objects.values_list("version", flat=True)) == [2, 1]
    assert Dispatch.objects.filter(kind="travel_memo").count() == 2


def test_the_office_previews_the_memo_as_pdf_and_calendar(coordinator_client, production):
    margo = margo_with_a_trip(production)
    pdf = coordinator_client.get(url(production, "memo_pdf", margo))
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="travel-memo-margo-lane-preview.pdf"' in pdf["Content-Disposition"]
    ics = coordinator_client.get(url(production, "memo_ics", margo)).content
    assert b"DTSTART;TZID=America/New_York:20261209T080000" in ics


def test_the_crew_cannot_send_a_memo_and_a_nobody_is_told_why(
    client, coordinator_client, production
):
    margo = margo_with_a_trip(production, email="")
    response = coordinator_client.post(url(production, "memo_send", margo), follow=True)
    assert "has no e-mail, and no phone with texts agreed" in response.content.decode()
    assert not TravelMemo.objects.exists()
    client.force_login(add_member(production, Role.CREW))
    assert client.post(url(production, "memo_send", margo)).status_code == 403
