"""The schedule's own DOOD (the board's, the PDF's) reads a table read's rehearsal day: R on
the day for each cast member invited, counted as a paid day; cancelled, it is gone again."""

import datetime as dt

import pytest

from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.office.models import RoomBooking
from callboard.office.rooms import services
from callboard.people.models import Person
from callboard.schedule.models import Scenario
from callboard.schedule.queries import category_for, scenario_dood, scenario_plan

pytestmark = pytest.mark.django_db

READ_DAY = dt.date(2026, 12, 8)  # two days before the first shoot day


def dood_of(production):
    plan = scenario_plan(Scenario.objects.get(production=production))
    dood = scenario_dood(plan, category_for(production, "cast"))
    return {e.person_id: row for e, row in zip(dood.elements, dood.rows, strict=True)}


def test_the_invited_cast_read_r_on_the_dood_and_the_rest_do_not(
    production,
    shooting,  # noqa: F811
):
    donna = Person.objects.get(production=production, first_name="Donna")
    jimmy = Person.objects.get(production=production, first_name="Jimmy")
    room = services.room_save(actor=None, production=production, name="Conference", capacity=10)
    zone = production.tzinfo
    booking = services.booking_create(
        actor=None,
        production=production,
        room=room,
        kind=RoomBooking.Kind.TABLE_READ,
        title="Table read",
        starts_at=dt.datetime.combine(READ_DAY, dt.time(10), tzinfo=zone),
        ends_at=dt.datetime.combine(READ_DAY, dt.time(12), tzinfo=zone),
        people=[donna],
    ).booking
    before = dood_of(production)[donna.pk]
    assert before.codes[READ_DAY] == "R"
    assert before.rehearsal == 1 and before.start == READ_DAY
    assert READ_DAY not in dood_of(production)[jimmy.pk].codes

    services.booking_cancel(actor=None, booking=booking)
    after = dood_of(production)[donna.pk]
    assert READ_DAY not in after.codes and after.paid == before.paid - 1
