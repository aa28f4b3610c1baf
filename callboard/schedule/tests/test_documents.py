"""The schedule's documents download from its pages, made from the real breakdown."""

import io

import openpyxl
import pypdfium2 as pdfium
import pytest

from callboard.schedule.models import Scenario


@pytest.fixture
def first_pass(full_sample):
    return Scenario.objects.get(production=full_sample, name="First Pass")


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _get(client, scenario, path):
    return client.get(f"/p/{scenario.production.slug}/schedule/scenarios/{scenario.pk}/{path}")


def test_the_one_liner_pdf_closes_each_day_with_its_date_and_pages(coordinator_client, first_pass):
    response = _get(coordinator_client, first_pass, "one-liner.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "End of Day 1" in text and "Wed 03 Aug 2022" in text
    assert "End of Day 61" in text
    assert "BEDFORD FALLS" in text


def test_the_shooting_schedule_lists_scenes_with_their_elements(coordinator_client, first_pass):
    text = _text(_get(coordinator_client, first_pass, "shooting-schedule.pdf").content)
    assert "Shoot Day 1" in text and "GEORGE" in text
    book = openpyxl.load_workbook(
        io.BytesIO(_get(coordinator_client, first_pass, "shooting-schedule.xlsx").content)
    )
    cells = {str(c.value) for row in book.active.iter_rows() for c in row if c.value}
    assert any("End of Day 61" in c for c in cells)


def test_the_dood_downloads_as_pdf_and_xlsx_with_totals(coordinator_client, first_pass):
    pdf = _get(coordinator_client, first_pass, "dood/?category=cast&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = _text(pdf.content)
    assert "GEORGE" in text and "SW" in text
    xlsx = _get(coordinator_client, first_pass, "dood/?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    names = [c.value for row in book.active.iter_rows() for c in row]
    assert "GEORGE" in names


def test_breakdown_sheets_print_one_per_scene(coordinator_client, full_sample):
    response = coordinator_client.get(f"/p/{full_sample.slug}/schedule/breakdown/?format=pdf")
    document = pdfium.PdfDocument(response.content)
    assert len(document) >= 173
    assert "FROZEN RIVER AND HILL" in _text(response.content)


def test_an_unknown_document_is_not_found(coordinator_client, first_pass):
    assert _get(coordinator_client, first_pass, "call-sheet.docx").status_code == 404
