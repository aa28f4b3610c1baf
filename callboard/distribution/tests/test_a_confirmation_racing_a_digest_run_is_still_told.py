"""Issue 15, item 12 (review): a confirmation recorded while a digest's run takes that digest is
told, by that digest or the next one, never left out. The confirmation joins the open digest
inside its own transaction; the run takes the digest and fixes what it covers in another. On
PostgreSQL the run does not see a confirmation that has not committed, so without a lock a run
could take the digest the confirmation had just joined, cover nothing, schedule nothing, and the
confirmation would wait for somebody else to confirm. The open digest's row is locked by the
confirmation until it commits. (SQLite writes one transaction at a time: there the run simply
waits its turn, and the test holds too.)"""

import threading

import pytest
from django.db import connection

from callboard.distribution import digests, services
from callboard.distribution.models import ConfirmationDigest, Delivery

from . import test_confirmations_come_as_one_digest_every_quarter_hour as digests_test
from .conftest import run_worker
from .test_confirmations_come_as_one_digest_every_quarter_hour import _confirm, _mail_to, _send

clock = digests_test.clock  # fixtures: a clock the test moves, the coordinator told
coordinator = digests_test.coordinator

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_confirmation_joining_the_digest_a_run_takes_is_told(
    production, crew, coordinator, clock, db_tasks, monkeypatch
):
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])
    clock.at(15, 1)
    run_worker()  # told crew[0]; the next digest is open, due at 10:30, nobody in it yet
    assert len(_mail_to(coordinator)) == 1
    next_digest = ConfirmationDigest.objects.get(claimed_at__isnull=True)

    joined, commit = threading.Event(), threading.Event()
    real_schedule = services.digest_schedule

    def schedule_then_linger(**kwargs):
        digest = real_schedule(**kwargs)
        joined.set()  # joined the open digest; the transaction has not committed yet
        commit.wait(timeout=10)
        return digest

    monkeypatch.setattr(services, "digest_schedule", schedule_then_linger)
    errors = []

    def in_thread(work):
        def run():
            try:
                work()
            except Exception as exc:  # reported by the main thread
                errors.append(exc)
            finally:
                connection.close()

        return threading.Thread(target=run)

    clock.at(30, 1)
    confirming = in_thread(lambda: _confirm(dispatch, crew[1]))
    confirming.start()
    assert joined.wait(timeout=10)
    taking = in_thread(lambda: digests.confirmation_digest_send.call(digest_id=next_digest.pk))
    taking.start()
    taking.join(timeout=2)  # with the lock it waits here for the confirmation to commit
    commit.set()
    confirming.join(timeout=20)
    taking.join(timeout=20)
    assert not errors, errors
    assert not confirming.is_alive() and not taking.is_alive()

    clock.at(45, 1)
    run_worker()  # whatever is still due
    told = [m for m in _mail_to(coordinator) if crew[1].display_name in m.body]
    assert len(told) == 1, [m.body for m in _mail_to(coordinator)]
    delivery = Delivery.objects.get(dispatch=dispatch, person=crew[1])
    assert delivery.confirmation_told_at is not None
