"""DEBUG=true bin/serve is for development: Django's own server (it reloads on code changes)
instead of gunicorn, the worker still beside it; SIGTERM stops both."""

import urllib.request

import pytest

from . import studio


def server_header(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.headers["Server"] if response.status == 200 else ""
    except OSError:
        return ""


@pytest.mark.django_db(transaction=True)
def test_debug_serves_through_django_runserver(tmp_path):
    port = studio.free_port()
    env = studio.environment(
        CALLBOARD_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=studio.database_url(tmp_path),
        HOST="127.0.0.1",
        PORT=str(port),
        DEBUG="true",
    )
    log = tmp_path / "serve.log"
    server = studio.start(["bin/serve"], env=env, log=log)
    url = f"http://127.0.0.1:{port}/login/"
    try:
        studio.wait_until(lambda: server_header(url), timeout=60, what="/login/ 200", log=log)
        assert server_header(url).startswith("WSGIServer")
        studio.wait_until(
            lambda: "on the database queue" in log.read_text(), timeout=30, what="the worker"
        )
    finally:
        studio.stop(server)
    studio.wait_until(lambda: studio.session_gone(server), timeout=30, what="all stopped", log=log)
