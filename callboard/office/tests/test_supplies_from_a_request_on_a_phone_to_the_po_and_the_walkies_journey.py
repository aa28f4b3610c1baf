"""Issue 20's supplies and issued items in one browser test: a grip asks the office for copy
paper on a phone; the coordinator fills it, counts the shelf under its level and orders from
the vendor (a PO waiting for approval); then issues walkie #12 to the grip, is refused #12 for
a second grip, and sees it on the grip's page, due back before their last day. Screenshots go
to $SHOTS."""

import os
from datetime import timedelta

import pytest

from callboard.accounting.models import PurchaseOrder
from callboard.core.capabilities import Role
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.office.models import IssuedItem, SupplyRequest
from callboard.people.testing import make_person

from .supplies_data import office_books, supply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"supplies-{name}.png"), full_page=True)


def log_in(page, live_server, email):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")


def click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_a_request_filled_a_reorder_made_a_po_and_a_walkie_held_by_one_grip(
    browser_page, live_server, production
):
    paperclip = office_books(production)
    paper = supply(production, paperclip, stock=7, reorder_level=6)
    add_member(production, Role.CREW, user=make_user("grip@example.test", name="Sam Grip"))
    add_member(production, Role.COORDINATOR, user=make_user("poc@example.test", name="Pat Kim"))
    first = make_person(production, first_name="Sam", last_name="Okafor",
                        end_date=production.today() + timedelta(days=3))  # fmt: skip
    second = make_person(production, first_name="Lee", last_name="Park")
    base = f"{live_server.url}/p/{production.slug}/office/supplies"

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "grip@example.test")
    page.goto(f"{base}/")
    page.select_option("#id_supply", str(paper.pk))
    page.fill("#id_quantity", "3")
    page.fill("#id_note", "For the grip truck")
    click(page, "#ask button[type=submit]")
    assert "Asked the office for 3 case of Copy paper" in page.inner_text("body")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the supplies page scrolls sideways on a phone ({width}px)"
    shot(page, "1-asked-on-a-phone")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "poc@example.test")
    page.goto(f"{live_server.url}/p/{production.slug}/office/")
    assert "1 request waiting" in page.inner_text("#office-supplies")
    page.goto(f"{base}/")
    click(page, "#requests button:has-text('Fill')")
    assert SupplyRequest.objects.get().status == SupplyRequest.Status.FILLED
    # 4 left; the shelf says 2.
    page.fill(f"input[aria-label='Count of {paper.name}']", "-2")
    click(page, "#catalogue button:has-text('Count')")
    assert "cannot be below zero" in page.inner_text("body")
    page.fill(f"input[aria-label='Count of {paper.name}']", "2")
    click(page, "#catalogue button:has-text('Count')")
    assert "order 10 case" in page.inner_text("#reorder")
    shot(page, "2-reorder-waiting")
    click(page, "#reorder button:has-text('Order from Paperclip Office Supply')")
    assert "PO 0001 to Paperclip Office Supply waits for approval" in page.inner_text("body")
    assert PurchaseOrder.objects.get().status == PurchaseOrder.Status.PENDING
    shot(page, "3-ordered")

    page.goto(f"{base}/issued/")
    page.fill("#id_number", "#12")
    page.select_option("#id_person", str(first.pk))
    click(page, "#issue button[type=submit]")
    page.fill("#id_number", "12")
    page.select_option("#id_person", str(second.pk))
    click(page, "#issue button[type=submit]")
    assert "Walkie #12 is out with Sam Okafor" in page.inner_text("[role=alert]")
    assert IssuedItem.objects.count() == 1
    shot(page, "4-walkie-refused")

    page.goto(f"{live_server.url}/p/{production.slug}/people/{first.pk}/")
    assert "due back by" in page.inner_text("#issued-items")
    shot(page, "5-on-the-person-page")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/issued/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the issued items page scrolls sideways on a phone ({width}px)"
    click(page, "#held button:has-text('Back')")
    assert IssuedItem.objects.get().returned_state == "good"
    shot(page, "6-returned-on-a-phone")
