from decimal import Decimal

import pytest

from callboard.core.testing import make_production
from callboard.locations import services
from callboard.locations.models import Candidate
from callboard.schedule.models import Element, Ucid
from callboard.schedule.services import ensure_categories

from .conftest import url


@pytest.fixture
def other_diner(production):
    return services.location_create(actor=None, production=production, name="Mel's Drive-In")


def test_two_places_are_priced_for_one_set_and_choosing_one_unchooses_the_other(
    coordinator_client, production, place, other_diner, sets
):
    diner = sets["DINER"]
    for location, price in ((place, "$2,500.00"), (other_diner, "1800")):
        response = coordinator_client.post(
            url(production, f"{location.pk}/candidates/"),
            {"element": diner.pk, "price": price, "price_note": "per day"},
        )
        assert response.status_code == 302
    first, second = (Candidate.objects.get(location=loc) for loc in (place, other_diner))
    assert (first.price, second.price) == (Decimal("2500.00"), Decimal("1800.00"))
    coordinator_client.post(url(production, f"candidates/{first.pk}/choose/"))
    coordinator_client.post(url(production, f"candidates/{second.pk}/choose/"), {"next": "sets"})
    assert list(Candidate.objects.filter(chosen=True)) == [second]
    page = coordinator_client.get(url(production, "sets/")).content.decode()
    assert "✓ Mel&#x27;s Drive-In" in page and "$2500.00" in page
    listing = coordinator_client.get(url(production)).content.decode()
    assert "candidate for DINER" in listing  # Rosie's, no longer chosen


def test_a_price_that_is_not_an_amount_saves_nothing(coordinator_client, production, place, sets):
    for typed in ("cheap", "-100"):
        response = coordinator_client.post(
            url(production, f"{place.pk}/candidates/"),
            {"element": sets["DINER"].pk, "price": typed},
        )
        assert response.status_code == 400
        assert "Price:" in response.content.decode()
    assert not Candidate.objects.exists()


def test_only_a_set_or_a_location_of_this_production_can_be_served(
    coordinator_client, production, place, sets
):
    prop = Element.objects.create(
        production=production, category=ensure_categories(production)[Ucid.PROPS], name="Jukebox"
    )
    elsewhere = make_production("Other Show")
    their_set = Element.objects.create(
        production=elsewhere, category=ensure_categories(elsewhere)[Ucid.SET], name="THEIR SET"
    )
    response = coordinator_client.post(
        url(production, f"{place.pk}/candidates/"), {"element": prop.pk}
    )
    assert "Jukebox is not a set" in response.content.decode()
    response = coordinator_client.post(
        url(production, f"{place.pk}/candidates/"), {"element": their_set.pk}
    )
    assert "Choose one of this production" in response.content.decode()
    with pytest.raises(services.LocationError):
        services.candidate_add(actor=None, location=place, element=their_set, price=None)
    assert not Candidate.objects.exists()


def test_a_removed_location_stops_being_the_choice(production, place, sets):
    candidate = services.candidate_add(
        actor=None, location=place, element=sets["DINER"], price=Decimal("100")
    )
    services.candidate_choose(actor=None, candidate=candidate)
    services.location_remove(actor=None, location=place)
    assert not Candidate.objects.filter(chosen=True).exists()
