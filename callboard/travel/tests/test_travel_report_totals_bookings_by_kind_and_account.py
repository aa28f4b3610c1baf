"""The travel report: every live booking touching a range of dates (a flight leaving or
landing in it, a stay with a night or a check-out in it), by traveller, with its cost and
account; totals by kind and by account; XLSX and CSV. Dates that make no range are refused
in words."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from callboard.travel.lists import ListError, travel_report

from .lists_data import travel_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(production):
    return travel_week(production)


def url(production, name, **kwargs):
    return reverse(f"travel:{name}", kwargs={"production": production.slug, **kwargs})


def test_the_report_lists_each_booking_with_totals_by_kind_and_account(production, week):
    report = travel_report(production, dt.date(2026, 12, 9), dt.date(2026, 12, 9))
    assert report.travellers == 2  # Rosa checks in on the 10th; her cancelled room is gone
    assert [(r.traveller_text, r.what) for r in report.rows] == [
        ("Margo Lane", "DL 402 JFK–LAX"),
        ("Margo Lane", "Black Suburban"),
        ("Margo Lane", "Chateau Marmont"),
        ("Dev Patel", "UA 1180 ORD–DEN"),
        ("Dev Patel", "UA 611 DEN–LAX"),
        ("Dev Patel", "chateau  marmont"),
        ("Block room (no guest)", "Chateau Marmont"),
    ]
    by_kind = {t.label: (t.bookings, t.cost) for t in report.by_kind}
    assert by_kind == {
        "Flight": (3, Decimal("1032.40")),
        "Hotel": (3, Decimal("2453.00")),
        "Ground transfer": (1, Decimal("95.00")),
    }
    by_account = {t.label: (t.bookings, t.cost) for t in report.by_account}
    assert by_account == {
        "4510 Travel — air": (2, Decimal("852.40")),
        "4520 Hotels": (2, Decimal("1853.00")),
        "4530 Ground": (1, Decimal("95.00")),
        "(no account)": (2, Decimal("780.00")),
    }
    assert report.total.cost == Decimal("3580.40") and report.total.unpriced == 0


def test_a_longer_range_takes_in_the_whole_trip(production, week):
    report = travel_report(production, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert report.travellers == 3 and report.total.bookings == 11
    assert report.total.unpriced == 1  # Margo's ride to the airport has no cost yet


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (
            dt.date(2026, 12, 10),
            dt.date(2026, 12, 2),
            "The range ends (Wed 2 Dec) before it starts",
        ),
        (dt.date(2026, 1, 1), dt.date(2027, 6, 1), "covers at most 366"),
    ],
)
def test_a_range_that_is_not_one_is_refused(production, start, end, said):
    with pytest.raises(ListError, match=said.replace("(", r"\(").replace(")", r"\)")):
        travel_report(production, start, end)


def test_the_page_and_its_exports(coordinator_client, production, week):
    query = {"from": "2026-12-09", "to": "2026-12-12"}
    page = coordinator_client.get(url(production, "report"), query).content.decode()
    assert "3 travellers, 11 bookings" in page and "4520 Hotels" in page

    csv = coordinator_client.get(url(production, "report_export", fmt="csv"), query)
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Traveller,Kind,Booking,When (local),From,To,Status")
    assert lines[1].startswith("Rosa Diaz,Hotel,The Standard,Thu 10 Dec – Sat 12 Dec,2026-12-10")
    flight = lines[2]  # by surname: Diaz, Lane, Patel
    assert flight.startswith(
        "Margo Lane,Flight,DL 402 JFK–LAX,Wed 9 Dec 8:00 AM EST → 11:30 AM PST,"
    )
    assert flight.endswith(",612.40,4510,Travel — air")

    xlsx = coordinator_client.get(url(production, "report_export", fmt="xlsx"), query)
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Travel report", "Totals"]
    totals = list(book["Totals"].values)
    assert totals[-1][:3] == ("Total", 11, 4948.5)  # 1,890.50 air + 2,963 hotels + 95 ground


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"from": "2026-12-12", "to": "2026-12-01"}, "before it starts"),
        ({"from": "12/01/2026", "to": "2026-12-12"}, "The first date “12/01/2026” is not a date"),
        ({"from": "2026-12-01"}, "Give the last date."),
    ],
)
def test_bad_dates_on_the_page_are_refused_in_words(coordinator_client, production, query, said):
    for name, kwargs in (("report", {}), ("report_export", {"fmt": "xlsx"})):
        response = coordinator_client.get(url(production, name, **kwargs), query)
        assert response.status_code == 400 and said in response.content.decode()


def test_the_crew_cannot_open_the_lists(member_client, production):
    from callboard.core.capabilities import Role

    crew = member_client(Role.CREW)
    for name in ("rooming", "movement", "report"):
        assert crew.get(url(production, name)).status_code == 403
    assert crew.get(url(production, "rooming_export", fmt="pdf")).status_code == 403
