"""Is everything Callboard runs on up? One function per piece, each answering ok or failed and
why, each bounded in time: a Redis that is gone or an S3 endpoint that never answers fails its
check within seconds instead of hanging the healthcheck or /healthz.

`manage.py healthcheck` runs every check (the task check queues a probe and waits for a worker
to run it); /healthz runs the cheap ones (a query, the cache, the last worker heartbeat).
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks import TaskResultStatus

from . import runtime
from .queries import heartbeat_latest
from .services import STALE

# How long each check may take before it is reported as not answering.
LIMITS = {"database": 10.0, "storage": 15.0, "cache": 8.0, "mail": 12.0}
S3_CONNECT_SECONDS = 3
S3_READ_SECONDS = 5
SMTP_SECONDS = 5


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str

    def as_dict(self) -> dict:
        return asdict(self)


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:400]


def database() -> Check:
    """A query answers, and no migration waits to be applied."""
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        ms = (time.perf_counter() - start) * 1000
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # the driver's own errors say why (refused, unknown database, ...)
        return Check(False, f"{connection.vendor}: {_why(exc)}")
    if plan:
        first = plan[0][0]
        return Check(
            False,
            f"{len(plan)} migration{'s' if len(plan) != 1 else ''} not applied (first "
            f"{first.app_label}.{first.name}): run python manage.py migrate",
        )
    return Check(True, f"{connection.vendor} answered in {ms:.0f} ms; every migration applied")


def heartbeat() -> Check:
    """A worker said it was alive within the last minute (read, not waited for)."""
    try:
        latest = heartbeat_latest()
    except DatabaseError as exc:
        return Check(False, f"the heartbeats cannot be read: {_why(exc)}")
    if latest is None:
        return Check(
            False, "no worker has reported a heartbeat: start one with python manage.py worker"
        )
    age = (timezone.now() - latest.last_seen_at).total_seconds()
    said = f"last heartbeat {age:.0f} s ago from {latest.name} ({latest.backend})"
    if age > STALE.total_seconds():
        return Check(False, f"no worker alive: {said}")
    return Check(True, said)


def tasks(timeout: float = 30.0) -> Check:
    """A probe task queued on the configured backend is run by a worker within ``timeout``
    seconds; the last heartbeat is said alongside."""
    from .tasks import health_probe

    kind = runtime.task_backend_kind()
    token = uuid.uuid4().hex
    start = time.perf_counter()
    try:
        result = health_probe.enqueue(token=token)
    except Exception as exc:  # Redis refused, the task table missing, ...
        return Check(False, f"a probe task could not be queued ({kind}): {_why(exc)}")
    try:
        return _probe_outcome(result, token=token, kind=kind, start=start, timeout=timeout)
    finally:
        _probe_forget(result, kind)


def _probe_outcome(result, *, token: str, kind: str, start: float, timeout: float) -> Check:
    try:
        while True:
            if result.status == TaskResultStatus.SUCCESSFUL:
                break
            if result.status == TaskResultStatus.FAILED:
                errors = "; ".join(e.traceback.strip().splitlines()[-1] for e in result.errors)
                return Check(False, f"the probe task failed on the {kind} queue: {errors}")
            if time.perf_counter() - start > timeout:
                return Check(
                    False,
                    f"no worker ran the probe task within {timeout:g} s ({kind} queue); "
                    f"{heartbeat().detail}",
                )
            time.sleep(0.2)
            result.refresh()
    except Exception as exc:
        return Check(False, f"the probe task's result cannot be read ({kind}): {_why(exc)}")
    if result.return_value != token:
        return Check(False, f"the probe task came back with {result.return_value!r}")
    ms = (time.perf_counter() - start) * 1000
    beat = heartbeat()
    said = beat.detail if beat.ok else f"but {beat.detail.split(': start one')[0]}"
    return Check(True, f"a worker ran the probe task in {ms:.0f} ms ({kind} queue); {said}")


def _probe_forget(result, kind: str) -> None:
    """The database queue keeps every result: a probe's is removed (run or not, so one left
    waiting is not run later). RQ forgets results by itself after a few minutes."""
    if kind != "database":
        return
    from django_tasks_db.models import DBTaskResult

    with contextlib.suppress(DatabaseError):
        DBTaskResult.objects.filter(id=result.id).exclude(status=TaskResultStatus.RUNNING).delete()


def _probe_storage():
    """The default storage as configured, with short network timeouts when it is a bucket."""
    from django.core.files.storage import default_storage
    from django.utils.module_loading import import_string

    config = settings.STORAGES["default"]
    if not config["BACKEND"].endswith("s3.S3Storage"):
        return default_storage, f"{config['BACKEND'].rsplit('.', 1)[-1]} at {settings.MEDIA_ROOT}"
    from botocore.config import Config

    options = dict(config.get("OPTIONS", {}))
    options["client_config"] = Config(
        connect_timeout=S3_CONNECT_SECONDS,
        read_timeout=S3_READ_SECONDS,
        retries={"max_attempts": 1, "mode": "standard"},
    )
    where = f"bucket {options.get('bucket_name')!r}"
    if options.get("endpoint_url"):
        where += f" at {options['endpoint_url']}"
    return import_string(config["BACKEND"])(**options), where


def storage() -> Check:
    """A probe object is written, read back and deleted through the default storage."""
    try:
        store, where = _probe_storage()
    except Exception as exc:
        return Check(False, f"the storage cannot be set up: {_why(exc)}")
    payload = f"callboard healthcheck {uuid.uuid4().hex}".encode()
    step = "write"
    try:
        name = store.save(f"healthcheck/probe-{uuid.uuid4().hex}.txt", ContentFile(payload))
        step = "read back"
        with store.open(name, "rb") as probe:
            back = probe.read()
        step = "delete"
        store.delete(name)
    except Exception as exc:
        return Check(False, f"could not {step} a probe object in {where}: {_why(exc)}")
    if back != payload:
        return Check(False, f"a probe object read back from {where} differs from what was written")
    return Check(True, f"wrote, read back and deleted a probe object in {where}")


def cache() -> Check:
    """Each configured cache takes a value, gives it back and forgets it."""
    said = []
    for alias, config in settings.CACHES.items():
        kind = config["BACKEND"].rsplit(".", 1)[-1]
        key = f"healthcheck:{uuid.uuid4().hex}"
        try:
            store = caches[alias]
            store.set(key, "probe", 30)
            back = store.get(key)
            store.delete(key)
        except Exception as exc:
            hint = "; run python manage.py createcachetable" if kind == "DatabaseCache" else ""
            return Check(False, f"{alias} ({kind}): {_why(exc)}{hint}")
        if back != "probe":
            return Check(False, f"{alias} ({kind}): a value set was not read back")
        said.append(f"{alias} ({kind})")
    return Check(True, "set, read and deleted a value in " + ", ".join(said))


MAIL_SCHEMES = ("smtp", "smtp+tls", "submission", "smtps")


def mail() -> Check:
    """EMAIL_URL reads as an SMTP address and the server there answers (and takes the login)."""
    if not settings.EMAIL_URL:
        return Check(True, "no EMAIL_URL: mail is kept in the in-app outbox")
    try:
        url = urlparse(settings.EMAIL_URL)
        port = url.port
    except ValueError as exc:
        return Check(False, f"EMAIL_URL cannot be read: {_why(exc)}")
    if url.scheme not in MAIL_SCHEMES or not url.hostname:
        return Check(
            False,
            "EMAIL_URL must look like smtp://user:password@host:port "
            f"(schemes: {', '.join(MAIL_SCHEMES)}); got scheme {url.scheme!r}",
        )
    from callboard.core.mail import _smtp_backend

    relay = _smtp_backend()
    relay.timeout = SMTP_SECONDS
    where = f"{url.hostname}:{port or 25}"
    try:
        relay.open()
        relay.close()
    except Exception as exc:
        return Check(False, f"SMTP server {where}: {_why(exc)}")
    login = f", login as {unquote(url.username)} accepted" if url.username else ""
    return Check(True, f"SMTP server {where} answered ({url.scheme}{login})")


def _bounded(name: str, check: Callable[[], Check], limit: float) -> Callable[[], Check]:
    """Run ``check`` in a thread of its own; past ``limit`` seconds it is reported as not
    answering (the thread is left to finish by itself)."""
    box: list[Check] = []

    def run():
        try:
            box.append(check())
        except Exception as exc:  # a check must say why, never crash the others
            box.append(Check(False, f"unexpected error: {_why(exc)}"))
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"healthcheck-{name}", daemon=True)
    deadline = time.monotonic() + limit
    thread.start()

    def wait() -> Check:
        thread.join(max(0.0, deadline - time.monotonic()))
        if box:
            return box[0]
        return Check(False, f"no answer within {limit:g} s")

    return wait


def run_all(*, timeout: float = 30.0) -> dict[str, Check]:
    """Every check at once, each in its own thread and within its own limit."""
    checks = {
        "database": (database, LIMITS["database"]),
        "tasks": (lambda: tasks(timeout), timeout + 5),
        "storage": (storage, LIMITS["storage"]),
        "cache": (cache, LIMITS["cache"]),
        "mail": (mail, LIMITS["mail"]),
    }
    waits = {name: _bounded(name, fn, limit) for name, (fn, limit) in checks.items()}
    return {name: wait() for name, wait in waits.items()}


def run_quick() -> dict[str, Check]:
    """/healthz: a query, the cache and the last heartbeat, in the request's own thread (each
    client gives up within seconds)."""
    return {"database": _quick_database(), "cache": cache(), "worker": heartbeat()}


def _quick_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check(False, f"{connection.vendor}: {_why(exc)}")
    return Check(True, f"{connection.vendor} answered")
