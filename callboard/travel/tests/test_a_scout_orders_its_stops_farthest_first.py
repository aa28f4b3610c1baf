""" "Order farthest first": the stops by their distance from the meeting place (haversine: no
routing offline), those without coordinates kept at the end and named; without the meeting
place's coordinates the button says what to type."""

import pytest

from callboard.travel import scoutroute
from callboard.travel.services import TravelError, scout_order_farthest_first

from .scouting import build, route

pytestmark = pytest.mark.django_db


def test_haversine_gives_the_great_circle_distance():
    lax_to_jfk = scoutroute.miles(33.9416, -118.4085, 40.6413, -73.7781)
    assert lax_to_jfk == pytest.approx(2470, abs=2)  # on a sphere (2,475 on the ellipsoid)
    assert scoutroute.miles(34.05, -118.24, 34.05, -118.24) == 0


def test_farthest_first_keeps_places_without_coordinates_at_the_end_in_their_order():
    stops = [
        scoutroute.Place(1, "near", 34.06, -118.25),
        scoutroute.Place(2, "no pin"),
        scoutroute.Place(3, "far", 34.5, -119.0),
        scoutroute.Place(4, "also no pin"),
        scoutroute.Place(5, "near twin", 34.06, -118.25),
    ]
    ordered = scoutroute.farthest_first((34.05, -118.24), stops)
    assert ordered.refs == [3, 1, 5, 2, 4]
    assert [p.name for p in ordered.unplaced] == ["no pin", "also no pin"]


def test_the_button_orders_the_route_and_names_the_stops_without_coordinates(
    production, coordinator_client
):
    scout, _ = build(production)
    assert route(scout)[0] == "Santa Monica Pier"
    response = coordinator_client.post(
        f"/p/{production.slug}/travel/scouts/{scout.pk}/order/", follow=True
    )
    assert route(scout) == [
        "Malibu Beach House",
        "Santa Monica Pier",
        "Pasadena Motel",
        "Warehouse (no pin)",
    ]
    assert "No coordinates for Warehouse (no pin): left at the end" in response.content.decode()
    assert [s.position for s in scout.stops.all()] == [1, 2, 3, 4]
    scout.refresh_from_db()
    assert scout.version == 1  # not sent yet: still the first version


def test_without_the_meeting_place_s_coordinates_nothing_is_reordered(production):
    scout, _ = build(production, coordinates="")
    with pytest.raises(TravelError, match="meeting place's coordinates"):
        scout_order_farthest_first(actor=None, scout=scout)
    assert route(scout)[0] == "Santa Monica Pier"
