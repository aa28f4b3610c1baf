"""What this installation runs on: which task backend, which Redis; said plainly for commands."""

import os
import socket
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

BACKENDS = {
    "django_tasks_db.DatabaseBackend": "database",
    "django_tasks_rq.RQBackend": "rq",
}


def task_backend_kind() -> str:
    """ "database" or "rq" for the backends `manage.py worker` can run; else the class path."""
    path = settings.TASKS["default"]["BACKEND"]
    return BACKENDS.get(path, path)


def worker_name() -> str:
    """host:pid, unique among the workers of every machine (≤ 64 characters, as db_worker
    wants its ids)."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}"


def redis_shown(url: str) -> str:
    """A Redis URL fit to print: its password hidden."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        user = parts.username or ""
        parts = parts._replace(netloc=f"{user}:***@{host}{port}")
    return urlunsplit(parts)


def redis_ping(url: str, *, timeout: float = 3.0) -> None:
    """Raise (redis.exceptions.RedisError) unless the Redis at ``url`` answers within
    ``timeout`` seconds."""
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=timeout, socket_timeout=timeout, retry_on_timeout=False
    )
    try:
        client.ping()
    finally:
        client.close()
