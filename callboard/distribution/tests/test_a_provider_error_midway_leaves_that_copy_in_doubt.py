"""A provider's unexpected error mid-send stops the send (the page shows it) and leaves that one
copy in doubt, not queued to go again; "resend to unconfirmed" then sends the rest and not it."""

from callboard.distribution import tasks
from callboard.distribution.models import Dispatch
from callboard.distribution.services import dispatch_resend

from .conftest import messages_to, send_note


def test_a_provider_error_midway_leaves_that_copy_in_doubt_and_resend_sends_the_rest(
    production, crew, monkeypatch, django_capture_on_commit_callbacks
):
    texter = crew[5]
    real = tasks.send_sms
    with monkeypatch.context() as broken:
        broken.setattr(tasks, "send_sms", lambda to, body: 1 / 0)
        with django_capture_on_commit_callbacks(execute=True):  # the task fails, as in a worker
            dispatch = send_note(production, [crew[0], texter, *crew[1:5]])
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.FAILED and "division" in dispatch.error
    assert [d.state for d in dispatch.deliveries.order_by("pk")] == ["sent", "in-doubt"] + [
        "queued"
    ] * 4

    monkeypatch.setattr(tasks, "send_sms", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_resend(actor=None, dispatch=dispatch) == 0  # none failed or bounced
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    deliveries = list(dispatch.deliveries.order_by("pk"))
    assert [d.state for d in deliveries] == ["sent", "in-doubt"] + ["sent"] * 4
    assert [messages_to(d) for d in deliveries] == [1, 0, 1, 1, 1, 1]
