"""The one gap the deferred runs cannot cover: a worker killed in the instant after it took the
send's task, before the run committed anything. The task stays RUNNING, the send QUEUED, nothing
is left to look again; `manage.py resume_sends` (and the page's resend) start it again."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Dispatch

from .conftest import later, run_worker, send_note


@pytest.mark.django_db(transaction=True)
def test_resume_sends_restarts_a_send_whose_worker_died_before_it_began(
    production, crew, db_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    DBTaskResult.objects.get().claim("a-worker-killed-at-once")
    with later(monkeypatch, minutes=5):
        run_worker()
        assert Dispatch.objects.get(pk=dispatch.pk).is_stalled
        out = io.StringIO()
        call_command("resume_sends", stdout=out)
        assert out.getvalue().strip() == "1 stalled send queued again."
        run_worker()
    assert Dispatch.objects.get(pk=dispatch.pk).status == Dispatch.Status.DONE
    assert OutboundEmail.objects.count() == 6
