"""No worker running: the task check fails and says so — the probe was not run in time, and
the last heartbeat (none ever, or one too old) tells which worker went quiet. The probe does
not stay behind in the queue."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from callboard.ops.models import WorkerHeartbeat

from .health import healthcheck

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_no_worker_ever_is_a_failed_task_check(settings):
    settings.TASKS = DB_TASKS
    status, answer = healthcheck("--timeout", "0.5")
    assert status == 1 and answer["ok"] is False
    tasks = answer["checks"]["tasks"]
    assert tasks["ok"] is False
    assert "no worker ran the probe task within 0.5 s (database queue)" in tasks["detail"]
    assert (
        "no worker has reported a heartbeat: start one with python manage.py worker"
        in tasks["detail"]
    )
    assert all(c["ok"] for name, c in answer["checks"].items() if name != "tasks")
    # The probe left waiting is taken off the queue: a worker started later does not run it.
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_gone_quiet_is_named_with_its_last_heartbeat(settings):
    settings.TASKS = DB_TASKS
    then = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(
        name="box:41", backend="database", started_at=then, last_seen_at=then
    )
    status, answer = healthcheck("--timeout", "0.5")
    assert status == 1
    detail = answer["checks"]["tasks"]["detail"]
    assert re.search(r"no worker alive: last heartbeat 30\d s ago from box:41 \(database\)", detail)
