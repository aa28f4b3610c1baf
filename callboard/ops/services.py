"""The writes of running Callboard: workers saying they are alive."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .models import WorkerHeartbeat

# A worker says it is alive this often; one not heard from for STALE is taken for dead.
BEAT_SECONDS = 10
STALE = timedelta(seconds=60)
# Rows of workers gone for this long are cleared when a worker starts.
FORGOTTEN = timedelta(days=1)


def heartbeat_beat(*, name: str, backend: str, started_at) -> None:
    """Record that the worker ``name`` is alive now."""
    now = timezone.now()
    with transaction.atomic():
        WorkerHeartbeat.objects.update_or_create(
            name=name,
            defaults={"backend": backend, "started_at": started_at, "last_seen_at": now},
        )


def heartbeat_start(*, name: str, backend: str) -> datetime:
    """A worker starting: forget the ones long gone, say this one is alive; its start time."""
    now = timezone.now()
    with transaction.atomic():
        WorkerHeartbeat.objects.filter(last_seen_at__lt=now - FORGOTTEN).delete()
        WorkerHeartbeat.objects.filter(name=name).delete()  # a pid reused after a reboot
    heartbeat_beat(name=name, backend=backend, started_at=now)
    return now


def heartbeat_stop(*, name: str) -> None:
    """A worker that stopped cleanly is no longer counted as alive."""
    with transaction.atomic():
        WorkerHeartbeat.objects.filter(name=name).delete()
