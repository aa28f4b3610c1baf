"""Shared pieces for tests that start Callboard's own processes (a worker, an app server) on
the test database: how a subprocess reaches that database, a Redis database of the test's own,
starting a process in a session of its own and stopping it (or killing it outright).

Tests using these take ``@pytest.mark.django_db(transaction=True)``: a subprocess sees only
what is committed. On SQLite the subprocess works on a copy of the test database
(``database_url``), read back with ``read_back``; on PostgreSQL it opens the test database.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable

# The studio's services, as the studio leg of .ci/run sets them; a subprocess on the laptop
# defaults gets none of them.
STUDIO_VARIABLES = (
    "REDIS_URL",
    "TASK_BACKEND",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "DATABASE_URL",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    """The test database as a subprocess can open it (SQLite: copied to a file first)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "subprocess.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def read_back(url: str) -> None:
    """What the subprocess wrote, into the test's database (SQLite only; PostgreSQL is shared)."""
    if connection.vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as copy:
            copy.backup(connection.connection)


def redis_url_of_its_own(db: int) -> str:
    """REDIS_URL with database number ``db`` instead (the studio leg's is 13), flushed: a test's
    queue holds only its own jobs."""
    import redis

    parts = urlsplit(os.environ["REDIS_URL"])
    url = urlunsplit(parts._replace(path=f"/{db}"))
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    client.flushdb()
    client.close()
    return url


def environment(**variables: str) -> dict[str, str]:
    """This process's environment without the studio's services, plus ``variables``."""
    base = {k: v for k, v in os.environ.items() if k not in STUDIO_VARIABLES}
    return {**base, **variables}


def start(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process of Callboard's in a session of its own (so it and its children can be
    stopped, or killed, together), its output in ``log``."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def start_worker(
    *, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()
) -> subprocess.Popen:
    """`manage.py worker` (the backend TASK_BACKEND in ``env`` says)."""
    return start([PYTHON, "manage.py", "worker", *extra], env=env, log=log)


def stop(process: subprocess.Popen, *, timeout: float = 30) -> int:
    """SIGTERM to the process's whole session, as a service manager stops it; its exit status."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        raise


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the whole session: the machine's power cut (the worker, its work horse, its
    scheduler, all at once)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def session_gone(process: subprocess.Popen) -> bool:
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return True
    return False


def wait_until(
    predicate: Callable[[], bool], *, timeout: float, what: str, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise AssertionError(f"{what}: not within {timeout:g} s\n{tail}")
        time.sleep(0.1)


def answers(url: str) -> bool:
    """True when ``url`` answers 200."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_app_server(
    *, env: dict[str, str], log: Path, workers: int = 1
) -> tuple[str, subprocess.Popen]:
    """An app server as bin/serve starts one without its worker (gunicorn with
    bin/gunicorn.conf.py) on a free loopback port, answering; its base URL and process."""
    port = free_port()
    server_env = {
        **env,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "ACCESS_LOG": "",
    }
    server_env.pop("DEBUG", None)
    process = start(
        [str(Path(PYTHON).with_name("gunicorn")), "-c", "bin/gunicorn.conf.py"],
        env=server_env,
        log=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: answers(f"{base}/login/"), timeout=60, what=f"gunicorn on {port}", log=log
        )
    except AssertionError:
        kill(process)
        raise
    return base, process
