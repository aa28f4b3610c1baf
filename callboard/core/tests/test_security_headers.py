"""Headers every page carries: a Content-Security-Policy that admits no inline script without
the page's nonce, no caching of pages opened by a personal link, HTTPS rules when configured."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.links import link_grant_create
from callboard.core.testing import add_member
from callboard.people.services import DETAILS_LINK
from callboard.people.testing import make_person

ROOT = Path(settings.BASE_DIR)


def _script_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


@pytest.mark.django_db
def test_pages_allow_scripts_only_from_the_app_or_with_the_pages_nonce(client, production):
    client.force_login(add_member(production, Role.COORDINATOR))
    response = client.get(f"/p/{production.slug}/people/new/")  # has an inline script
    script_src = _script_src(response)
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_htmx_is_told_to_need_no_eval_and_inject_no_styles(client, production):
    client.force_login(add_member(production, Role.COORDINATOR))
    html = client.get(f"/p/{production.slug}/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html).group(1)
    assert '"allowEval": false' in config and '"includeIndicatorStyles": false' in config


def test_no_template_runs_inline_handlers_or_unnonced_inline_scripts():
    offenders = []
    for template in ROOT.joinpath("callboard").rglob("*.html"):
        text = template.read_text()
        if re.search(r"\son[a-z]+\s*=", text) or "hx-on" in text or "javascript:" in text:
            offenders.append(str(template))
        for attrs in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
            if "request.csp_nonce" not in attrs:
                offenders.append(f"{template}: <script{attrs}>")
    assert not offenders


@pytest.mark.django_db
def test_a_page_opened_by_a_personal_link_is_never_stored(client, production):
    person = make_person(production)
    _, token = link_grant_create(
        production=production, purpose=DETAILS_LINK, subject=person, valid_for=timedelta(days=1)
    )
    response = client.get(reverse("person_details_by_link", args=[token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    refused = client.get(reverse("person_details_by_link", args=["forged"]))
    assert "no-store" in refused["Cache-Control"]


@pytest.mark.django_db
def test_office_pages_are_not_marked_no_store_by_the_link_rule(client, production):
    client.force_login(add_member(production, Role.COORDINATOR))
    response = client.get(f"/p/{production.slug}/people/")
    assert "no-store" not in response.get("Cache-Control", "")


def _settings_under(env: dict) -> str:
    """Run Django's deploy check with these environment variables, as production would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "callboard.example.com",
    "SITE_URL": "https://callboard.example.com",
    "SECURE_COOKIES": "true",
    # From the environment, as every machine of a studio must have them (callboard.W001).
    "PII_KEYS": "9p0Ocz0gNkz1Pr3Wd4lQ2yV7iM5fT8bX6hK1nR3sU0E=",
}


def test_the_deploy_check_is_clean_under_the_documented_production_settings():
    result = _settings_under(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_settings_redirect_plain_http_and_send_hsts():
    probe = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'callboard.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.ALLOWED_HOSTS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    secure = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=clean | PRODUCTION_ENV,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert secure[:3] == ["True", "31536000", "True"]
    local = {
        k: v for k, v in clean.items() if k not in ("SECURE_COOKIES", "HTTPS", "ALLOWED_HOSTS")
    }
    plain = subprocess.run(
        [sys.executable, "-c", probe.replace("s.SECURE_SSL_REDIRECT", "s.SECURE_HSTS_SECONDS")],
        cwd=ROOT,
        env=local,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert plain.startswith("0 0 False")
    assert "testserver" not in plain  # only the test runner adds it


@pytest.mark.django_db
def test_an_invitation_page_is_not_kept_by_the_browser(client):
    response = client.get("/invitation/not-a-real-token/")
    assert "no-store" in response.get("Cache-Control", "")
