"""A double click on a new booking's Save posts the same form twice: one booking is saved and
the second post lands on the traveller's page saying it was already saved. A form that comes
back with a mistake keeps its token, so the corrected one still saves."""

import re

import pytest
from django.urls import reverse

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.models import Booking

pytestmark = pytest.mark.django_db

HOTEL = {
    "kind": "hotel",
    "status": "booked",
    "hotel": "The Standard",
    "check_in": "2026-12-09",
    "check_out": "2026-12-12",
    "cost": "870.00",
}


@pytest.fixture
def margo(production):
    return make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")


def _new_form(client, production):
    url = reverse("travel:booking_new", kwargs={"production": production.slug}) + "?kind=hotel"
    page = client.get(url).content.decode()
    [token] = re.findall(r'name="once" value="([^"]+)"', page)
    return url, token


def test_posting_the_same_new_booking_form_twice_saves_one_booking(
    coordinator_client, production, margo
):
    url, token = _new_form(coordinator_client, production)
    typed = {**HOTEL, "person": margo.pk, "once": token}
    first = coordinator_client.post(url, typed)
    second = coordinator_client.post(url, typed, follow=True)
    assert first.status_code == 302
    assert Booking.objects.filter(production=production).count() == 1
    assert second.redirect_chain[-1][0] == first.url  # the traveller's page, as the first
    assert "That booking was already saved: it is booked once." in second.content.decode()
    # A fresh form is a new booking (the office books a second room on purpose).
    _, fresh = _new_form(coordinator_client, production)
    assert fresh != token
    coordinator_client.post(url, {**typed, "once": fresh})
    assert Booking.objects.filter(production=production).count() == 2


def test_a_form_sent_back_with_a_mistake_keeps_its_token_and_saves_once_corrected(
    coordinator_client, production, margo
):
    url, token = _new_form(coordinator_client, production)
    wrong = coordinator_client.post(
        url, {**HOTEL, "person": margo.pk, "once": token, "check_out": "2026-12-01"}
    )
    assert wrong.status_code == 400 and not Booking.objects.exists()
    assert f'value="{token}"' in wrong.content.decode()
    assert (
        coordinator_client.post(url, {**HOTEL, "person": margo.pk, "once": token}).status_code
        == 302
    )
    assert Booking.objects.count() == 1


def test_a_damaged_token_saves_nothing_and_says_so(coordinator_client, production, margo):
    url, _ = _new_form(coordinator_client, production)
    response = coordinator_client.post(url, {**HOTEL, "person": margo.pk, "once": "x' OR 1=1"})
    assert response.status_code == 400 and not Booking.objects.exists()
    assert "This form is damaged: reload the page and save again." in response.content.decode()
