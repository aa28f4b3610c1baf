"""Settings of the RQ worker the studio's kill test starts: distribution's real-kill settings
(the tests' composer, a one-second lease) on the RQ backend, with an outbox that cuts the
power. REDIS_URL comes from the environment (a Redis database of the test's own)."""

from callboard.distribution.tests.worker_settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
EMAIL_BACKEND = "callboard.ops.tests.crashing.PowerCut"
