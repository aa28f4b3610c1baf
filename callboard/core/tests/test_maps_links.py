"""Addresses become maps links without asking any maps service (callboard.core.maps)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from callboard.core.maps import geo_uri, maps_links, search_url


def test_coordinates_make_a_geo_uri_labelled_with_the_address():
    assert geo_uri(Decimal("34.040700"), Decimal("-118.246800"), "Bailey house") == (
        "geo:34.0407,-118.2468?q=34.0407,-118.2468(Bailey%20house)"
    )


def test_an_address_alone_makes_a_search_on_one_line():
    assert search_url("320 Sycamore Rd\r\n Bedford Falls & Co, NY#2") == (
        "https://www.google.com/maps/search/?api=1&query="
        "320%20Sycamore%20Rd%2C%20Bedford%20Falls%20%26%20Co%2C%20NY%232"
    )


def test_missing_or_impossible_coordinates_fall_back_to_the_address():
    for lat, lng in [
        (None, None),
        (Decimal("34.1"), None),
        (Decimal("91"), Decimal("0")),
        ("x", "y"),
    ]:
        link, web = maps_links("1 Main St", lat, lng)
        assert link == web == search_url("1 Main St")


def test_nothing_to_find_gives_no_link():
    assert maps_links("  \n ") == ("", "")


@given(st.text(max_size=200))
def test_any_address_gives_a_link_with_no_spaces_quotes_or_angle_brackets(address):
    link, _ = maps_links(address)
    assert not any(ch in link for ch in " \"<>'\n")
