"""Stateless app servers (issue 17, item 4): two gunicorn servers on different ports, each with
a local folder of its own, sharing one PostgreSQL, Redis and bucket. A person signs in on one
and types their second factor on the other, uploads a script through one and downloads it
through the other with the same session cookie; the password-reset throttle counts requests
made to either."""

import http.cookiejar
import os
import re
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import boto3
import pytest
from django.conf import settings
from django.db import connection

from callboard.core.capabilities import Role
from callboard.core.models import User
from callboard.core.testing import PASSWORD, add_member, authenticator_code, authenticator_device
from callboard.scripts.models import ScriptVersion
from callboard.scripts.tests.test_script_import import CYBER_BOB

from . import studio

REDIS_DB = 12
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One browser: one cookie jar for every server on 127.0.0.1 (a cookie belongs to the host,
    not to the port), redirects not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects
        )

    def request(self, url: str, data: bytes | None = None, headers=None):
        try:
            with self.opener.open(
                urllib.request.Request(url, data=data, headers=headers or {}), timeout=30
            ) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, url: str):
        return self.request(url)

    def post(self, url: str, fields: dict, files: dict | None = None):
        """A form as the page posts it, its CSRF token read from the page first."""
        _, _, page = self.get(url)
        fields = {"csrfmiddlewaretoken": CSRF.search(page.decode()).group(1), **fields}
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )


@pytest.fixture
def two_app_servers(studio_services, tmp_path):
    """Two app servers on the test database, the studio's Redis (a database of this test's
    own) and bucket, the same SECRET_KEY and PII_KEYS, and a local folder each."""
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database (the studio leg's)")
    env = studio.environment(
        DATABASE_URL=studio.database_url(tmp_path),
        REDIS_URL=studio.redis_url_of_its_own(REDIS_DB),
        TASK_BACKEND="rq",
        S3_BUCKET=os.environ["S3_BUCKET"],
        S3_ENDPOINT_URL=os.environ.get("S3_ENDPOINT_URL", ""),
        S3_REGION=os.environ.get("S3_REGION", ""),
        SECRET_KEY=settings.SECRET_KEY,
        PII_KEYS=",".join(settings.PII_KEYS),
    )
    servers = []
    try:
        for name in ("a", "b"):
            folder = tmp_path / f"var-{name}"
            base, process = studio.start_app_server(
                env={**env, "CALLBOARD_VAR_DIR": str(folder)}, log=tmp_path / f"{name}.log"
            )
            servers.append((base, process, folder))
        yield servers
    finally:
        for _, process, _ in servers:
            studio.stop(process)


def stored(name: str) -> bytes:
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("S3_REGION") or "us-east-1",
    )
    return s3.get_object(Bucket=os.environ["S3_BUCKET"], Key=name)["Body"].read()


@pytest.mark.studio
@pytest.mark.django_db(transaction=True)
def test_two_app_servers_serve_the_same_sessions_files_and_throttles(production, two_app_servers):
    (a, _, a_folder), (b, _, b_folder) = two_app_servers
    upm = add_member(production, Role.UPM)  # signs in with a second factor
    browser = Browser()

    # Password on A, the authenticator's code on B, then the show's page on A.
    status, _, _ = browser.post(f"{a}/login/", {"username": upm.email, "password": PASSWORD})
    assert status == 302, status
    status, headers, _ = browser.get(f"{b}/p/{production.slug}/")  # signed in, code not typed
    assert status == 302 and "second-factor" in headers["Location"], status
    code = authenticator_code(authenticator_device(User.objects.get(pk=upm.pk)))
    asked = urlsplit(headers["Location"])
    status, _, _ = browser.post(f"{b}{asked.path}?{asked.query}", {"code": code})
    assert status == 302
    assert browser.get(f"{a}/p/{production.slug}/")[0] == 200

    # A script uploaded through A comes back through B, from the bucket.
    status, _, _ = browser.post(
        f"{a}/p/{production.slug}/scripts/",
        {"colour": "White", "revision_date": "2027-01-04"},
        {"file": ("cyber_bob.fountain", CYBER_BOB.read_bytes())},
    )
    assert status == 302, status
    version = ScriptVersion.objects.get(production=production)
    status, headers, pdf = browser.get(f"{b}/p/{production.slug}/scripts/{version.pk}/script.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF") and pdf == stored(version.pdf.name)
    assert not [*a_folder.rglob("*.pdf"), *b_folder.rglob("*.pdf")]  # nothing on their disks

    # Someone else's browser asks for password resets: three an hour for one address, counted
    # by both servers together.
    stranger = Browser()
    asks = [(a, 302), (b, 302), (a, 302), (b, 429)]
    for server, expected in asks:
        status, _, _ = stranger.post(f"{server}/password/reset/", {"email": upm.email})
        assert status == expected, (server, status)
