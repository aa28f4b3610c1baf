"""Issue 14: a worker killed mid-send (SIGKILL, power loss, OOM) lost the rest of the send, and
the only recovery sent duplicates. Here the worker dies at each point of the third recipient's
send, then a worker starts again later: every reachable person has exactly one message, or one
copy marked in doubt for the coordinator, and nothing is left queued."""

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution import tasks
from callboard.distribution.models import Delivery, Dispatch

from .conftest import messages_to, send_note
from .faults import die_at, later, run_worker

# The function of tasks.py, die before or after it; then the outbox when the worker died, the
# copies in doubt after the restart and the outbox then (six reachable people).
POINTS = {
    "before the claim": ("_claim", "before", 2, 0, 6),
    "after the claim, before sending": ("_claim", "after", 2, 1, 5),
    "after the server accepted, before the mark": ("_transmit", "after", 3, 1, 6),
    "after the mark": ("_mark", "after", 3, 0, 6),
}


def assert_exactly_once_or_in_doubt(dispatch: Dispatch) -> list[Delivery]:
    deliveries = list(dispatch.deliveries.select_related("person"))
    doubtful = []
    for delivery in deliveries:
        copies = messages_to(delivery)
        if delivery.channel == Delivery.Channel.NONE:
            assert copies == 0
        elif delivery.state == "in-doubt":
            assert copies <= 1, delivery.person
            doubtful.append(delivery)
        else:
            assert (delivery.state, copies) == ("sent", 1), delivery.person
    return doubtful


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", POINTS)
def test_a_worker_killed_at_any_point_resumes_and_nobody_gets_two(
    point, production, crew, db_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    name, when, at_death, in_doubt, at_end = POINTS[point]
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    with monkeypatch.context() as faults:
        die_at(faults, name, when)
        run_worker()  # the task dies with the worker
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.SENDING
    assert OutboundEmail.objects.count() == at_death

    with later(monkeypatch, minutes=2):  # the restarted worker runs the send left behind
        run_worker()
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE and dispatch.worker == ""
    doubtful = assert_exactly_once_or_in_doubt(dispatch)
    assert len(doubtful) == in_doubt
    assert OutboundEmail.objects.count() == at_end
    # Another restart later still sends nothing twice.
    with later(monkeypatch, minutes=10):
        run_worker()
    assert len(assert_exactly_once_or_in_doubt(dispatch)) == in_doubt


@pytest.mark.django_db(transaction=True)
def test_a_live_run_is_left_alone_and_a_second_run_sends_nothing(
    production, crew, db_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    with monkeypatch.context() as faults:
        die_at(faults, "_mark", "after")
        run_worker()
    with later(monkeypatch, minutes=0.5):  # its lease has not run out: it may still be alive
        tasks.dispatch_send.call(dispatch_id=dispatch.pk)
    assert OutboundEmail.objects.count() == 3
    assert Dispatch.objects.get(pk=dispatch.pk).status == Dispatch.Status.SENDING
    with later(monkeypatch, minutes=1.1):  # now it has run out
        run_worker()
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    assert assert_exactly_once_or_in_doubt(dispatch) == []
