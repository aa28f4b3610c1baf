"""While `manage.py worker` runs, a thread says it is alive (host:pid, backend, when it started,
when last seen); the healthcheck reads the newest."""

import time

import pytest

from callboard.ops import services
from callboard.ops.management.commands.worker import Heartbeat
from callboard.ops.models import WorkerHeartbeat
from callboard.ops.queries import heartbeat_latest


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_moves_last_seen_on(monkeypatch):
    monkeypatch.setattr(services, "BEAT_SECONDS", 0.05)
    monkeypatch.setattr("callboard.ops.management.commands.worker.BEAT_SECONDS", 0.05)
    started = services.heartbeat_start(name="box:42", backend="rq")
    first = WorkerHeartbeat.objects.get(name="box:42").last_seen_at
    beat = Heartbeat(name="box:42", backend="rq", started_at=started)
    beat.start()
    try:
        deadline = time.monotonic() + 5
        while WorkerHeartbeat.objects.get(name="box:42").last_seen_at == first:
            assert time.monotonic() < deadline, "no heartbeat within 5 s"
            time.sleep(0.02)
    finally:
        beat.stopped.set()
        beat.join(timeout=5)
    latest = heartbeat_latest()
    assert (latest.name, latest.backend, latest.started_at) == ("box:42", "rq", started)
    services.heartbeat_stop(name="box:42")
    assert heartbeat_latest() is None


@pytest.mark.django_db
def test_a_worker_starting_forgets_workers_gone_for_a_day():
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(days=2)
    WorkerHeartbeat.objects.create(
        name="gone:1", backend="database", started_at=long_ago, last_seen_at=long_ago
    )
    services.heartbeat_start(name="box:7", backend="database")
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == ["box:7"]
