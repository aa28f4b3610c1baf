"""The day's movement list for transportation: each flight landing away from its traveller's
home (or leaving from away) on the day, on its airport's clock, with who, their phone, their
hotel and the ride booked; an arrival with no pickup that day says so. A change of planes is
not an arrival. A PDF and an XLSX; a date that is not one is refused in words."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from callboard.travel.lists import movement_list
from callboard.travel.services import booking_save

from .lists_data import WEDNESDAY, travel_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(production):
    return travel_week(production)


def url(production, name, **kwargs):
    return reverse(f"travel:{name}", kwargs={"production": production.slug, **kwargs})


def test_arrivals_show_the_pickup_or_that_none_is_booked(production, week):
    moves = movement_list(production, WEDNESDAY)
    assert [(m.name, m.flight, m.time) for m in moves.arrivals] == [
        ("Margo Lane", "DL 402", "11:30 AM PST"),
        ("Dev Patel", "UA 611", "2:10 PM PST"),  # not UA 1180 to Denver: a connection
    ]
    margo, dev = moves.arrivals
    assert margo.hotel == "Chateau Marmont" and margo.phone == "(310) 555-0101"
    assert margo.ground.startswith("Pickup 11:45 AM PST at LAX arrivals, door 4 → Chateau")
    assert margo.other_end == "dep. JFK 8:00 AM EST" and margo.record_locator == "QX7P2L"
    assert not margo.no_pickup
    assert dev.no_pickup and dev.ground == "No pickup booked"
    assert dev.other_end == "dep. ORD 8:00 AM CST via DEN"
    assert moves.no_pickups == 1
    assert moves.departures == []  # Dev leaves Chicago and Denver: neither is transport's


def test_a_ride_earlier_that_day_is_not_a_pickup(production, week):
    booking_save(
        actor=None,
        production=production,
        kind="transfer",
        values={
            "person": week.dev,
            "pickup_place": "Office",
            "starts_local": dt.datetime(2026, 12, 9, 7, 0),
            "ends_local": dt.datetime(2026, 12, 9, 7, 30),
        },
    )
    dev = movement_list(production, WEDNESDAY).arrivals[1]
    assert dev.no_pickup and "the day's ride at 7:00 AM PST is before landing" in dev.ground


def test_departures_show_the_ride_to_the_airport(production, week):
    friday = movement_list(production, dt.date(2026, 12, 11))
    assert [(m.name, m.flight, m.airport) for m in friday.departures] == [
        ("Dev Patel", "UA 1181", "LAX")
    ]
    assert friday.departures[0].ground == "No ride to the airport booked"
    assert friday.departures[0].hotel == "chateau marmont"  # the stay they leave, as typed
    saturday = movement_list(production, dt.date(2026, 12, 12)).departures
    assert saturday[0].name == "Margo Lane" and saturday[0].ground.startswith("Pickup 6:30 AM")
    assert friday.arrivals == [] and not friday.no_pickups


def test_the_page_and_its_exports(coordinator_client, production, week):
    page = coordinator_client.get(url(production, "movement") + "?date=2026-12-09")
    text = page.content.decode()
    assert "Wednesday 9 December 2026" in text and "No pickup booked" in text
    assert "1 arriving with no pickup booked" in text

    pdf = coordinator_client.get(url(production, "movement_export", fmt="pdf") + "?date=2026-12-09")
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Movement list", "Arrivals", "Margo Lane", "DL 402", "No pickup booked"):
        assert expected in words

    xlsx = coordinator_client.get(
        url(production, "movement_export", fmt="xlsx") + "?date=2026-12-09"
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.values)
    body = rows[rows.index(next(r for r in rows if r[0] == "Movement")) + 1 :]
    assert [(r[0], r[3], r[-1]) for r in body][1] == ("Arrival", "Dev Patel", "No pickup booked")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2026-02-30", "The date “2026-02-30” is not a date"),
        ("tomorrow", "The date “tomorrow” is not a date"),
        ("0001-01-01", "is not a date a production travels on"),
        ("", "Give the date."),
    ],
)
def test_a_date_that_is_not_one_is_refused_in_words(coordinator_client, production, typed, said):
    for name, kwargs in (("movement", {}), ("movement_export", {"fmt": "pdf"})):
        response = coordinator_client.get(url(production, name, **kwargs), {"date": typed})
        assert response.status_code == 400
        assert said in response.content.decode()
