"""bin/serve (what `make run` calls): gunicorn answers the pages and the static files
(WhiteNoise, no collectstatic), a `manage.py worker` runs beside it (its heartbeat makes
/healthz 200), and SIGTERM stops the server and the worker together."""

import urllib.request

import pytest

from . import studio


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except OSError:
        return 0, {}, b""


@pytest.mark.django_db(transaction=True)
def test_bin_serve_answers_through_gunicorn_and_stops_with_its_worker(tmp_path):
    port = studio.free_port()
    env = studio.environment(
        CALLBOARD_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=studio.database_url(tmp_path),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        ACCESS_LOG="",
    )
    env.pop("DEBUG", None)
    log = tmp_path / "serve.log"
    server = studio.start(["bin/serve"], env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        studio.wait_until(
            lambda: fetch(f"{base}/healthz")[0] == 200, timeout=60, what="/healthz 200", log=log
        )
        status, headers, body = fetch(f"{base}/login/")
        assert status == 200 and headers["Server"] == "gunicorn"
        status, headers, css = fetch(f"{base}/static/core/callboard.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and css
        assert "Worker " in log.read_text() and "on the database queue" in log.read_text()
    finally:
        studio.stop(server)
    studio.wait_until(lambda: studio.session_gone(server), timeout=30, what="all stopped", log=log)
