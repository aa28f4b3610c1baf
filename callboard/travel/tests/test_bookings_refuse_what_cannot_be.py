"""From review: a time the clocks skip, a year typed wrong, a cancelled booking revived through
its form, a rate no city has — each refused in words with nothing saved; a traveller flown in
with the flight home not booked yet has the hotel nights booked ahead counted as in town."""

import datetime as dt
from decimal import Decimal

import pytest

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.models import Booking
from callboard.travel.queries import travel_findings
from callboard.travel.services import (
    TravelError,
    booking_cancel,
    booking_save,
    per_diem_rate_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def margo(production):
    return make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")


def car(production, person, starts, ends, **more):
    values = {"person": person, "starts_local": starts, "ends_local": ends, **more}
    return booking_save(actor=None, production=production, kind="car", values=values)


def test_a_time_the_clocks_skip_is_refused(production, margo):
    spring_forward = dt.datetime(2026, 3, 8, 2, 30)  # Los Angeles: 2:00 AM becomes 3:00 AM
    with pytest.raises(TravelError, match="does not exist in America/Los_Angeles"):
        car(production, margo, spring_forward, spring_forward + dt.timedelta(hours=5))
    assert not Booking.objects.exists()


def test_a_year_typed_wrong_is_refused(production, margo):
    with pytest.raises(TravelError, match="26 is not a year"):
        car(production, margo, dt.datetime(26, 3, 9, 8), dt.datetime(26, 3, 9, 9))
    assert not Booking.objects.exists()


def test_a_cancelled_booking_is_not_revived_nor_cancelled_through_the_form(production, margo):
    booked = car(production, margo, dt.datetime(2026, 3, 9, 8), dt.datetime(2026, 3, 12, 8))
    with pytest.raises(TravelError, match="cancelled with its Cancel button"):
        car(
            production, margo, dt.datetime(2026, 3, 9, 8), dt.datetime(2026, 3, 12, 8),
            status="cancelled",
        )  # fmt: skip
    booking_cancel(actor=None, booking=booked, reason="Flight moved")
    with pytest.raises(TravelError, match="book it again as a new booking"):
        booking_save(
            actor=None, production=production, kind="car", booking=booked,
            values={"person": margo, "starts_local": dt.datetime(2026, 3, 9, 8),
                    "ends_local": dt.datetime(2026, 3, 12, 8)},
        )  # fmt: skip
    booked.refresh_from_db()
    assert booked.status == "cancelled"


def test_a_per_diem_rate_no_city_has_is_refused(production):
    with pytest.raises(TravelError, match="under \\$10,000"):
        per_diem_rate_save(actor=None, production=production, city="Nowhere", daily=Decimal("1e6"))


def test_flown_in_with_the_flight_home_not_booked_the_rooms_ahead_are_not_empty(production, margo):
    booking_save(
        actor=None, production=production, kind="flight",
        values={
            "person": margo, "carrier": "DL", "number": "402", "origin": "JFK",
            "destination": "LAX", "starts_local": dt.datetime(2026, 3, 9, 8),
            "ends_local": dt.datetime(2026, 3, 9, 11, 30),
        },
    )  # fmt: skip
    booking_save(
        actor=None, production=production, kind="hotel",
        values={"person": margo, "hotel": "The Standard", "check_in": dt.date(2026, 3, 9),
                "check_out": dt.date(2026, 3, 24)},
    )  # fmt: skip
    assert [f.code for f in travel_findings(production)] == ["no_return"]


def test_a_car_at_the_travellers_home_end_keeps_that_places_time(production, margo):
    to_jfk = car(
        production, margo, dt.datetime(2026, 3, 9, 5, 0), dt.datetime(2026, 3, 9, 6, 0),
        zone="America/New_York",
    )  # fmt: skip
    to_jfk.refresh_from_db()
    assert to_jfk.starts_tz == "America/New_York"
    assert to_jfk.starts_at.astimezone(dt.UTC).hour == 9  # 5:00 AM EDT, not 5:00 AM in LA
    with pytest.raises(TravelError, match="is not a time zone"):
        car(
            production, margo, dt.datetime(2026, 3, 9, 5), dt.datetime(2026, 3, 9, 6),
            zone="Mars/Olympus",
        )  # fmt: skip
