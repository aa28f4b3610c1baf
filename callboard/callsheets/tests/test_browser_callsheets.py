"""From the demo's schedule, a coordinator builds day 1's call sheet, fixes its checks (an
actor on set before hair/makeup, a crew call that is O/C), prints the two-page draft, publishes
and sends it, and watches confirmations arrive as recipients tap their links."""

import io
import re

import pytest
from pypdf import PdfReader

from callboard.callsheets.models import CallSheet
from callboard.core.models import OutboundEmail
from callboard.demo.build import DEMO_PASSWORD, demo_production_build
from callboard.people.models import Person
from callboard.reports.models import ProductionReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(address: str) -> str:
    body = OutboundEmail.objects.filter(to=address).latest("id").body
    return re.search(r"https?://\S+(/l/call/\S+/)", body).group(1)


def _pdf(page, href: str) -> tuple[str, list[str]]:
    """The downloaded file's name and each page's text, as a reader would search it."""
    response = page.request.get(href)
    assert response.ok, response.status
    name = re.search(r'filename="([^"]+)"', response.headers["content-disposition"]).group(1)
    reader = PdfReader(io.BytesIO(response.body()))
    return name, [" ".join(p.extract_text().split()) for p in reader.pages]


def test_build_check_publish_send_and_watch_confirmations(browser_page, live_server):
    production = demo_production_build()
    # The demo's days shot and day 3's draft: start afresh from day 1.
    ProductionReport.objects.filter(production=production).delete()
    CallSheet.objects.filter(production=production).delete()
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "coordinator@demo.callboard.test")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")

    page.click("nav >> text=Call sheets")
    page.click("tr:has(td:text-is('Day 1')) >> button:has-text('Start call sheet')")
    page.wait_for_selector("text=Call sheet #1")
    assert page.is_visible("text=No nearest hospital on the sheet.")

    # Fix what the checks found, through the link each finding gives.
    page.click("li:has-text('No nearest hospital') >> text=fix")
    page.fill("#id_hospital_name", "Good Samaritan Hospital")
    page.fill("#id_hospital_address", "1225 Wilshire Blvd, Los Angeles, CA 90017")
    page.fill("#id_hospital_phone", "(213) 977-2121")
    page.fill("#id_location_name", "The Diner")
    page.fill("#id_latitude", "34.0407")
    page.fill("#id_longitude", "-118.2468")
    page.fill("#id_safety_hotline", "(800) 555-0199")
    page.fill("#id_safety_notes", "Sc. 9, 23, 27, 34, 36: night exterior, reflective vests.")
    page.click("button:has-text('Save call sheet')")
    page.wait_for_selector("text=Call sheet saved.")
    assert page.is_visible("li:has-text('works today but has no pickup or H/MU time')")
    assert not page.is_visible("text=Everything checks out.")

    # The cast's times, with the classic mistake: on set at 7:00, before hair/makeup at 7:30.
    for part, value in (("pickup", "6:00 AM"), ("makeup", "6:30 AM"), ("on_set", "8:00 AM")):
        for field in page.locator(f"input[name^=cast_][name$=_{part}]").all():
            field.fill(value)
    page.locator("input[name^=cast_][name$=_makeup]").first.fill("7:30 AM")
    page.locator("input[name^=cast_][name$=_on_set]").first.fill("7:00 AM")
    page.click("summary:has-text('By department and person')")
    page.locator("input[name^=person_]").first.fill("O/C")
    scout = Person.objects.get(production=production, end_date__lt=production.today())
    # her job ended: she is off the sheet (offered a call under 'Past their end date'), and
    # nobody called her, so no check fires
    assert page.is_visible("h3:has-text('Past their end date')")
    assert not page.is_visible("li:has-text('called after their employment ended')")
    page.fill(f"input[aria-label='Call for {scout.display_name}']", "N/W")
    page.click("button:has-text('Save call sheet')")
    page.wait_for_selector("li:has-text('is on set at 7:00 AM, before H/MU at 7:30 AM.')")
    assert not page.is_visible("text=Everything checks out.")
    assert page.locator("input[name^=person_]").first.input_value() == "O/C"

    page.locator("input[name^=cast_][name$=_on_set]").first.fill("8:00 AM")
    page.click("button:has-text('Save call sheet')")
    page.wait_for_selector("text=Everything checks out.")

    # Printed before publishing: front and back, DRAFT on each page and in the file's name;
    # the O/C call prints as typed.
    href = live_server.url + page.get_attribute(".actions a:text-is('PDF')", "href")
    name, pages = _pdf(page, href)
    assert name == f"{production.slug}-call-sheet-1-v1-DRAFT.pdf"
    assert len(pages) == 2 and all("DRAFT" in text for text in pages)
    assert "SCENES" in pages[0] and "CREW" in pages[1] and "O/C" in pages[1]

    page.click("button:has-text('Publish version 1')")
    page.wait_for_selector("text=Published")
    name, pages = _pdf(page, href)
    assert name == f"{production.slug}-call-sheet-1-v1.pdf"
    assert len(pages) == 2 and not any("DRAFT" in text for text in pages)
    assert re.search(r"Published \w{3} \d{1,2}, \d{4},? \d{1,2}:\d\d [AP]M [A-Z]{3,4}", pages[0])
    page.click("a:has-text('Send')")
    page.click("button:has-text('Send')")
    page.wait_for_selector("text=who has it")
    page.wait_for_selector(".status-counts >> text=sent", timeout=30_000)

    # Two recipients open their links on a phone and confirm with one tap.
    lead = production.people.get(cast_number=1)
    grip = production.people.filter(position__icontains="Grip").exclude(email="").first()
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    for person in (lead, grip):
        phone.goto(live_server.url + _link(person.email))
        assert phone.is_visible("text=your call")
        phone.click("button:has-text('confirm')")
        phone.wait_for_selector("text=You confirmed")
    phone.close()

    # The office's page updates by itself.
    page.wait_for_selector(".status-counts >> text=2 confirmed", timeout=15_000)
    assert page.locator("tr.state-row-confirmed").count() == 2
