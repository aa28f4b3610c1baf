"""Per diem is paid for the days away: from the day the traveller flies out to the day they fly
home (both travel days at 75%), whatever else is booked around them. A car returned after the
flight home or a hotel checked out of after it adds no day; with no flight home yet, the last
hotel check-out ends it and the page says so; a local hire gets none. The checks and the per
diem read the same span (checks.away_span)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel import checks
from callboard.travel.queries import memo_document, per_diem_weeks
from callboard.travel.services import booking_save, per_diem_rate_save, travel_profile_save

pytestmark = pytest.mark.django_db

DEC = 2026, 12


@pytest.fixture
def margo(production):
    person = make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")
    travel_profile_save(
        actor=None, person=person, local_hire=False, home_airports="JFK",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    per_diem_rate_save(
        actor=None, production=production, city="Los Angeles", daily=Decimal("86"),
        breakfast=Decimal("20"), lunch=Decimal("22"), dinner=Decimal("39"),
    )  # fmt: skip
    return person


def _flight(production, person, number, origin, destination, day):
    booking_save(
        actor=None, production=production, kind="flight",
        values={
            "person": person, "carrier": "DL", "number": number, "origin": origin,
            "destination": destination, "starts_local": dt.datetime(*DEC, day, 8),
            "ends_local": dt.datetime(*DEC, day, 11, 30),
        },
    )  # fmt: skip


def _hotel(production, person, check_in, check_out):
    booking_save(
        actor=None, production=production, kind="hotel",
        values={"person": person, "hotel": "The Standard", "check_in": dt.date(*DEC, check_in),
                "check_out": dt.date(*DEC, check_out)},
    )  # fmt: skip


def _car(production, person, picked_up, returned):
    booking_save(
        actor=None, production=production, kind="car",
        values={"person": person, "carrier": "Hertz", "vehicle": "Midsize SUV",
                "pickup_place": "LAX", "starts_local": dt.datetime(*DEC, picked_up, 13),
                "dropoff_place": "LAX", "ends_local": dt.datetime(*DEC, returned, 10)},
    )  # fmt: skip


def _round_trip(production, person):
    """Out Wed 9 Dec, home Sat 12 Dec: 64.50 + 86 + 86 + 64.50."""
    _flight(production, person, "402", "JFK", "LAX", 9)
    _flight(production, person, "403", "LAX", "JFK", 12)


def _row(production):
    [row] = per_diem_weeks(production)
    return row


def test_a_car_returned_two_days_after_the_flight_home_adds_no_day(production, margo):
    _round_trip(production, margo)
    _car(production, margo, 9, 14)
    row = _row(production)
    assert [d.date.day for d in row["days"]] == [9, 10, 11, 12]
    assert row["total"] == Decimal("301.00")
    assert row["days"][-1].note == "travel day at 75%"  # the flight home, not the car's return


def test_a_hotel_checkout_a_day_after_the_flight_home_adds_no_day(production, margo):
    _round_trip(production, margo)
    _hotel(production, margo, 9, 13)
    row = _row(production)
    assert (row["days"][0].date, row["days"][-1].date) == (dt.date(*DEC, 9), dt.date(*DEC, 12))
    assert row["total"] == Decimal("301.00") and row["note"] == ""
    # The memo says the same days.
    per_diem = memo_document(production, margo)["per_diem"]
    assert (per_diem["days"], per_diem["total"]) == (4, "$301.00")


def test_only_a_flight_in_pays_to_the_last_hotel_checkout_and_says_why(
    coordinator_client, production, margo
):
    _flight(production, margo, "402", "JFK", "LAX", 9)
    _hotel(production, margo, 9, 11)
    _hotel(production, margo, 11, 14)
    row = _row(production)
    assert (row["days"][0].date, row["days"][-1].date) == (dt.date(*DEC, 9), dt.date(*DEC, 14))
    assert row["note"] == (
        "No flight home booked yet: counted to Mon 14 Dec, the last hotel check-out."
    )
    page = coordinator_client.get(
        reverse("travel:per_diem", kwargs={"production": production.slug})
    ).content.decode()
    assert "No flight home booked yet: counted to Mon 14 Dec" in page
    assert "No flight home booked yet" in memo_document(production, margo)["per_diem"]["note"]


def test_a_local_hire_gets_no_per_diem_whatever_is_booked(production, margo):
    travel_profile_save(
        actor=None, person=margo, local_hire=True, home_airports="",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    _round_trip(production, margo)
    _hotel(production, margo, 9, 12)
    assert per_diem_weeks(production) == []
    assert memo_document(production, margo)["per_diem"] is None


def test_a_weekend_flown_home_mid_shoot_is_not_paid(production, margo):
    _round_trip(production, margo)  # home Sat 12
    _flight(production, margo, "404", "JFK", "LAX", 14)  # back Mon 14
    _flight(production, margo, "405", "LAX", "JFK", 16)
    days = [d.date.day for d in _row(production)["days"]]
    assert days == [9, 10, 11, 12, 14, 15, 16]  # Sun 13 at home


def _at(day, hour, zone):
    from zoneinfo import ZoneInfo

    return dt.datetime(*DEC, day, hour, tzinfo=ZoneInfo(zone))


def test_the_checks_and_the_per_diem_read_one_span():
    out = checks.Flight("1", "DL 402", "JFK", "LAX", _at(9, 8, "America/New_York"),
                        _at(9, 11, "America/Los_Angeles"))  # fmt: skip
    home = checks.Flight("2", "DL 403", "LAX", "JFK", _at(12, 8, "America/Los_Angeles"),
                         _at(12, 16, "America/New_York"))  # fmt: skip
    late_checkout = checks.Stay("3", "The Standard", dt.date(*DEC, 9), dt.date(*DEC, 13))
    traveller = checks.Traveller(1, "Margo", flights=(home, out), stays=(late_checkout,))
    span = checks.away_span(traveller)
    assert span.trips == (checks.Away(dt.date(*DEC, 9), dt.date(*DEC, 12)),)
    assert sorted(span.nights) == [dt.date(*DEC, d) for d in (9, 10, 11)]
    # The night after the flight home is the empty room the checks flag.
    [empty] = [f for f in checks.traveller_findings(traveller) if f.code == "empty_room"]
    assert "Sat 12 Dec" in empty.message
    drove_in = checks.Traveller(2, "Lionel", stays=(late_checkout,))
    assert checks.away_span(drove_in).nights is None  # nights not questioned
    assert checks.away_span(checks.Traveller(3, "Nobody")) is None
