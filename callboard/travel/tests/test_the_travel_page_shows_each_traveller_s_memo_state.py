"""The Travel page's table of travellers says where each one's travel memo stands — not sent,
sent (which version, when, and whether it was opened), or changed since it was sent and
needing to be sent again — read for every traveller in the same few queries whether there is
one traveller or five."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from callboard.distribution.models import Delivery
from callboard.distribution.services import delivery_opened
from callboard.travel.models import Booking
from callboard.travel.queries import memo_state, memo_states
from callboard.travel.services import booking_save, travel_memo_send

from .memo_trip import los_angeles_rate, margo_with_a_trip

pytestmark = pytest.mark.django_db


def state_cell(client, production, person) -> str:
    page = client.get(reverse("travel:travel", kwargs={"production": production.slug}))
    row = re.search(
        rf'<tr id="traveller-{person.pk}">.*?<td class="memo-state">(.*?)</td>',
        page.content.decode(),
        re.S,
    )
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split())


def one_night_more(production, person):
    hotel = Booking.objects.get(person=person, kind="hotel")
    booking_save(
        actor=None,
        production=production,
        kind="hotel",
        values={
            "person": person,
            "hotel": hotel.hotel,
            "check_in": hotel.check_in,
            "check_out": hotel.check_out + dt.timedelta(days=1),
        },
        booking=hotel,
    )


def test_the_column_says_not_sent_sent_opened_and_changed_since_sent(
    production, coordinator, coordinator_client
):
    los_angeles_rate(production)
    margo = margo_with_a_trip(production)
    assert state_cell(coordinator_client, production, margo).startswith("Not sent")

    travel_memo_send(actor=coordinator, production=production, person=margo)
    assert state_cell(coordinator_client, production, margo).startswith("Sent v1 ")

    delivery_opened(delivery=Delivery.objects.get(dispatch__kind="travel_memo"))
    assert "· opened" in state_cell(coordinator_client, production, margo)

    one_night_more(production, margo)
    said = state_cell(coordinator_client, production, margo)
    assert said.startswith("Changed since sent — needs re-send (v1 sent ")
    # The same answer the traveller's own page gives.
    assert memo_state(production, margo)["changed"]

    travel_memo_send(actor=coordinator, production=production, person=margo)
    assert state_cell(coordinator_client, production, margo).startswith("Sent v2 ")


def test_one_traveller_and_five_are_read_in_the_same_number_of_queries(production, coordinator):
    los_angeles_rate(production)

    def travellers(first, n):
        made = [
            margo_with_a_trip(production, email=f"t{i}@example.test")
            for i in range(first, first + n)
        ]
        for person in made:
            travel_memo_send(actor=coordinator, production=production, person=person)
        one_night_more(production, made[0])
        return made

    def counted(people):
        with CaptureQueriesContext(connection) as queries:
            states = memo_states(production, people)
        return len(queries), states

    one = travellers(0, 1)
    few, states = counted(one)
    assert states[one[0].pk]["changed"] and states[one[0].pk]["last"].version == 1

    five = one + travellers(1, 4)
    many, states = counted(five)
    assert many == few
    assert [states[p.pk]["changed"] for p in five] == [True, True, False, False, False]
    assert all(states[p.pk]["delivery"] is not None for p in five)


def test_the_travel_page_reads_one_traveller_and_five_in_the_same_number_of_queries(
    production, coordinator, coordinator_client
):
    los_angeles_rate(production)
    url = reverse("travel:travel", kwargs={"production": production.slug})

    def counted():
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    first = margo_with_a_trip(production, email="t0@example.test")
    travel_memo_send(actor=coordinator, production=production, person=first)
    few = counted()
    for i in range(1, 5):
        person = margo_with_a_trip(production, email=f"t{i}@example.test")
        travel_memo_send(actor=coordinator, production=production, person=person)
    assert counted() == few
