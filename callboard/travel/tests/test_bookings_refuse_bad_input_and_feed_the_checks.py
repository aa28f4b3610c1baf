"""Bookings as the office types them: impossible ones are refused in words and nothing is
saved; saved ones keep each end's local time and feed the checks, which read the traveller's
calls from the published call sheets."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from callboard.callsheets.models import CallSheet
from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.core.models import AuditEvent, Production
from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.models import Booking
from callboard.travel.queries import travel_findings
from callboard.travel.services import (
    TravelError,
    booking_cancel,
    booking_save,
    per_diem_rate_save,
    travel_profile_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def margo(production):
    person = make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")
    travel_profile_save(
        actor=None,
        person=person,
        local_hire=False,
        home_airports="jfk, LGA",
        cabin_required="business",
        passport_expires=None,
    )
    return person


def flight(production, person, departs, arrives, origin="JFK", destination="LAX", **more):
    values = {
        "person": person,
        "carrier": "DL",
        "number": "402",
        "origin": origin,
        "destination": destination,
        "starts_local": departs,
        "ends_local": arrives,
        "cabin": "business",
        **more,
    }
    return booking_save(actor=None, production=production, kind="flight", values=values)


def hotel(production, person, check_in, check_out, **more):
    values = {"person": person, "hotel": "Chateau Marmont", "check_in": check_in}
    values |= {"check_out": check_out, **more}
    return booking_save(actor=None, production=production, kind="hotel", values=values)


def test_a_flight_keeps_each_airports_local_time(production, margo):
    booked = flight(
        production, margo, dt.datetime(2026, 12, 9, 8, 0), dt.datetime(2026, 12, 9, 11, 30)
    )
    booked.refresh_from_db()
    assert booked.starts_at.astimezone(ZoneInfo(booked.starts_tz)).hour == 8
    assert booked.starts_tz == "America/New_York" and booked.ends_tz == "America/Los_Angeles"
    assert booked.ends_at - booked.starts_at == dt.timedelta(hours=6, minutes=30)
    assert AuditEvent.objects.filter(
        action="create", object_type="booking", object_id=booked.pk
    ).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_local": dt.datetime(2026, 12, 9, 4, 0)}, "lands before it takes off"),
        ({"ends_local": dt.datetime(2026, 12, 10, 11, 0)}, "30 hours in the air"),
        ({"origin": "XYZ1"}, "is not an airport code"),
        ({"destination": "QQQ"}, "QQQ is not an airport's IATA code"),
        ({"destination": "JFK"}, "leaves from and lands at JFK"),
        ({"cost": Decimal("12.345")}, "not an amount in dollars and cents"),
        ({"cost": Decimal("-5")}, "not an amount"),
        ({"account_code": "9999"}, "not an account in the production's chart"),
    ],
)
def test_an_impossible_flight_is_refused_and_nothing_is_saved(production, margo, change, message):
    values = {"departs": dt.datetime(2026, 12, 9, 8), "arrives": dt.datetime(2026, 12, 9, 11, 30)}
    more = dict(change)
    departs = values["departs"]
    arrives = more.pop("ends_local", values["arrives"])
    with pytest.raises(TravelError, match=message):
        flight(production, margo, departs, arrives, **more)
    assert not Booking.objects.exists()


def test_a_hotel_checking_out_before_it_checks_in_is_refused(production, margo):
    with pytest.raises(TravelError, match="check-out is not after the check-in"):
        hotel(production, margo, dt.date(2026, 12, 12), dt.date(2026, 12, 9))
    assert not Booking.objects.exists()


def test_someone_from_another_production_cannot_be_booked(production, margo):
    other = Production.objects.create(title="Other Show", slug="other-show")
    stranger = make_person(other, first_name="Stranger")
    with pytest.raises(TravelError, match="not on this production"):
        hotel(production, stranger, dt.date(2026, 12, 9), dt.date(2026, 12, 12))


def test_a_cancellation_needs_a_reason_and_leaves_the_checks(production, margo):
    room = hotel(production, None, dt.date(2026, 12, 9), dt.date(2026, 12, 11))
    assert [f.code for f in travel_findings(production)] == ["empty_room"]
    with pytest.raises(TravelError, match="Say why"):
        booking_cancel(actor=None, booking=room, reason=" ")
    booking_cancel(actor=None, booking=room, reason="Block released")
    assert travel_findings(production) == []


def test_the_checks_read_calls_from_the_published_call_sheet(production, shooting):  # noqa: F811
    sheet = publish_despite(
        make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    )
    donna = Person.objects.get(production=production, first_name="Donna")
    travel_profile_save(
        actor=None,
        person=donna,
        local_hire=False,
        home_airports="JFK",
        cabin_required="",
        passport_expires=None,
    )
    call = dt.datetime.combine(sheet.date, sheet.crew_call)
    lands = call - dt.timedelta(minutes=30)
    flight(production, donna, lands - dt.timedelta(hours=6), lands - dt.timedelta(hours=3))
    flight(
        production,
        donna,
        call + dt.timedelta(days=2),
        call + dt.timedelta(days=2, hours=8),
        origin="LAX",
        destination="JFK",
        number="403",
    )
    hotel(production, donna, lands.date(), (call + dt.timedelta(days=2)).date())
    assert travel_findings(production) == []  # lands 3 h 30 before the call

    late = Booking.objects.get(number="402")
    booking_save(
        actor=None,
        production=production,
        kind="flight",
        booking=late,
        values={
            "person": donna,
            "carrier": "DL",
            "number": "402",
            "origin": "JFK",
            "destination": "LAX",
            "starts_local": lands - dt.timedelta(hours=2),
            "ends_local": lands + dt.timedelta(hours=1),
        },
    )
    [finding] = travel_findings(production)
    assert finding.code == "late_arrival" and finding.refs == (str(late.pk),)
    assert "DL 402 lands at LAX" in finding.message and "after the" in finding.message


def test_a_local_hire_is_not_questioned(production, margo):
    travel_profile_save(
        actor=None,
        person=margo,
        local_hire=True,
        home_airports="",
        cabin_required="",
        passport_expires=None,
    )
    hotel(production, margo, dt.date(2026, 12, 9), dt.date(2026, 12, 12))
    assert travel_findings(production) == []


def test_home_airports_and_per_diem_rates_are_checked(production, margo):
    with pytest.raises(TravelError, match="ZZ9 is not|is not an airport code"):
        travel_profile_save(
            actor=None,
            person=margo,
            local_hire=False,
            home_airports="JFK ZZ9",
            cabin_required="",
            passport_expires=None,
        )
    margo.travel_profile.refresh_from_db()
    assert margo.travel_profile.home_airports == "JFK LGA"
    with pytest.raises(TravelError, match="meals add up to more than the daily rate"):
        per_diem_rate_save(
            actor=None,
            production=production,
            city="Los Angeles",
            daily=Decimal("50"),
            breakfast=Decimal("20"),
            lunch=Decimal("20"),
            dinner=Decimal("20"),
        )
    rate = per_diem_rate_save(
        actor=None, production=production, city="Los Angeles", daily=Decimal("86")
    )
    assert rate.travel_day_percent == 75


def test_the_locations_transfer_time_counts_before_the_call(production, shooting):  # noqa: F811
    from callboard.locations.models import Location

    sheet = publish_despite(
        make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    )
    CallSheet.objects.filter(pk=sheet.pk).update(location_name="Hollow Creek Ranch")
    Location.objects.create(
        production=production, name="Hollow Creek Ranch", airport_transfer_minutes=240
    )
    donna = Person.objects.get(production=production, first_name="Donna")
    call = dt.datetime.combine(sheet.date, sheet.crew_call)
    lands = call - dt.timedelta(hours=3, minutes=30)  # 4 hours' drive to the ranch
    flight(production, donna, lands - dt.timedelta(hours=2), lands)  # JFK 2 h + 3 h later
    [late] = [f for f in travel_findings(production) if f.code == "late_arrival"]
    assert "+ 240 min to Hollow Creek Ranch" in late.message


def test_a_day_not_published_yet_is_checked_on_its_draft(production, shooting):  # noqa: F811
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert sheet.status == CallSheet.Status.DRAFT
    donna = Person.objects.get(production=production, first_name="Donna")
    call = dt.datetime.combine(sheet.date, sheet.crew_call)
    flight(production, donna, call - dt.timedelta(hours=2), call + dt.timedelta(hours=1))
    [late] = [f for f in travel_findings(production) if f.code == "late_arrival"]
    assert late.message.endswith("(draft call sheet).")
