import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from callboard.core.capabilities import Role
from callboard.core.testing import (
    PASSWORD,
    add_member,
    make_production,
    make_user,
    mark_second_factor_verified,
)

# Property tests judge what is computed, not how fast: on CI's loaded cores (a worker per core)
# a slow example is the machine, not the code. Speed is make bench's (and the linear-time
# tests', which count CPU time).
hypothesis_settings.register_profile(
    "callboard", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("callboard")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    """Tasks run inline in tests; files go to a throwaway folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # pytest-django swaps in locmem; tests read the outbox like a user would.
    settings.EMAIL_BACKEND = "callboard.core.mail.OutboxBackend"


@pytest.fixture(autouse=True)
def _second_factor_on_force_login(monkeypatch):
    """force_login stands for a full sign-in: password and, where the role needs it, the
    second factor (the second factor's own tests sign in through the forms)."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_second_factor_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def production(db):
    return make_production("The Test Show", company="Test Pictures LLC")


@pytest.fixture
def coordinator(production):
    return add_member(production, Role.COORDINATOR)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def member_client(client, production):
    """A logged-in client for any role: member_client(Role.CREW)."""

    def login(role):
        user = add_member(production, role)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def browser_page(live_server):
    """A headless Chromium page (Debian's chromium driven by Playwright)."""
    if not CHROMIUM:
        message = "Chromium is not installed: browser tests cannot run (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        print(f"\n!!! SKIPPING BROWSER TEST: {message}\n")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.fixture
def studio_services():
    """The studio's services, from the environment the studio leg of .ci/run sets: Redis
    (REDIS_URL, TASK_BACKEND=rq) and an S3-compatible bucket (S3_BUCKET, S3_ENDPOINT_URL).
    Elsewhere a studio test skips, loudly; in the studio leg a missing one fails."""
    missing = [name for name in ("REDIS_URL", "S3_BUCKET") if not os.environ.get(name)]
    if missing:
        message = f"studio services not configured: {', '.join(missing)} unset"
        if os.environ.get("STUDIO_LEG") == "true":
            pytest.fail(message)
        print(f"\n!!! SKIPPING STUDIO TEST: {message}\n")
        pytest.skip(message)


__all__ = ["PASSWORD", "make_user"]


def pytest_sessionfinish(session, exitstatus):
    """Django removes the SQLite test file; its WAL side files are ours to remove."""
    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for suffix in ("-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
