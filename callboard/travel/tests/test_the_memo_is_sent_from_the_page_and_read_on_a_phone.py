"""In a browser: the coordinator presses Send memo on Margo's travel page, the memo goes out
(the outbox has it), and Margo opens her link on a phone — each flight's times in their own
airports' zones — and taps "I have it"."""

import os
import re

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.distribution.models import Delivery

from .memo_trip import los_angeles_rate, margo_with_a_trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_coordinator_sends_the_memo_and_the_traveller_reads_it_on_a_phone(
    browser_page, live_server, production
):
    los_angeles_rate(production)
    margo = margo_with_a_trip(production)
    add_member(production, Role.COORDINATOR, user=make_user("poc@example.test", name="Pat Kim"))
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "poc@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/p/{production.slug}/travel/people/{margo.pk}/")
    assert page.is_visible("text=Not sent yet.")
    with page.expect_navigation():
        page.click("button:has-text('Send memo')")
    assert page.is_visible("text=Travel memo version 1 is on its way to Margo Lane.")
    shot(page, "memo-1-traveller-page-sent")

    body = OutboundEmail.objects.get(to="margo@example.test").body
    link = re.search(r"https?://[^/\s]+(/l/memo/[^/\s]+/)", body).group(1)
    page.context.clear_cookies()  # the traveller has no account
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{link}")
    assert page.is_visible("text=Departs JFK Wed 9 Dec 8:00 AM EST · Arrives LAX 11:30 AM PST")
    assert page.is_visible("text=Departs LAX Sat 12 Dec 1:00 PM PST · Arrives JFK 9:25 PM EST")
    shot(page, "memo-2-phone-page")
    with page.expect_navigation():
        page.click("button:has-text('I have it')")
    assert page.is_visible("text=You confirmed you have it.")
    assert Delivery.objects.get(person=margo).confirmed_at is not None
