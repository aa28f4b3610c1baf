"""A worker that cannot start says why in one line instead of a traceback."""

import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_rq_worker_says_redis_does_not_answer(settings):
    settings.TASKS = RQ_TASKS
    settings.REDIS_URL = f"redis://:secret@127.0.0.1:{closed_port()}/3"
    with pytest.raises(CommandError) as refused:
        call_command("worker")
    message = str(refused.value)
    assert "does not answer" in message and "secret" not in message


def test_a_backend_without_a_worker_is_named(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match="has no worker this command can start"):
        call_command("worker")


def test_a_non_positive_interval_is_refused(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(CommandError, match="--interval must be a positive"):
        call_command("worker", "--interval", "0")
