"""Per diem on its page: a distant hire's days away at the city's rate, lunch off on the days
they are called, by workweek; a week is asked for as a check request coded to the per diem
account, once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from callboard.accounting.models import Account, CheckRequest
from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.people.models import Person
from callboard.travel.services import (
    TravelError,
    booking_save,
    per_diem_account_set,
    per_diem_rate_save,
    per_diem_request,
    travel_profile_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def donna(production, shooting):  # noqa: F811
    publish_despite(make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1)))
    person = Person.objects.get(production=production, first_name="Donna")
    travel_profile_save(
        actor=None, person=person, local_hire=False, home_airports="JFK",
        cabin_required="", passport_expires=None,
    )  # fmt: skip
    for number, origin, destination, day in (("402", "JFK", "LAX", 9), ("403", "LAX", "JFK", 12)):
        booking_save(
            actor=None, production=production, kind="flight",
            values={
                "person": person, "carrier": "DL", "number": number, "origin": origin,
                "destination": destination, "starts_local": dt.datetime(2026, 12, day, 8),
                "ends_local": dt.datetime(2026, 12, day, 11, 30),
            },
        )  # fmt: skip
    per_diem_rate_save(
        actor=None, production=production, city="Los Angeles", daily=Decimal("86"),
        breakfast=Decimal("20"), lunch=Decimal("22"), dinner=Decimal("39"),
    )  # fmt: skip
    Account.objects.create(
        production=production, code="3520", number="3520", description="Per diem",
        category="Production",
    )  # fmt: skip
    per_diem_account_set(actor=None, production=production, account_code="3520")
    return person


def test_the_page_shows_each_week_with_lunch_off_on_the_called_day(
    coordinator_client, production, donna
):
    page = coordinator_client.get(
        reverse("travel:per_diem", kwargs={"production": production.slug})
    )
    html = page.content.decode()
    # Wed 9 (travel, 75%: 64.50), Thu 10 (called: 86 − 22 = 64.00), Fri 11 (86), Sat 12 (64.50)
    assert "$279.00" in html
    assert "lunch provided −$22.00" in html


def test_a_week_is_asked_for_once_as_a_check_request(production, donna):
    payment = per_diem_request(
        actor=None, production=production, person=donna, week_start=dt.date(2026, 12, 6)
    )
    request = CheckRequest.objects.get()
    assert payment.check_request == request and payment.amount == Decimal("279.00")
    assert request.payee == donna.full_name and "Per diem (Los Angeles)" in request.reason
    assert [(ln.account.code, ln.amount) for ln in request.lines.all()] == [
        ("3520", Decimal("279.00"))
    ]
    with pytest.raises(TravelError, match="already on check request 1"):
        per_diem_request(
            actor=None, production=production, person=donna, week_start=dt.date(2026, 12, 6)
        )
    assert CheckRequest.objects.count() == 1


def test_a_week_without_per_diem_and_an_unknown_account_are_refused(production, donna):
    with pytest.raises(TravelError, match="no per diem for that week"):
        per_diem_request(
            actor=None, production=production, person=donna, week_start=dt.date(2026, 11, 29)
        )
    with pytest.raises(TravelError, match="not an account"):
        per_diem_account_set(actor=None, production=production, account_code="9999")


def test_the_page_reads_the_same_number_of_queries_for_one_traveller_or_many(production, donna):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from callboard.travel.queries import per_diem_weeks

    with CaptureQueriesContext(connection) as one:
        assert len(per_diem_weeks(production)) == 1
    for name in ("Jimmy", "Lionel"):
        person = Person.objects.get(production=production, first_name=name)
        travel_profile_save(
            actor=None, person=person, local_hire=False, home_airports="JFK",
            cabin_required="", passport_expires=None,
        )  # fmt: skip
        booking_save(
            actor=None, production=production, kind="hotel",
            values={"person": person, "hotel": "The Standard", "check_in": dt.date(2026, 12, 9),
                    "check_out": dt.date(2026, 12, 11)},
        )  # fmt: skip
    with CaptureQueriesContext(connection) as three:
        assert len(per_diem_weeks(production)) == 3
    assert len(three) == len(one)
