"""From the demo's schedule, a coordinator builds day 1's call sheet, fixes its checks,
publishes and sends it, and watches confirmations arrive as recipients tap their links."""

import re

import pytest

from callboard.callsheets.models import CallSheet
from callboard.core.demo import DEMO_PASSWORD, demo_production_build
from callboard.core.models import OutboundEmail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(address: str) -> str:
    body = OutboundEmail.objects.filter(to=address).latest("id").body
    return re.search(r"https?://\S+(/l/call/\S+/)", body).group(1)


def test_build_check_publish_send_and_watch_confirmations(browser_page, live_server):
    production = demo_production_build()
    CallSheet.objects.filter(production=production).delete()  # the demo's draft: start afresh
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
    page.click("button:has-text('Save call sheet')")
    page.wait_for_selector("text=Everything checks out.")

    page.click("button:has-text('Publish version 1')")
    page.wait_for_selector("text=Published")
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
