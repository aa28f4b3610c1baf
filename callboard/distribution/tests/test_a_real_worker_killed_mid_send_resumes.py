"""Issue 14, with real processes: `manage.py db_worker` is SIGKILLed right after the mail server
took the third message; its task stays RUNNING for ever. A worker started a lease later finishes
the send by itself: the three sent are not sent again, the killed one is in doubt, the rest go."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from callboard.distribution.models import Dispatch

from .conftest import messages_to, send_note

ROOT = Path(settings.BASE_DIR)


def _worker(url: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--skip-checks",
            "--interval",
            "0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "callboard.distribution.tests.worker_settings",
            **env,
        },
    )


def _database_url(tmp_path) -> str:
    """The test database as the worker process can open it (SQLite: copied to a file)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _read_back(url: str) -> None:
    if connection.vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as copy:
            copy.backup(connection.connection)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_is_resumed_by_the_next_worker(
    production, crew, db_tasks, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    url = _database_url(tmp_path)
    killed = _worker(url, DIE_AT_MESSAGE="3")
    assert killed.returncode == -9, killed.stderr
    time.sleep(1.2)  # the lease (a second here) runs out
    resumed = _worker(url)
    assert resumed.returncode == 0, resumed.stderr
    _read_back(url)

    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    states = [d.state for d in dispatch.deliveries.order_by("pk")]
    assert states == ["sent", "sent", "in-doubt", "sent", "sent", "sent", "unreachable"]
    assert [messages_to(d) for d in dispatch.deliveries.order_by("pk")] == [1] * 6 + [0]
