"""A coordinator imports a script and cuts sides in Chromium."""

from pathlib import Path

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CYBER_BOB = Path(__file__).parent / "data" / "public-domain" / "Cyber_Bob_ep00001.fountain"


def test_import_a_fountain_script_and_download_sides(browser_page, live_server):
    production = make_production("Browser Script Show")
    add_member(production, Role.COORDINATOR, make_user("scripts@example.test"))
    page = browser_page
    log_in(page, live_server, "scripts@example.test", production)
    page.click("nav >> text=Script")
    page.set_input_files("#id_file", str(CYBER_BOB))
    page.click("button:has-text('Import')")
    page.wait_for_selector("text=3 scenes")
    assert page.is_visible("text=SUBURBAN TRAFFIC INTERSECTION")
    page.check("input[aria-label='Scene 2']")
    with page.expect_download() as sides:
        page.click("button:has-text('Make sides')")
    assert sides.value.path().read_bytes()[:5] == b"%PDF-"
