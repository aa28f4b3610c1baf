"""Deferred tasks (a send's look-again run is one) wait in RQ's scheduled registry: the worker
`manage.py worker` starts runs RQ's scheduler, which queues them when due."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus

from callboard.ops.tasks import health_probe

from . import studio

REDIS_DB = 10


@pytest.mark.studio
@pytest.mark.django_db(transaction=True)
def test_a_task_deferred_by_two_seconds_runs_after_them(settings, studio_services, tmp_path):
    url = studio.redis_url_of_its_own(REDIS_DB)
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    log = tmp_path / "worker.log"
    worker = studio.start_worker(
        env=studio.environment(
            DATABASE_URL=studio.database_url(tmp_path), REDIS_URL=url, TASK_BACKEND="rq"
        ),
        log=log,
    )
    try:
        studio.wait_until(
            lambda: "Scheduler for default started" in log.read_text(),
            timeout=60,
            what="the scheduler started",
            log=log,
        )
        due = timezone.now() + timedelta(seconds=2)
        result = health_probe.using(run_after=due).enqueue(token="later")

        def ran() -> bool:
            result.refresh()
            return result.status == TaskResultStatus.SUCCESSFUL

        studio.wait_until(ran, timeout=30, what="the deferred task ran", log=log)
    finally:
        studio.stop(worker)
    assert result.return_value == "later"
    # Not before it was due (RQ's scheduler keeps times to the whole second).
    assert result.started_at >= due.replace(microsecond=0)
