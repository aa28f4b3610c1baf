"""The travel pages: the office books a flight and a hotel on the forms, a booking typed wrong
comes back with the reason and nothing saved, the travel page shows each booking in its
places' local times with what the checks found; the crew cannot open it."""

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def margo(production):
    return make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")


def url(production, name, **kwargs):
    return reverse(f"travel:{name}", kwargs={"production": production.slug, **kwargs})


FLIGHT = {
    "kind": "flight",
    "status": "booked",
    "carrier": "DL",
    "number": "402",
    "origin": "jfk",
    "destination": "LAX",
    "starts_local": "2026-12-09T08:00",
    "ends_local": "2026-12-09T11:30",
    "cabin": "business",
    "cost": "612.40",
}


def test_the_office_books_a_flight_and_sees_it_in_both_local_times(
    coordinator_client, production, margo
):
    response = coordinator_client.post(
        url(production, "booking_new") + "?kind=flight", {**FLIGHT, "person": margo.pk}
    )
    assert response.status_code == 302
    page = coordinator_client.get(url(production, "travel")).content.decode()
    assert "DL 402 JFK–LAX" in page
    assert "Wed 9 Dec 8:00 AM EST" in page and "Wed 9 Dec 11:30 AM PST" in page
    assert "has no booking back to JFK" in page  # one way: the check says so


def test_a_flight_typed_wrong_comes_back_with_the_reason_and_nothing_saved(
    coordinator_client, production, margo
):
    typed = {**FLIGHT, "person": margo.pk, "ends_local": "2026-12-10T14:00"}
    response = coordinator_client.post(url(production, "booking_new") + "?kind=flight", typed)
    assert response.status_code == 400
    assert "would be 33 hours in the air" in response.content.decode()
    assert not Booking.objects.exists()
    response = coordinator_client.post(
        url(production, "booking_new") + "?kind=flight",
        {**FLIGHT, "person": margo.pk, "cost": "twelve"},
    )
    assert response.status_code == 400 and "Enter a number" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_hotel_is_changed_then_cancelled_with_a_reason(coordinator_client, production, margo):
    coordinator_client.post(
        url(production, "booking_new") + "?kind=hotel",
        {
            "kind": "hotel",
            "status": "booked",
            "person": margo.pk,
            "hotel": "Chateau Marmont",
            "check_in": "2026-12-09",
            "check_out": "2026-12-12",
        },
    )
    room = Booking.objects.get()
    response = coordinator_client.post(
        url(production, "booking", booking_pk=room.pk),
        {
            "status": "booked",
            "person": margo.pk,
            "hotel": "Chateau Marmont",
            "check_in": "2026-12-09",
            "check_out": "2026-12-08",
        },
    )
    assert "check-out is not after the check-in" in response.content.decode()
    room.refresh_from_db()
    assert str(room.check_out) == "2026-12-12"
    response = coordinator_client.post(
        url(production, "booking_cancel", booking_pk=room.pk), {"reason": "Moved to the Standard"}
    )
    room.refresh_from_db()
    assert room.status == "cancelled" and "Moved to the Standard" in room.notes


def test_the_crew_cannot_open_travel(client, production):
    from callboard.core.testing import add_member

    user = add_member(production, Role.CREW)
    client.force_login(user)
    assert client.get(url(production, "travel")).status_code == 403
    assert Membership.objects.filter(user=user).exists()


def test_all_clear_is_not_claimed_for_a_flight_no_call_sheet_checks(
    coordinator_client, production, margo
):
    for number, origin, destination, day in (("402", "jfk", "LAX", 9), ("403", "LAX", "JFK", 12)):
        coordinator_client.post(
            url(production, "booking_new") + "?kind=flight",
            {**FLIGHT, "person": margo.pk, "number": number, "origin": origin,
             "destination": destination, "starts_local": f"2026-12-{day:02d}T08:00",
             "ends_local": f"2026-12-{day:02d}T11:30"},
        )  # fmt: skip
    page = coordinator_client.get(url(production, "travel")).content.decode()
    assert "everyone lands in time" not in page
    assert "No call sheet calls Margo Lane yet" in page
