"""An S3 endpoint that takes the connection and never answers (a dead load balancer, a hung
server) fails the storage check within its short timeouts, with why, instead of hanging."""

import socket
import time

from callboard.ops import health


def test_a_silent_endpoint_fails_the_storage_check_within_seconds(settings, monkeypatch):
    monkeypatch.setattr(health, "S3_READ_SECONDS", 1)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections are taken into the backlog, never answered
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "callboard-files",
                    "endpoint_url": endpoint,
                    "region_name": "us-east-1",
                    "file_overwrite": False,
                },
            },
        }
        start = time.monotonic()
        check = health.storage()
        took = time.monotonic() - start
    assert check.ok is False
    assert check.detail.startswith(
        f"could not write a probe object in bucket 'callboard-files' at {endpoint}:"
    )
    assert "timeout" in check.detail.lower()
    assert took < 5


def test_a_closed_endpoint_fails_at_once(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "b-files", "endpoint_url": f"http://127.0.0.1:{port}"},
        },
    }
    start = time.monotonic()
    check = health.storage()
    assert check.ok is False and "Could not connect to the endpoint URL" in check.detail
    assert time.monotonic() - start < 5
