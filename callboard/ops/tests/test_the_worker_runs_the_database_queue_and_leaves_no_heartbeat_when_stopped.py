"""`manage.py worker` with the default backend is django-tasks-db's worker: it runs what is
queued, says so, and a worker that stopped cleanly is no longer counted as alive."""

import io

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from callboard.ops.models import WorkerHeartbeat
from callboard.ops.tasks import health_probe

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_database_queue_then_forgets_its_heartbeat(settings):
    settings.TASKS = DB_TASKS
    result = health_probe.enqueue(token="abc")
    out = io.StringIO()
    call_command("worker", "--burst", stdout=out)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "abc"
    assert "0 stalled sends queued again." in out.getvalue()
    assert "on the database queue" in out.getvalue()
    assert not WorkerHeartbeat.objects.exists()
