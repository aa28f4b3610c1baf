"""Issue 18, item 3, in a browser: the 2nd AD fills the day's Exhibit G from the call sheet,
types a performer's late dismissal (a bad time first, refused with nothing saved), sees the
meal penalties the pay engine computes, and the performer signs their row on a phone through
the signing link."""

import os
import re

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.reports.models import CastTime
from callboard.reports.services import report_start, set_time_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_exhibit_g_filled_on_set_and_signed_on_a_phone(
    browser_page, live_server, day_one, on_set
):
    production = day_one.production
    report = report_start(actor=None, call_sheet=day_one)
    for kind, minutes in (("first_shot", 460), ("meal_out", 790), ("meal_in", 820)):
        set_time_record(actor=None, report=report, kind=kind, minutes=minutes)
    set_time_record(actor=None, report=report, kind="camera_wrap", minutes=19 * 60)
    add_member(production, Role.SECOND_AD, user=make_user("secondad@example.test"))

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "secondad@example.test")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(f"{live_server.url}/p/{production.slug}/reports/{report.pk}/exhibit-g/")
    with page.expect_navigation():
        page.click("text=Add the day's cast from the call sheet")
    mary = CastTime.objects.get(report=report, cast_number="1")
    george = CastTime.objects.get(report=report, cast_number="2")
    assert page.locator(f"#row-{mary.pk} td.num").inner_text() == "MP 2"  # lunch 40 min late

    page.fill(f"input[name=r{george.pk}_dismiss]", "1:30")  # the next morning, typed wrong
    with page.expect_navigation():
        page.click("text=Save the Exhibit G")
    assert "before the report (6:30 AM)" in page.locator(f"#row-{george.pk}").inner_text()
    assert page.locator(f"input[name=r{george.pk}_dismiss]").input_value() == "1:30"  # kept
    george.refresh_from_db()
    assert george.dismiss == 19 * 60  # nothing saved
    page.fill(f"input[name=r{george.pk}_dismiss]", "25:30")
    page.fill(f"input[name=r{george.pk}_outfits]", "2")
    with page.expect_navigation():
        page.click("text=Save the Exhibit G")
    george.refresh_from_db()
    assert george.dismiss == 25 * 60 + 30 and george.outfits == 2
    assert (
        int(page.locator(f"#row-{george.pk} td.num").inner_text().removeprefix("MP ")) > 2
    )  # no second meal
    shot(page, "exhibit-g-grid")

    row = page.locator("tr", has_text=mary.person.display_name).last
    with page.expect_navigation():
        row.locator("button:text('Show link')").click()
    link = re.search(r"https?://\S+/l/exhibit-g/\S+/", page.locator(".messages").inner_text())
    path = re.sub(r"^https?://[^/]+", "", link.group(0))

    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{live_server.url}{path}")
    assert "1:10 PM" in phone.inner_text("main") and "Meal penalties" in phone.inner_text("main")
    shot(phone, "exhibit-g-sign-phone")
    phone.fill("#name", "Donna Reed")
    with phone.expect_navigation():
        phone.click("button.primary")
    assert "Signed by Donna Reed" in phone.inner_text("main")
    shot(phone, "exhibit-g-signed-phone")
    page.reload()
    assert "✓ Donna Reed" in page.locator(f"#row-{mary.pk}").inner_text()
    assert page.locator(f"input[name=r{mary.pk}_dismiss]").get_attribute("readonly") is not None
