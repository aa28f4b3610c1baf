"""In the browser: the coordinator orders a tech scout's stops farthest first, puts a rider in
a van, sends the schedule, and the attendee opens it on a phone."""

import os
import re

import pytest
from django.test import Client

from callboard.core.models import OutboundEmail
from callboard.people.testing import make_person
from callboard.travel import services

from .scouting import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCOUT_SHOTS")  # a folder for screenshots, to look at the pages


def _logged_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_plan_order_and_send_a_tech_scout(browser_page, live_server, production, coordinator):
    scout, _ = build(production)
    van = services.scout_van_save(actor=None, scout=scout, name="Van 1", driver="Sal")
    ann = make_person(production, first_name="Ann", last_name="Gaffer", position="Gaffer")
    page = browser_page
    _logged_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/p/{production.slug}/travel/scouts/{scout.pk}/")
    page.get_by_role("button", name="Order farthest first").click()
    page.wait_for_load_state()
    assert "No coordinates for Warehouse (no pin)" in page.content()
    rows = page.locator("table.scout-stops tbody tr[id^=stop-] td:nth-child(2) a")
    assert rows.first.inner_text() == "Malibu Beach House"
    page.select_option(f"select[aria-label='Who rides in {van.name}']", label="Ann Gaffer — Gaffer")
    page.get_by_role("button", name="Rides here").click()
    page.wait_for_load_state()
    assert "Ann Gaffer rides in Van 1." in page.content()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/scout-page.png", full_page=True)
    page.get_by_role("button", name="Send to the attendees").click()
    page.wait_for_load_state()
    assert "Sending the scout schedule to 1 attendee" in page.content()
    assert page.get_by_role("button", name=re.compile(r"Version \d+ sent")).is_disabled()
    body = OutboundEmail.objects.get(to=ann.email).body
    link = re.search(r"https?://\S+(/l/scout/\S+/)", body).group(1)
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{live_server.url}{link}")
    assert "You ride in" in phone.content() and "INT. MOTEL" in phone.content()
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/scout-phone.png", full_page=True)
    phone.get_by_role("button", name="I have it").click()
    phone.wait_for_load_state()
    assert "You confirmed you have it" in phone.content()
