"""A worker killed outright leaves its RQ scheduler's lock for a minute; the worker that
`manage.py worker` runs looks again every 30 seconds (RQ's default: every 10 minutes), so
deferred sends are not held up for long after a crash."""

from rq.worker import Worker as RQWorker

from callboard.ops.rqworker import MAINTENANCE_SECONDS, Worker


def test_the_worker_runs_its_maintenance_every_30_seconds(monkeypatch):
    given = {}
    monkeypatch.setattr(RQWorker, "__init__", lambda self, *args, **kwargs: given.update(kwargs))
    Worker(["default"])
    assert given["maintenance_interval"] == MAINTENANCE_SECONDS == 30
