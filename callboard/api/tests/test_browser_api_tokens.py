"""The coordinator's API token, from the account page to a revoked key: made with the write
scope, shown once, read with from outside the browser, revoked, then refused. And the API's
documentation page renders its Swagger UI under the site's Content-Security-Policy."""

import os

import pytest
import requests

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.people.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "/tmp")


def test_a_token_is_made_shown_once_used_and_revoked(browser_page, live_server):
    production = make_production("Token Show")
    add_member(production, Role.COORDINATOR, make_user("coord@example.test"))
    make_person(production, first_name="Rae", last_name="Okafor")
    page = browser_page
    log_in(page, live_server, "coord@example.test", production)

    page.click("header >> text=API tokens")
    page.fill("#id_name", "Payroll sync")
    page.check("#id_can_write")
    page.click("button:has-text('Make the token')")
    key = page.inner_text("#token-made .token-key").strip()
    assert key.startswith("cb_")
    page.screenshot(path=f"{SHOTS}/api-token-made.png", full_page=True)
    page.goto(page.url)  # the page again (a GET, not the form sent once more)
    assert key not in page.content()  # shown that once only
    assert page.locator("tbody tr").count() == 1
    assert "read, write" in page.inner_text("tbody tr")

    url = f"{live_server.url}/api/productions/{production.slug}/people"
    bearer = {"Authorization": f"Bearer {key}"}
    response = requests.get(url, headers=bearer, timeout=10)
    assert response.status_code == 200
    assert [p["last_name"] for p in response.json()["items"]] == ["Okafor"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Revoke')")
    page.wait_for_selector("text=is revoked")
    response = requests.get(url, headers=bearer, timeout=10)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_the_docs_page_renders_swagger_ui_under_the_sites_csp(browser_page, live_server):
    page = browser_page
    refused = []
    page.on("console", lambda m: m.type == "error" and refused.append(m.text))
    response = page.goto(f"{live_server.url}/api/docs")
    assert "script-src" in response.headers["content-security-policy"]
    try:
        page.wait_for_selector(
            ".opblock-summary-path[data-path='/api/productions/{production}/people']"
        )
    finally:
        page.screenshot(path=f"{SHOTS}/api-docs.png", full_page=True)
    assert page.locator(".opblock").count() >= 6
    assert not refused, refused
