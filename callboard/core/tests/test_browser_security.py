"""In a real browser, with DEBUG off as in production: a UPM signs in with password and
authenticator code, the styles and htmx load from WhiteNoise, htmx works under the
Content-Security-Policy, inline scripts with the nonce run, and the browser reports no
policy violation."""

import pytest
from django.conf import settings

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.people.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_with_debug_off_styles_htmx_and_nonced_scripts_work_under_the_policy(
    browser_page, live_server
):
    assert not settings.DEBUG
    production = make_production("Policy Show")
    add_member(production, Role.UPM, make_user("upm@example.test"))
    grip = make_person(production, first_name="Existing", last_name="Grip", position="Key Grip")
    make_person(production, first_name="Ana", last_name="Ruiz", position="1st AC")
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    log_in(page, live_server, "upm@example.test", production)  # password, then the code

    # Styles: the top bar takes its colour from callboard.css, served by WhiteNoise.
    colour = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")

    # htmx: loaded, and the crew list filters as you type without a page load.
    page.goto(f"{live_server.url}/p/{production.slug}/people/")
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False
    page.evaluate("window.notReloaded = true")
    page.fill("#q", "ruiz")
    page.wait_for_selector("text=Existing Grip", state="hidden")  # no eval: the CSP forbids it
    assert page.is_visible("text=Ana Ruiz")
    assert page.evaluate("window.notReloaded") is True

    # A nonced inline script runs: the person form hides the cast-only fields for crew.
    page.goto(f"{live_server.url}/p/{production.slug}/people/new/")
    page.wait_for_load_state("load")
    assert page.is_hidden("[data-field=character]")

    # The shared behaviours from callboard.js: a confirm before removing someone.
    messages = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/p/{production.slug}/people/{grip.pk}/")
    page.click("button:has-text('Remove')")
    assert messages and "Remove Existing Grip" in messages[0]
    assert production.people.filter(pk=grip.pk, deleted_at__isnull=True).exists()

    assert not violations, violations
