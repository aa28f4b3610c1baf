"""A shoot day's sides carry the show, the shoot date and "Day X of Y" on every page."""

import io

from pypdf import PdfReader

from callboard.callsheets.queries import issued
from callboard.callsheets.services import callsheet_create
from callboard.callsheets.sides import day_sides


def test_every_page_of_the_days_sides_says_the_show_the_date_and_the_day(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=2)
    pdf = day_sides(sheet.production, issued(sheet))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    script_pages = pages[1:]  # behind the reduced call sheet
    assert script_pages
    for text in script_pages:
        assert "THE TEST SHOW" in text
        assert "Friday, December 11, 2026" in text
        assert "Day 2 of 2" in text


def test_each_copy_keeps_the_header_and_its_watermark(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    pdf = day_sides(sheet.production, issued(sheet), watermark="DONNA REED")
    for page in PdfReader(io.BytesIO(pdf)).pages[1:]:
        text = page.extract_text()
        assert "Day 1 of 2" in text and "DONNA REED" in text
