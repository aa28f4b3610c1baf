"""Served over HTTPS (HTTPS=true), plain HTTP is redirected, except /healthz: a load balancer
probes it over plain HTTP inside the network."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from callboard.ops.models import WorkerHeartbeat


def https_settings() -> dict:
    """What callboard.settings sets when started with HTTPS=true."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, callboard.settings as s; print(json.dumps("
            "{'redirect': s.SECURE_SSL_REDIRECT, 'exempt': s.SECURE_REDIRECT_EXEMPT}))",
        ],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "HTTPS": "true"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_healthz_answers_over_http_while_pages_are_redirected(client, settings):
    https = https_settings()
    settings.SECURE_SSL_REDIRECT = https["redirect"]
    settings.SECURE_REDIRECT_EXEMPT = https["exempt"]
    seen = timezone.now() - timedelta(seconds=2)
    WorkerHeartbeat.objects.create(
        name="box:1", backend="database", started_at=seen, last_seen_at=seen
    )
    assert client.get("/login/").status_code == 301
    assert client.get("/healthz").status_code == 200
