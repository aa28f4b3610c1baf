"""TASK_BACKEND is database (the default) or rq; rq needs REDIS_URL. Anything else is said at
start-up, in one sentence, not as an import error deep in django-tasks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    "env, said",
    [
        ({"TASK_BACKEND": "rq"}, "TASK_BACKEND=rq needs REDIS_URL"),
        ({"TASK_BACKEND": "redis"}, "TASK_BACKEND='redis': say database (the default) or rq"),
    ],
)
def test_settings_name_the_task_backend_problem(env, said):
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TASK_BACKEND")}
    done = subprocess.run(
        [sys.executable, "-c", "import callboard.settings"],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert said in done.stderr.splitlines()[-1]
