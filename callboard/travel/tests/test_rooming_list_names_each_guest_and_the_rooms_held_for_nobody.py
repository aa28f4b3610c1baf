"""The rooming list of a hotel: every live room there (however the hotel's name was typed),
guests by the name on their ID, the block room held for nobody, nights, rates, billing and the
totals; as a page with a hotel chooser, XLSX, CSV and the PDF for the hotel."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from callboard.travel.lists import ListError, hotels, rooming_list

from .lists_data import travel_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(production):
    return travel_week(production)


def url(production, name, **kwargs):
    return reverse(f"travel:{name}", kwargs={"production": production.slug, **kwargs})


def test_the_list_has_each_guest_by_full_name_and_the_block_room_last(production, week):
    rooms = rooming_list(production, "CHATEAU MARMONT")
    assert rooms.hotel == "Chateau Marmont"
    assert [r.guest_text for r in rooms.rows] == [
        "Margaret Lane",  # the name on her ID, not the "Margo" of the crew list
        "Dev Patel",
        "Block room — no guest yet",
    ]
    margo, dev, block = rooms.rows
    assert (margo.nights, margo.room_type, margo.confirmation) == (3, "King suite", "CM-88120")
    assert margo.cost == Decimal("1275.00") and margo.notes == "Late checkout requested"
    assert "incidentals to the guest" in margo.billing
    assert dev.cost == Decimal("578.00")
    assert block.block and block.cost == Decimal("600.00") and block.notes
    assert "incidentals" not in block.billing
    assert rooms.room_nights == 7 and rooms.cost == Decimal("2453.00")
    assert rooms.unpriced == 0


def test_the_chooser_lists_each_hotel_once_and_leaves_out_cancelled_rooms(production, week):
    assert hotels(production) == [("Chateau Marmont", 3), ("The Standard", 1)]
    assert [r.guest for r in rooming_list(production, "The Standard").rows] == ["Rosa Diaz"]
    with pytest.raises(ListError, match="Nobody is booked at “Hotel California”"):
        rooming_list(production, "Hotel California")


def test_the_page_shows_the_first_hotel_and_links_its_downloads(
    coordinator_client, production, week
):
    page = coordinator_client.get(url(production, "rooming")).content.decode()
    assert "Rooming list — Chateau Marmont" in page
    assert "Block room — no guest yet" in page and "Margaret Lane" in page
    assert "export.pdf?hotel=Chateau%20Marmont" in page
    other = coordinator_client.get(url(production, "rooming") + "?hotel=The+Standard")
    assert "Rosa Diaz" in other.content.decode() and "Margaret Lane" not in other.content.decode()


def test_an_unknown_hotel_is_refused_in_words(coordinator_client, production, week):
    response = coordinator_client.get(url(production, "rooming") + "?hotel=Hotel+California")
    assert response.status_code == 400
    assert "Nobody is booked at “Hotel California”" in response.content.decode()
    export = coordinator_client.get(
        url(production, "rooming_export", fmt="pdf") + "?hotel=Hotel+California"
    )
    assert export.status_code == 400


def test_the_exports_open_with_the_rooms_and_totals(coordinator_client, production, week):
    query = "?hotel=Chateau+Marmont"
    xlsx = coordinator_client.get(url(production, "rooming_export", fmt="xlsx") + query)
    assert xlsx["Content-Disposition"].endswith('rooming-list-chateau-marmont.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Rooming list — Chateau Marmont"
    header = rows.index(next(r for r in rows if r[0] == "Guest (name as on ID)"))
    margo = rows[header + 1]
    assert margo[0] == "Margaret Lane" and margo[1].date() == dt.date(2026, 12, 9)
    assert margo[3] == 3 and margo[5] == 425
    assert rows[header + 3][0] == "Block room — no guest yet"
    assert rows[header + 4][0] == "Total: 3 rooms" and rows[header + 4][3] == 7
    assert rows[header + 4][6] == 2453

    csv = coordinator_client.get(url(production, "rooming_export", fmt="csv") + query)
    text = csv.content.decode("utf-8-sig")
    assert "Margaret Lane,2026-12-09,2026-12-12,3,King suite,425.00,1275.00,CM-88120" in text
    assert "Total: 3 rooms,,,7,room-nights,,2453.00" in text

    pdf = coordinator_client.get(url(production, "rooming_export", fmt="pdf") + query)
    assert pdf["Content-Type"] == "application/pdf"
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("Rooming list", "Chateau Marmont", "Margaret Lane", "Block room", "$2,453.00"):
        assert expected in words
