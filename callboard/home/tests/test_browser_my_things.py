"""On a phone: Ann logs in, opens "My things", then her start packet and this week's time
card from it, landing on the same pages her e-mailed links open."""

import contextlib
from decimal import Decimal

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.payroll.engine import sunday_on_or_before
from callboard.people.testing import make_person

from .conftest import send_card, send_packet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _committed(**_):
    return contextlib.nullcontext()  # outside a test transaction the e-mails go on commit


def test_crew_open_their_packet_and_time_card_from_my_things(browser_page, live_server):
    production = make_production("Phone Show")
    add_member(production, Role.CREW, make_user("ann@example.test", name="Ann Lee"))
    ann = make_person(
        production,
        first_name="Ann",
        last_name="Lee",
        email="ann@example.test",
        rate=Decimal("55.75"),
        rate_unit="hour",
    )
    send_packet(ann, _committed)
    send_card(ann, sunday_on_or_before(production.today()), _committed)

    page = browser_page
    log_in(page, live_server, "ann@example.test", production)
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("nav >> text=My things")
    page.wait_for_selector("h1:has-text('My things')")
    page.click("#packets a.item")
    page.wait_for_url("**/l/packet/**")
    page.wait_for_selector("text=Crew start form")
    page.go_back()
    page.click("#timecards a.item:has-text('This week')")
    page.wait_for_url("**/l/timecard/**")
    page.wait_for_selector("button:has-text('Sign and submit')")
