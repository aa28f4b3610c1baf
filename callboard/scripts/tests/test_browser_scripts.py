"""A coordinator imports a script and cuts sides in Chromium."""

from pathlib import Path

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import PASSWORD, add_member, make_production, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CYBER_BOB = Path(__file__).parent / "data" / "public-domain" / "Cyber_Bob_ep00001.fountain"


def test_import_a_fountain_script_and_download_sides(browser_page, live_server):
    production = make_production("Browser Script Show")
    add_member(production, Role.COORDINATOR, make_user("scripts@example.test"))
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "scripts@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
    page.click("nav >> text=Script")
    page.set_input_files("#id_file", str(CYBER_BOB))
    page.click("button:has-text('Import')")
    page.wait_for_selector("text=3 scenes")
    assert page.is_visible("text=SUBURBAN TRAFFIC INTERSECTION")
    page.check("input[aria-label='Scene 2']")
    with page.expect_download() as sides:
        page.click("button:has-text('Make sides')")
    assert sides.value.path().read_bytes()[:5] == b"%PDF-"
