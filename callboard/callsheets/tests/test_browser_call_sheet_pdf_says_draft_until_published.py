"""In the browser: the demo's day 1 call sheet, a draft, downloads as a two-page PDF that says
DRAFT on every page and in its name; once published (with a reason for anything the checks
hold against it), the same link gives the published sheet: no DRAFT, its version and the time
it was published."""

import io
import re

import pytest
from pypdf import PdfReader

from callboard.callsheets.models import CallSheet
from callboard.core.demo import DEMO_PASSWORD, demo_production_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf(page, href):
    response = page.request.get(href)
    assert response.ok, response.status
    name = re.search(r'filename="([^"]+)"', response.headers["content-disposition"]).group(1)
    pages = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.body())).pages
    ]
    return name, pages


def test_the_demo_sheet_downloads_as_a_draft_until_it_is_published(browser_page, live_server):
    production = demo_production_build()
    sheet = CallSheet.objects.get(production=production, day_number=1)
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "coordinator@demo.callboard.test")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
    page.goto(f"{live_server.url}/p/{production.slug}/callsheets/{sheet.pk}/")
    href = page.get_attribute(".actions a:text-is('PDF')", "href")

    name, pages = _pdf(page, live_server.url + href)
    assert name == f"{production.slug}-call-sheet-1-v1-DRAFT.pdf"
    assert len(pages) == 2 and all("DRAFT" in text for text in pages)
    assert "CREW" in pages[1] and "SCENES" in pages[0]

    for field in page.locator("input[name^=override_]").all():
        field.fill("Browser test: publishing to see the printout")
    page.click("button:has-text('Publish version 1')")
    page.wait_for_selector("text=Published")

    name, pages = _pdf(page, live_server.url + href)
    assert name == f"{production.slug}-call-sheet-1-v1.pdf"
    assert len(pages) == 2 and not any("DRAFT" in text for text in pages)
    assert re.search(r"Published \w{3} \d{1,2}, \d{4} \d{1,2}:\d\d [AP]M [A-Z]{3,4}", pages[0])
