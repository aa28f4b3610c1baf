"""Travel from the schedule: a distant hire's DOOD run (travel days included) or a crew
member's start and end dates propose the trip — fly in, hotel, fly out — and each leg shows as
booked once a booking covers it; the Travel page offers to book what is missing."""

import datetime as dt

import pytest
from django.urls import reverse

from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel import airports
from callboard.travel.checks import Flight, Stay
from callboard.travel.proposals import Run, trip
from callboard.travel.queries import trips
from callboard.travel.services import booking_save, travel_profile_save, travel_settings_save

D = dt.date


def test_travel_days_in_the_dood_are_the_days_to_fly():
    run = Run(
        1, "Margo Lane", D(2026, 3, 10), D(2026, 3, 23), frozenset({D(2026, 3, 9), D(2026, 3, 24)})
    )
    proposed = trip(run, [], [], {"LAX"})
    assert (proposed.fly_in, proposed.fly_out, proposed.note) == (D(2026, 3, 9), D(2026, 3, 24), "")
    assert [leg.words for leg in proposed.legs] == [
        "fly in Mon 9 Mar",
        "hotel Mon 9 Mar – Tue 24 Mar",
        "fly out Tue 24 Mar",
    ]
    assert proposed.to_book


def test_without_travel_days_the_day_before_and_after_are_proposed_and_said_so():
    proposed = trip(Run(1, "Al", D(2026, 3, 10), D(2026, 3, 12)), [], [], {"LAX"})
    assert (proposed.fly_in, proposed.fly_out) == (D(2026, 3, 9), D(2026, 3, 13))
    assert "the day before" in proposed.note and "the day after" in proposed.note


def test_bookings_that_cover_the_legs_mark_them_booked_and_a_short_hotel_partly():
    run = Run(1, "Margo Lane", D(2026, 3, 10), D(2026, 3, 12))
    fly_in = Flight(
        "1", "DL 1", "LAX", "ATL",
        airports.local("LAX", dt.datetime(2026, 3, 9, 8)),
        airports.local("ATL", dt.datetime(2026, 3, 9, 15)),
    )  # fmt: skip
    fly_out = Flight(
        "2", "DL 2", "ATL", "LAX",
        airports.local("ATL", dt.datetime(2026, 3, 13, 9)),
        airports.local("LAX", dt.datetime(2026, 3, 13, 11)),
    )  # fmt: skip
    stay = Stay("3", "Hotel Clermont", D(2026, 3, 9), D(2026, 3, 12))
    proposed = trip(run, [fly_in, fly_out], [stay], {"LAX"})
    assert [leg.booked for leg in proposed.legs] == ["booked", "partly", "booked"]
    assert "(1 night not booked)" in proposed.legs[1].words


@pytest.mark.django_db
def test_the_travel_page_proposes_a_cast_members_trip_from_the_dood(
    coordinator_client,
    production,
    shooting,  # noqa: F811
):
    donna = Person.objects.get(production=production, first_name="Donna")
    travel_profile_save(
        actor=None, person=donna, local_hire=False, home_airports="JFK",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    crew = make_person(
        production, first_name="Gaffer", start_date=D(2026, 12, 7), end_date=D(2026, 12, 11)
    )
    travel_profile_save(
        actor=None, person=crew, local_hire=False, home_airports="ORD",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    travel_settings_save(actor=None, production=production, airport="lax", hotel="The Standard")
    [gaffer, margo] = trips(production)
    assert gaffer.name.startswith("Gaffer")  # crew: by their start and end dates
    assert (gaffer.fly_in, gaffer.fly_out) == (D(2026, 12, 6), D(2026, 12, 12))
    assert margo.person_id == donna.pk and margo.fly_in == D(2026, 12, 9)
    page = coordinator_client.get(reverse("travel:travel", kwargs={"production": production.slug}))
    html = page.content.decode()
    assert "fly in Wed 9 Dec" in html
    assert f"kind=flight&amp;person={donna.pk}&amp;date=2026-12-09&amp;destination=LAX" in html
    assert "hotel=The%20Standard" in html

    booking_save(
        actor=None, production=production, kind="flight",
        values={
            "person": donna, "carrier": "DL", "number": "402", "origin": "JFK",
            "destination": "LAX", "starts_local": dt.datetime(2026, 12, 9, 8),
            "ends_local": dt.datetime(2026, 12, 9, 11, 30),
        },
    )  # fmt: skip
    [_, margo] = trips(production)
    assert [leg.booked for leg in margo.legs] == ["booked", "", ""]


@pytest.mark.django_db
def test_a_show_airport_that_is_not_an_airport_is_refused(coordinator_client, production):
    response = coordinator_client.post(
        reverse("travel:settings", kwargs={"production": production.slug}), {"airport": "XX"}
    )
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "is not an airport code" in page


@pytest.mark.django_db
def test_a_travel_day_in_the_dood_is_the_fly_in_day_not_a_work_day(production, shooting):  # noqa: F811
    from callboard.schedule.models import Element

    donna = Person.objects.get(production=production, first_name="Donna")
    travel_profile_save(
        actor=None, person=donna, local_hire=False, home_airports="JFK",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    role = Element.objects.get(person=donna)
    role.events = [{"name": "travel", "date": "2026-12-08"}]
    role.save()
    [margo] = trips(production)
    assert (margo.fly_in, margo.note.startswith("no travel day before")) == (D(2026, 12, 8), False)
