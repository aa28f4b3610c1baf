"""The hardening issue's guarantee on the RQ leg, with real processes: `manage.py worker` on
RQ (TASK_BACKEND=rq, a Redis database of the test's own) loses power right after the mail
server took the third message: worker, work horse and scheduler SIGKILLed together. The worker
started again finishes the send by itself: the three sent are not sent again, the one caught
mid-send is in doubt, the rest go; nobody gets two."""

import time

import pytest

from callboard.distribution.models import Dispatch
from callboard.distribution.tests.conftest import crew, messages_to, send_note
from callboard.distribution.tests.notes import composer

from . import studio

__all__ = ["crew"]
REDIS_DB = 14


@pytest.fixture
def rq_queue(settings, studio_services, monkeypatch):
    """Tasks go to RQ on a Redis database of this test's own, as the worker reads them."""
    from callboard.distribution import tasks

    url = studio.redis_url_of_its_own(REDIS_DB)
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    monkeypatch.setitem(tasks.COMPOSERS, "note", composer)
    return url


@pytest.mark.studio
@pytest.mark.django_db(transaction=True)
def test_an_rq_worker_killed_mid_send_is_resumed_when_started_again(
    production, crew, rq_queue, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    url = studio.database_url(tmp_path)  # after the send: on SQLite the worker gets a copy
    env = studio.environment(
        DATABASE_URL=url,
        REDIS_URL=rq_queue,
        TASK_BACKEND="rq",
        DJANGO_SETTINGS_MODULE="callboard.ops.tests.rq_worker_settings",
    )
    first_log, second_log = tmp_path / "killed.log", tmp_path / "resumed.log"
    killed = studio.start_worker(env={**env, "DIE_AT_MESSAGE": "3"}, log=first_log)
    try:
        status = killed.wait(timeout=90)
    finally:
        studio.kill(killed)
    assert status == -9, first_log.read_text()[-3000:]
    studio.wait_until(lambda: studio.session_gone(killed), timeout=10, what="all of it dead")
    time.sleep(1.2)  # the lease (a second here) runs out

    resumed = studio.start_worker(env=env, log=second_log)
    try:

        def done() -> bool:
            studio.read_back(url)
            return Dispatch.objects.get(pk=dispatch.pk).status == Dispatch.Status.DONE

        studio.wait_until(done, timeout=90, what="the send finished", log=second_log)
    finally:
        studio.stop(resumed)
    studio.read_back(url)

    dispatch.refresh_from_db()
    states = [d.state for d in dispatch.deliveries.order_by("pk")]
    assert states == ["sent", "sent", "in-doubt", "sent", "sent", "sent", "unreachable"]
    assert [messages_to(d) for d in dispatch.deliveries.order_by("pk")] == [1] * 6 + [0]
    # The worker queued the stalled send again as it started (the dead scheduler's lock keeps
    # the look-again run waiting a minute more).
    assert "1 stalled send queued again." in second_log.read_text()
