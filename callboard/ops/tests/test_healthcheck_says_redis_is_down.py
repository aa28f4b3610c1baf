"""Redis down (REDIS_URL pointing at a port nobody listens on): the cache and the task checks
fail within seconds and name the address they could not reach."""

import time

import pytest

from .health import closed_port, healthcheck


@pytest.mark.django_db(transaction=True)
def test_redis_down_fails_the_cache_and_the_task_checks_quickly(settings):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
    }
    start = time.monotonic()
    status, answer = healthcheck("--timeout", "5")
    assert time.monotonic() - start < 10
    assert status == 1
    checks = answer["checks"]
    port = url.rsplit(":", 1)[1].split("/")[0]
    assert checks["cache"]["ok"] is False
    assert checks["cache"]["detail"].startswith("default (RedisCache):")
    assert f"127.0.0.1:{port}" in checks["cache"]["detail"]
    assert checks["tasks"]["ok"] is False
    assert checks["tasks"]["detail"].startswith("a probe task could not be queued (rq):")
    assert f"127.0.0.1:{port}" in checks["tasks"]["detail"]
    assert checks["database"]["ok"] and checks["storage"]["ok"]
