"""`manage.py worker`: the background worker for the configured task backend.

First the sends a killed worker left half done are queued again (resume_sends, and
webhooks_resume for webhook deliveries), then the right
worker runs: django-tasks-db's db_worker by default, an RQ worker (django-rq's rqworker with
django-tasks-rq's job class and RQ's scheduler, which deferred tasks need) with TASK_BACKEND=rq.
Start as many as you like on as many machines as you like: each takes its own tasks. While it
runs, a thread records a heartbeat every ten seconds (ops.WorkerHeartbeat), which the
healthcheck and /healthz read.
"""

import contextlib
import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from callboard.ops import runtime
from callboard.ops.services import BEAT_SECONDS, heartbeat_beat, heartbeat_start, heartbeat_stop

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Says every BEAT_SECONDS that this worker is alive, until stopped."""

    def __init__(self, *, name: str, backend: str, started_at):
        super().__init__(name="callboard-heartbeat", daemon=True)
        self.worker, self.backend, self.started_at = name, backend, started_at
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(BEAT_SECONDS):
            try:
                heartbeat_beat(name=self.worker, backend=self.backend, started_at=self.started_at)
            except DatabaseError as exc:  # the database away for a moment: try again later
                logger.warning("worker heartbeat not recorded: %s", exc)
            finally:
                connections.close_all()  # this thread's own connection, not the worker's


class Command(BaseCommand):
    help = (
        "Run the background worker for the configured task backend (the database queue by "
        "default; RQ with TASK_BACKEND=rq and REDIS_URL). Queues again the sends a killed worker "
        "left half done, then works until stopped (Ctrl-C or SIGTERM finish the task at hand)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Run the tasks that are due, then stop (the database worker's --batch, RQ's "
            "--burst).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Database queue only: seconds between looks at an empty queue (default 1).",
        )

    def handle(self, *args, burst: bool, interval: float, verbosity: int, **options):
        kind = runtime.task_backend_kind()
        if kind not in ("database", "rq"):
            raise CommandError(
                f"TASK_BACKEND {kind!r} has no worker this command can start: set "
                "TASK_BACKEND=database (the default) or TASK_BACKEND=rq with REDIS_URL."
            )
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if kind == "rq":
            self._check_redis()
        name = runtime.worker_name()
        try:
            call_command("resume_sends", stdout=self.stdout, stderr=self.stderr)
            call_command("webhooks_resume", stdout=self.stdout, stderr=self.stderr)
            started_at = heartbeat_start(name=name, backend=kind)
        except DatabaseError as exc:
            raise CommandError(f"The database cannot be reached: {exc}") from exc
        beat = Heartbeat(name=name, backend=kind, started_at=started_at)
        beat.start()
        self.stdout.write(f"Worker {name} on the {kind} queue (heartbeat every {BEAT_SECONDS} s).")
        try:
            if kind == "rq":
                self._rq(name, burst=burst, verbosity=verbosity)
            else:
                self._database(name, burst=burst, interval=interval, verbosity=verbosity)
        finally:
            beat.stopped.set()
            beat.join(timeout=5)
            with contextlib.suppress(DatabaseError):  # else it goes stale by itself
                heartbeat_stop(name=name)

    def _check_redis(self) -> None:
        if not settings.REDIS_URL:
            raise CommandError(
                "TASK_BACKEND=rq needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379/0)."
            )
        try:
            runtime.redis_ping(settings.REDIS_URL)
        except Exception as exc:  # redis' errors, a malformed URL: say which and why
            raise CommandError(
                f"Redis at {runtime.redis_shown(settings.REDIS_URL)} does not answer: {exc}"
            ) from exc

    def _database(self, name: str, *, burst: bool, interval: float, verbosity: int) -> None:
        call_command(
            "db_worker",
            interval=interval,
            batch=burst,
            reload=False,
            startup_delay=not burst,
            worker_id=name,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def _rq(self, name: str, *, burst: bool, verbosity: int) -> None:
        queues = list(settings.RQ_QUEUES)
        call_command(
            "rqworker",
            *queues,
            job_class="django_tasks_rq.Job",
            worker_class="callboard.ops.rqworker.Worker",
            with_scheduler=True,  # deferred tasks (a send's look-again run) wait in its registry
            name=name,
            burst=burst,
            verbosity=verbosity,
        )
