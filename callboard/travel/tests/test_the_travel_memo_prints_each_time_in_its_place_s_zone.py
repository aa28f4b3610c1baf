"""A traveller's memo: the show, the traveller, every live booking in order with each time in
the zone of its place (a flight departs at its airport's time and arrives at the other's),
hotel nights, the transfer, confirmation numbers, the travel contact and the per diem of a
distant hire; and its PDF."""

import datetime as dt
from decimal import Decimal

import pypdfium2
import pytest

from callboard.people.testing import make_person
from callboard.travel import memopdf
from callboard.travel.models import Booking
from callboard.travel.queries import memo_document
from callboard.travel.services import booking_cancel, per_diem_rate_save, travel_profile_save

from .memo_trip import book, los_angeles_rate, margo_with_a_trip

pytestmark = pytest.mark.django_db


def test_each_segment_reads_in_its_own_places_time_in_order(production):
    margo = margo_with_a_trip(production)
    document = memo_document(production, margo)
    assert document["traveller"] == {"id": margo.pk, "name": "Margo Lane", "role": "Detective Ruiz"}
    segments = document["segments"]
    assert [s["title"] for s in segments] == [
        "DL 402 JFK–LAX",
        "Black SUV",
        "Chateau Marmont",
        "DL 403 LAX–JFK",
    ]
    out, transfer, stay, back = segments
    assert out["when"] == "Departs JFK Wed 9 Dec 8:00 AM EST · Arrives LAX 11:30 AM PST"
    assert "seat 3A" in out["details"] and "record locator GXK4QP" in out["details"]
    assert transfer["when"] == (
        "Pickup Wed 9 Dec 12:00 PM PST at LAX Terminal 3 · Drop-off 1:15 PM PST at Chateau Marmont"
    )
    assert transfer["confirmation"] == "TR-88" and "driver Sam Ortiz" in transfer["details"]
    assert stay["when"] == "Check in Wed 9 Dec · Check out Sat 12 Dec (3 nights)"
    assert stay["confirmation"] == "CM-5521"
    assert back["when"] == "Departs LAX Sat 12 Dec 1:00 PM PST · Arrives JFK 9:25 PM EST"


def test_an_overnight_flight_gives_its_arrival_day(production):
    margo = margo_with_a_trip(production)
    book(production, "flight", person=margo, carrier="BA", number="282", origin="LAX",
         destination="LHR", starts_local=dt.datetime(2026, 12, 14, 19, 50),
         ends_local=dt.datetime(2026, 12, 15, 14, 5))  # fmt: skip
    last = memo_document(production, margo)["segments"][-1]
    assert last["when"] == "Departs LAX Mon 14 Dec 7:50 PM PST · Arrives LHR Tue 15 Dec 2:05 PM GMT"


def test_a_cancelled_booking_leaves_the_memo_and_a_proposed_one_says_so(production):
    margo = margo_with_a_trip(production)
    transfer = Booking.objects.get(kind="transfer")
    booking_cancel(actor=None, booking=transfer, reason="Driving herself")
    book(production, "car", person=margo, carrier="Hertz", vehicle="Compact",
         pickup_place="LAX", dropoff_place="LAX", status="proposed",
         starts_local=dt.datetime(2026, 12, 9, 12, 30),
         ends_local=dt.datetime(2026, 12, 12, 11, 0))  # fmt: skip
    segments = memo_document(production, margo)["segments"]
    assert "Black SUV" not in [s["title"] for s in segments]
    car = next(s for s in segments if s["kind"] == "car")
    assert car["proposed"] and car["when"].startswith("Pick up Wed 9 Dec 12:30 PM PST at LAX")


def test_the_travel_contact_is_the_coordinator_at_the_office(production):
    production.office_phone = "+1 323 555 0100"
    production.office_email = "office@testshow.example"
    production.save()
    make_person(production, first_name="Pat", last_name="Kim", position="Production Coordinator")
    contact = memo_document(production, margo_with_a_trip(production))["contact"]
    assert contact["name"] == "Pat Kim" and contact["role"] == "Production Coordinator"
    assert contact["phone"] == "+1 323 555 0100" and contact["email"] == "office@testshow.example"


def test_a_distant_hire_gets_per_diem_at_the_rate_of_the_city_she_flies_to(production):
    los_angeles_rate(production)
    per_diem_rate_save(actor=None, production=production, city="Atlanta", daily=Decimal("79"))
    per_diem = memo_document(production, margo_with_a_trip(production))["per_diem"]
    # Wed 9 to Sat 12 Dec: two travel days at 75% of $80 and two full days.
    assert per_diem["city"] == "Los Angeles" and per_diem["days"] == 4
    assert per_diem["total"] == "$280.00" and per_diem["first"] == "Wed 9 Dec"


def test_the_production_s_only_rate_is_used_when_no_city_matches(production):
    per_diem_rate_save(actor=None, production=production, city="Burbank", daily=Decimal("70"))
    per_diem = memo_document(production, margo_with_a_trip(production))["per_diem"]
    assert per_diem["city"] == "Burbank" and per_diem["total"] == "$245.00"


def test_a_local_hire_and_a_show_with_no_matching_rate_get_no_per_diem(production):
    per_diem_rate_save(actor=None, production=production, city="Burbank", daily=Decimal("70"))
    per_diem_rate_save(actor=None, production=production, city="Atlanta", daily=Decimal("79"))
    margo = margo_with_a_trip(production)
    assert memo_document(production, margo)["per_diem"] is None  # two rates, neither LA
    los_angeles_rate(production)
    travel_profile_save(
        actor=None,
        person=margo,
        local_hire=True,
        home_airports="",
        cabin_required="",
        passport_expires=None,
    )
    assert memo_document(production, margo)["per_diem"] is None


def test_the_pdf_prints_the_segments_and_says_it_is_a_preview(production):
    los_angeles_rate(production)
    document = memo_document(production, margo_with_a_trip(production))
    pdf = memopdf.memo_pdf(document)
    assert pdf.startswith(b"%PDF")
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    for words in ("Travel memo", "Margo Lane", "DL 402 JFK–LAX", "Arrives LAX 11:30 AM PST",
                  "CM-5521", "$280.00", "not sent (preview)"):  # fmt: skip
        assert words in text.replace("\r\n", " ").replace("\n", " "), words
    assert memopdf.file_name(document) == "travel-memo-margo-lane-preview.pdf"
