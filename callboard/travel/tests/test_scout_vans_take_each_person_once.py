"""Vans and riders: a person rides in one van of a scout (a second is refused in words), only
the production's people ride; the scout's own details refuse what cannot be, saving nothing,
and the pages say so instead of failing."""

import datetime as dt

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.people.testing import make_person
from callboard.travel import services
from callboard.travel.models import Scout, ScoutRider
from callboard.travel.services import TravelError

from .scouting import build

pytestmark = pytest.mark.django_db


def test_a_person_in_two_vans_is_refused(production):
    scout, _ = build(production)
    one = services.scout_van_save(actor=None, scout=scout, name="Van 1", driver="Sal")
    two = services.scout_van_save(actor=None, scout=scout, name="Van 2")
    dp = make_person(production, first_name="Dana", last_name="Pryce", position="DP")
    services.scout_rider_add(actor=None, van=one, person=dp)
    with pytest.raises(TravelError, match="Dana Pryce already rides in Van 1"):
        services.scout_rider_add(actor=None, van=two, person=dp)
    with pytest.raises(TravelError, match="already a van called van 1"):
        services.scout_van_save(actor=None, scout=scout, name="van 1")
    stranger = make_person(make_production("Other Show"))
    with pytest.raises(TravelError, match="on this production"):
        services.scout_rider_add(actor=None, van=two, person=stranger)
    assert list(ScoutRider.objects.values_list("van__name", flat=True)) == ["Van 1"]


def test_the_page_says_why_a_rider_is_refused(production, coordinator_client):
    scout, _ = build(production)
    one = services.scout_van_save(actor=None, scout=scout, name="Van 1")
    two = services.scout_van_save(actor=None, scout=scout, name="Van 2")
    gaffer = make_person(production, first_name="Gus", last_name="Gaffer")
    base = f"/p/{production.slug}/travel/scouts/{scout.pk}/vans/"
    coordinator_client.post(f"{base}{one.pk}/riders/", {"person": gaffer.pk})
    page = coordinator_client.post(f"{base}{two.pk}/riders/", {"person": gaffer.pk}, follow=True)
    assert page.status_code == 200
    assert "Gus Gaffer already rides in Van 1" in page.content.decode()
    assert coordinator_client.post(f"{base}{two.pk}/riders/", {"person": "x"}).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"meeting_place": " "}, "Say where everyone meets"),
        ({"meeting_coordinates": "34.05"}, "latitude and the longitude"),
        ({"meeting_coordinates": "95, 10"}, "between -90 and 90"),
        ({"call_time": None}, "call time"),
        ({"kind": "picnic"}, "not a kind of scout"),
        ({"lunch_minutes": 0}, "Lunch lasts"),
    ],
)
def test_a_scout_that_cannot_be_is_refused_and_nothing_saved(production, change, message):
    values = {
        "date": dt.date(2026, 12, 14),
        "call_time": dt.time(7, 0),
        "meeting_place": "Office",
        **change,
    }
    with pytest.raises(TravelError, match=message):
        services.scout_save(actor=None, production=production, values=values)
    assert not Scout.objects.exists()


def test_the_new_scout_form_answers_bad_input_with_a_400_and_words(production, coordinator_client):
    response = coordinator_client.post(
        f"/p/{production.slug}/travel/scouts/",
        {"date": "2026-12-14", "call_time": "07:00", "meeting_place": "Office",
         "meeting_coordinates": "north-ish", "kind": "scout"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The meeting place&#x27;s coordinates: Write the latitude" in response.content.decode()
    assert not Scout.objects.exists()


def test_a_location_manager_reads_a_scout_but_does_not_plan_it(production, client):
    scout, _ = build(production)
    client.force_login(add_member(production, Role.LOCATION_MANAGER))
    page = client.get(f"/p/{production.slug}/travel/scouts/{scout.pk}/")
    assert page.status_code == 200 and "Pasadena Motel" in page.content.decode()
    assert "Order farthest first" not in page.content.decode()
    refused = client.post(f"/p/{production.slug}/travel/scouts/{scout.pk}/order/")
    assert refused.status_code == 403
    client.force_login(add_member(production, Role.CREW))
    assert client.get(f"/p/{production.slug}/travel/scouts/").status_code == 403
