"""The studio as it runs: PostgreSQL, Redis, an S3-compatible bucket and a real RQ worker
(`manage.py worker` with TASK_BACKEND=rq): every check of the healthcheck is ok, the task
check's probe run by that worker, its heartbeat read."""

import io
import json

import pytest
from django.core.management import call_command

from callboard.ops.models import WorkerHeartbeat

from . import studio

REDIS_DB = 15


@pytest.mark.studio
@pytest.mark.django_db(transaction=True)
def test_every_check_is_ok_with_an_rq_worker_running(settings, studio_services, tmp_path):
    url = studio.redis_url_of_its_own(REDIS_DB)
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }
    database = studio.database_url(tmp_path)
    log = tmp_path / "worker.log"
    worker = studio.start_worker(
        env=studio.environment(DATABASE_URL=database, REDIS_URL=url, TASK_BACKEND="rq"), log=log
    )
    try:

        def beating() -> bool:
            studio.read_back(database)
            return WorkerHeartbeat.objects.filter(backend="rq").exists()

        studio.wait_until(beating, timeout=60, what="the worker's heartbeat", log=log)
        out = io.StringIO()
        call_command("healthcheck", "--json", stdout=out)
    finally:
        studio.stop(worker)
    answer = json.loads(out.getvalue())
    assert answer["ok"] is True, answer
    checks = answer["checks"]
    assert checks["database"]["detail"].startswith("postgresql answered") or (
        checks["database"]["detail"].startswith("sqlite answered")
    )
    assert "(rq queue); last heartbeat" in checks["tasks"]["detail"]
    assert checks["storage"]["detail"].startswith(
        f"wrote, read back and deleted a probe object in bucket '{settings.S3_BUCKET}'"
    )
    assert "default (RedisCache)" in checks["cache"]["detail"]
