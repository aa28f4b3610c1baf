"""Fault injection for sends, for distribution's tests and for every app whose messages it
sends: the database task queue with a real worker, a clock that can be moved on, and a worker
that dies (as with SIGKILL) before or after a step of tasks.py."""

import itertools
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from callboard.distribution import tasks

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Killed(BaseException):
    """A SIGKILL seen from inside: nothing after it runs, the open transaction rolls back."""


def run_worker() -> None:
    """`manage.py db_worker --batch`: run every task that is due, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@contextmanager
def later(monkeypatch, *, minutes: float):
    """The clock moved on: leases run out and deferred tasks fall due."""
    real_now = timezone.now
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=minutes))
        yield


def die_at(monkeypatch, name: str, when: str, *, nth: int = 3) -> None:
    """The worker dies before or after the nth call of tasks.``name`` (_claim, _transmit,
    _mark)."""
    real = getattr(tasks, name)
    calls = itertools.count(1)

    def dying(*args, **kwargs):
        n = next(calls)
        if when == "before" and n == nth:
            raise Killed
        result = real(*args, **kwargs)
        if when == "after" and n == nth:
            raise Killed
        return result

    monkeypatch.setattr(tasks, name, dying)


def worker_killed_then_restarted(monkeypatch, *, name: str, when: str, nth: int = 1) -> None:
    """Run the queue with a worker that dies at that step, then restart it later twice (the
    lease has run out: the send left behind is resumed; then once more, which sends nothing)."""
    with monkeypatch.context() as faults:
        die_at(faults, name, when, nth=nth)
        run_worker()
    with later(monkeypatch, minutes=2):
        run_worker()
    with later(monkeypatch, minutes=10):
        run_worker()
