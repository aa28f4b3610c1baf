"""Travel bookings through the API: listed as the travel pages show them, and their status
set by an agency's system through the page's services — a bad value or a transition the
pages refuse gets 422 and changes nothing; every change is audited."""

import datetime as dt

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import make_production
from callboard.people.testing import make_person
from callboard.travel.models import Booking
from callboard.travel.services import booking_save

pytestmark = pytest.mark.django_db


def _flight(production, status="proposed", **more):
    return booking_save(
        actor=None,
        production=production,
        kind="flight",
        values={
            "person": make_person(production, first_name="Margo", last_name="Lane"),
            "status": status,
            "carrier": "Delta",
            "number": "DL402",
            "origin": "JFK",
            "destination": "LAX",
            "starts_local": dt.datetime(2026, 12, 9, 8, 0),
            "ends_local": dt.datetime(2026, 12, 9, 11, 30),
            "cabin": "coach",
            **more,
        },
    )


def _hotel(production):
    return booking_save(
        actor=None,
        production=production,
        kind="hotel",
        values={
            "hotel": "Chateau Marmont",
            "check_in": dt.date(2026, 12, 9),
            "check_out": dt.date(2026, 12, 11),
        },
    )


def _status(api, production, booking, body, **options):
    client = api(Role.COORDINATOR, write=True, **options)
    return client.post(f"/api/productions/{production.slug}/bookings/{booking.pk}/status", body)


def test_bookings_are_listed_as_the_travel_page_shows_them(production, api):
    flight = _flight(production, status="booked", confirmation="HX7Q2B")
    room = _hotel(production)
    items = (
        api(Role.COORDINATOR).get(f"/api/productions/{production.slug}/bookings").json()["items"]
    )
    shown = {b["id"]: b for b in items}
    assert shown[flight.pk]["traveller"] == "Margo Lane"
    assert shown[flight.pk]["title"] == "Delta DL402 JFK–LAX"
    assert shown[flight.pk]["confirmation"] == "HX7Q2B"
    assert shown[flight.pk]["starts_tz"] == "America/New_York"
    assert shown[flight.pk]["starts_at"].startswith("2026-12-09T13:00")  # 8:00 in New York
    assert shown[room.pk]["traveller"] is None and shown[room.pk]["check_in"] == "2026-12-09"
    assert (
        api(Role.DEPARTMENT_HEAD).get(f"/api/productions/{production.slug}/bookings").status_code
        == 403
    )


def test_the_agency_confirms_a_proposed_booking_with_its_number(production, api):
    flight = _flight(production)
    response = _status(api, production, flight, {"status": "booked", "confirmation": "HX7Q2B"})
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["confirmation"]) == ("booked", "HX7Q2B")
    flight.refresh_from_db()
    assert (flight.status, flight.confirmation) == ("booked", "HX7Q2B")
    changed = AuditEvent.objects.filter(object_id=flight.pk, action=AuditEvent.Action.UPDATE).get()
    assert changed.changes["status"] == ["proposed", "booked"]


def test_a_cancellation_needs_its_reason_and_is_final(production, api):
    flight = _flight(production, status="booked")
    refused = _status(api, production, flight, {"status": "cancelled"})
    assert refused.status_code == 422 and "reason" in refused.json()["detail"]
    flight.refresh_from_db()
    assert flight.status == "booked"
    done = _status(
        api, production, flight, {"status": "cancelled", "reason": "Shoot moved a week."}
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert "Shoot moved a week." in done.json()["notes"]
    again = _status(api, production, flight, {"status": "booked"})
    assert again.status_code == 422
    flight.refresh_from_db()
    assert flight.status == "cancelled"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "confirmed"},
        {"status": ""},
        {},
        {"status": "proposed"},  # it is proposed already
        {"status": "booked", "reason": "Only a cancellation says why."},
        {"status": "cancelled", "reason": "Moved.", "confirmation": "X"},
        {"status": "booked", "confirmation": "X" * 41},
        {"status": ["booked"]},
    ],
)
def test_a_bad_status_or_transition_gets_422_and_changes_nothing(production, api, body):
    flight = _flight(production)
    client = api(Role.COORDINATOR, write=True)
    before = Booking.objects.filter(pk=flight.pk).values().get()
    audited = AuditEvent.objects.count()
    response = client.post(f"/api/productions/{production.slug}/bookings/{flight.pk}/status", body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert Booking.objects.filter(pk=flight.pk).values().get() == before
    assert AuditEvent.objects.count() == audited


def test_setting_a_status_needs_the_write_scope_and_a_role_that_books(production, api):
    flight = _flight(production)
    url = f"/api/productions/{production.slug}/bookings/{flight.pk}/status"
    assert api(Role.COORDINATOR).post(url, {"status": "booked"}).status_code == 403
    assert api(Role.ACCOUNTANT, write=True).post(url, {"status": "booked"}).status_code == 403
    flight.refresh_from_db()
    assert flight.status == "proposed"


def test_another_productions_booking_is_not_found_under_ones_own(production, api):
    other = make_production("Other Show")
    foreign = _flight(other)
    response = _status(api, production, foreign, {"status": "booked"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "proposed"
    url = f"/api/productions/{production.slug}/bookings/{foreign.pk}"
    assert api(Role.COORDINATOR).get(url).status_code == 404


def test_the_list_runs_a_constant_number_of_queries(production, api, django_assert_max_num_queries):
    client = api(Role.COORDINATOR)
    url = f"/api/productions/{production.slug}/bookings"
    _flight(production)
    client.get(url)  # the first request opens the rate window (one write more)
    with django_assert_max_num_queries(20) as few:
        assert len(client.get(url).json()["items"]) == 1
    for _ in range(5):
        _flight(production)
        _hotel(production)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["items"]) == 11
