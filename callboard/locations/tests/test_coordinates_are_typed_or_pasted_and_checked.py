from decimal import Decimal

import pytest

from callboard.locations.coordinates import CoordinatesError, parse_coordinates
from callboard.locations.models import Location

from .conftest import url


@pytest.mark.parametrize(
    "typed",
    ["34.0522, -118.2437", "34.0522,-118.2437", "34.0522 -118.2437", "34.0522° N, 118.2437° W"],
)
def test_coordinates_read_as_a_map_app_gives_them(typed):
    assert parse_coordinates(typed) == (Decimal("34.052200"), Decimal("-118.243700"))


def test_nothing_typed_is_no_coordinates():
    assert parse_coordinates("  ") is None


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("91, 10", "latitude is between -90 and 90"),
        ("34, -181", "longitude is between -180 and 180"),
        ("34.05", "separated by a comma"),
        ("north, west", "is not a number"),
        ("34 E, 118 W", "latitude cannot point E"),
        ("1, 2, 3", "separated by a comma"),
    ],
)
def test_coordinates_that_cannot_be_a_place_are_refused_in_words(typed, said):
    with pytest.raises(CoordinatesError, match=said):
        parse_coordinates(typed)


def test_the_page_refuses_a_latitude_off_the_globe_and_saves_nothing(
    coordinator_client, production, place
):
    response = coordinator_client.post(
        url(production, f"{place.pk}/"), {"name": "Rosie's Diner", "coordinates": "134.05, -118.24"}
    )
    assert response.status_code == 400
    assert "latitude is between -90 and 90" in response.content.decode()
    place.refresh_from_db()
    assert place.latitude is None


def test_pasted_coordinates_are_kept_and_shown_back(coordinator_client, production, place):
    coordinator_client.post(
        url(production, f"{place.pk}/"),
        {"name": "Rosie's Diner", "coordinates": "34.0522, -118.2437", "needs_permit": "on"},
    )
    place = Location.objects.get(pk=place.pk)
    assert (place.latitude, place.longitude) == (Decimal("34.052200"), Decimal("-118.243700"))
    assert (
        "34.0522, -118.2437"
        in coordinator_client.get(url(production, f"{place.pk}/")).content.decode()
    )
