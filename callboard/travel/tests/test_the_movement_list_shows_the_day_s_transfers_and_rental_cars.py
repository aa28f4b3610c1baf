"""The movement list's ground transport: every transfer and rental car picked up or returned
on the day, in time order, each on the clock of where it happens (a car service to JFK on
New York's), with its pickup place, driver and vehicle, and the flight it meets — on the
page, in the PDF and in the spreadsheet."""

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


def _save(production, kind, **values):
    return booking_save(actor=None, production=production, kind=kind, values=values)


@pytest.fixture
def week(production):
    w = travel_week(production)
    at = dt.datetime
    # Margo's car service from home to JFK, on New York's clock, for DL 402 at 8:00 AM EST.
    _save(
        production, "transfer", person=w.margo, vehicle="Town car", driver="Lou",
        pickup_place="Home, Brooklyn", dropoff_place="JFK Terminal 4", zone="America/New_York",
        starts_local=at(2026, 12, 9, 5, 30), ends_local=at(2026, 12, 9, 6, 30),
        confirmation="NYC-7",
    )  # fmt: skip
    # Dev drives himself: a rental car picked up when he lands, returned before he flies home.
    _save(
        production, "car", person=w.dev, carrier="Hertz", vehicle="Ford Escape",
        pickup_place="LAX Hertz lot", dropoff_place="LAX Hertz return",
        starts_local=at(2026, 12, 9, 14, 40), ends_local=at(2026, 12, 11, 5, 0),
        confirmation="H-3310",
    )  # fmt: skip
    # Rosa is driven to set in the morning: no flight that day.
    _save(
        production, "transfer", person=w.rosa, vehicle="Van 2", pickup_place="The Standard",
        dropoff_place="Stage 4", starts_local=at(2026, 12, 9, 6, 15),
        ends_local=at(2026, 12, 9, 6, 45),
    )  # fmt: skip
    return w


def test_the_day_s_rides_in_time_order_each_with_the_flight_it_meets(production, week):
    ground = movement_list(production, WEDNESDAY).ground
    assert [(m.time, m.kind, m.name, m.meets) for m in ground] == [
        ("5:30 AM EST", "Transfer", "Margo Lane", "DL 402 leaving JFK 8:00 AM EST"),
        ("6:15 AM PST", "Transfer", "Rosa Diaz", ""),
        ("11:45 AM PST", "Transfer", "Margo Lane", "DL 402 landing LAX 11:30 AM PST"),
        ("2:40 PM PST", "Rental pick-up", "Dev Patel", "UA 611 landing LAX 2:10 PM PST"),
    ]
    home, _, pickup, car = ground
    assert home.place == "Home, Brooklyn → JFK Terminal 4" and home.driver == "Lou"
    assert home.vehicle == "Town car" and home.confirmation == "NYC-7"
    assert pickup.driver == "Sal" and pickup.vehicle == "Black Suburban"
    assert car.place == "LAX Hertz lot" and car.vehicle == "Hertz Ford Escape"
    # Friday: the car goes back two hours before UA 1181 leaves.
    (returned,) = movement_list(production, dt.date(2026, 12, 11)).ground
    assert (returned.kind, returned.time, returned.place) == (
        "Rental return",
        "5:00 AM PST",
        "LAX Hertz return",
    )
    assert returned.meets == "UA 1181 leaving LAX 7:00 AM PST"


def test_the_page_the_pdf_and_the_spreadsheet_list_the_ground_transport(
    coordinator_client, production, week
):
    def url(name, **kwargs):
        return reverse(f"travel:{name}", kwargs={"production": production.slug, **kwargs})

    text = coordinator_client.get(url("movement"), {"date": "2026-12-09"}).content.decode()
    assert "Ground transport (4)" in text
    assert "Rental pick-up" in text and "UA 611 landing LAX 2:10 PM PST" in text

    pdf = coordinator_client.get(url("movement_export", fmt="pdf"), {"date": "2026-12-09"})
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Ground transport", "5:30 AM EST", "Home, Brooklyn", "Hertz", "Lou"):
        assert expected in words

    xlsx = coordinator_client.get(url("movement_export", fmt="xlsx"), {"date": "2026-12-09"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Ground"]
    rows = list(sheet.values)
    assert rows[0][:3] == ("Ground", "Time (local)", "Who")
    assert rows[4][:3] == ("Rental pick-up", "2:40 PM PST", "Dev Patel")
    assert rows[4][-1] == "UA 611 landing LAX 2:10 PM PST"
