"""Issue 20 item 1's journey in one browser test: the coordinator asks for a drive-on, approves
it, prints the gate list; the guard opens the gate's page on a phone, a forged code is not
valid, the guest's QR link opens the pass with a check-in button, and they are in. Screenshots
go to $SHOTS."""

import os

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.office.models import GateCheck, Pass

from .gate_data import make_gate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"gate-{name}.png"), full_page=True)


def narrow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_drive_on_asked_approved_printed_and_checked_in_on_a_phone(
    browser_page, live_server, production
):
    make_gate(production, address="1200 Lot Road")
    add_member(production, Role.COORDINATOR, user=make_user("poc@example.test", name="Pat Kim"))
    today = production.today().isoformat()
    base = f"{live_server.url}/p/{production.slug}/office/gate"
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "poc@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    # Ask for the pass, from the Office page's card.
    page.goto(f"{live_server.url}/p/{production.slug}/office/")
    page.click("#office-gate a:text('Ask for a pass')")
    page.fill("#id_name", "Dana Whitfield")
    page.fill("#id_company", "Whitfield Casting")
    page.fill("#id_host", "Casting office")
    page.select_option("#id_purpose", "casting")
    page.fill("#id_start_date", today)
    page.fill("#id_end_date", today)
    page.fill("#id_arrival_time", "09:30")
    page.fill("#id_vehicle_make", "Silver Prius")
    page.fill("#id_plate", "8KTR$21")
    with page.expect_navigation():
        page.click("button:text('Send to the office')")
    assert "not a licence plate" in page.inner_text("body")
    page.fill("#id_plate", "8ktr421")
    with page.expect_navigation():
        page.click("button:text('Send to the office')")
    assert "is with the office for approval" in page.inner_text("body")
    shot(page, "1-waiting")

    with page.expect_navigation():
        page.click("button:text('Approve')")
    assert Pass.objects.get().status == Pass.Status.APPROVED
    page.click("a:has-text('Main Gate')")
    assert "Dana Whitfield" in page.inner_text("table") and "8KTR421" in page.inner_text("table")
    shot(page, "2-gate-list")
    pdf = page.request.get(
        live_server.url + page.get_attribute("a:has-text('Print (PDF)')", "href")
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    # The guard's page link and the pass's phone link, as the office hands them out.
    page.goto(f"{base}/gates/")
    with page.expect_navigation():
        page.click('button:text("Guard\'s page link")')
    guard_link = page.get_attribute("#made-link", "href")
    page.goto(f"{base}/passes/{Pass.objects.get().pk}/")
    pass_link = page.get_attribute("a[href*='/l/pass/']", "href")

    # The guard, on a phone, with no account.
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(guard_link)
    phone.fill("#code", pass_link.replace("/l/pass/", "/l/pass/forged"))
    with phone.expect_navigation():
        phone.click("button:text('Arriving')")
    assert "Not valid" in phone.inner_text("#verdict")
    shot(phone, "3-guard-not-valid")
    phone.goto(pass_link)  # the guard's camera opens the guest's QR code
    assert phone.locator(".qr svg").count() == 1
    shot(phone, "4-pass-on-the-guards-phone")
    assert narrow(phone) <= 390, "the pass page scrolls sideways on a phone"
    with phone.expect_navigation():
        phone.click("button:text('Check in at Main Gate')")
    assert "Valid — in" in phone.inner_text("#verdict")
    assert "In now (1)" in phone.inner_text("body")
    assert narrow(phone) <= 390, "the guard's page scrolls sideways on a phone"
    shot(phone, "5-guard-checked-in")
    assert GateCheck.objects.filter(valid=True).count() == 1
    assert GateCheck.objects.filter(valid=False).count() == 1
