"""Issue 15, item 12: every confirmation e-mailed the coordinator on its own. Now they come as one
digest per quarter hour (or one each: a setting per production). The digest is a task that
schedules its next run with the Tasks API's ``run_after``; here the database queue and a real
worker run it on a clock the test moves. Nothing is sent when nobody confirmed, and a worker
killed mid-digest never sends the same digest twice."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member
from callboard.distribution import digests
from callboard.distribution.models import ConfirmationDigest, Delivery, DistributionSettings
from callboard.distribution.services import delivery_confirm, dispatch_create

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

TEN = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)  # 10:00 AM in Los Angeles


class Clock:
    def __init__(self, monkeypatch, start: datetime):
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def at(self, minutes: float, seconds: float = 0) -> None:
        self.now = TEN + timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, TEN)


@pytest.fixture
def coordinator(production):
    return add_member(production, Role.COORDINATOR)


def _send(production, people, coordinator, *, key="sheet-1", subject="Call sheet #1 — Thu Dec 10"):
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="note",
        object_id=1,
        key=key,
        subject=subject,
        people=people,
        notify=coordinator,
        valid_for=timedelta(days=3),
    )
    run_worker()  # the copies go out
    return dispatch


def _confirm(dispatch, person) -> None:
    delivery_confirm(delivery=Delivery.objects.get(dispatch=dispatch, person=person))


def _mail_to(user):
    return list(OutboundEmail.objects.filter(to=user.email).order_by("id"))


def _digest_runs():
    return list(
        DBTaskResult.objects.filter(task_path__endswith="confirmation_digest_send")
        .exclude(status__in=["SUCCESSFUL", "FAILED"])
        .order_by("run_after")
    )


def test_confirmations_in_a_quarter_hour_come_as_one_digest_then_the_next_then_none(
    production, crew, coordinator, clock, db_tasks
):
    clock.at(2)
    first = _send(production, crew[:4], coordinator)
    second = _send(
        production, crew[:2], coordinator, key="sheet-2", subject="Call sheet #2 — Fri Dec 11"
    )
    clock.at(3)
    _confirm(first, crew[0])
    clock.at(9)
    _confirm(first, crew[1])
    _confirm(second, crew[1])
    runs = _digest_runs()
    assert [r.run_after for r in runs] == [TEN + timedelta(minutes=15)]  # one run, at :15

    clock.at(10)
    run_worker()
    assert _mail_to(coordinator) == []  # not due yet

    clock.at(15, 1)
    run_worker()
    [digest_mail] = _mail_to(coordinator)
    assert digest_mail.subject == "Confirmed: 3 people — The Test Show"
    body = digest_mail.body
    assert "Call sheet #1 — Thu Dec 10 (2 of 4 confirmed)" in body
    assert "Call sheet #2 — Fri Dec 11 (1 of 2 confirmed)" in body
    assert f"10:03 AM  {crew[0].display_name}" in body
    assert f"10:09 AM  {crew[1].display_name}" in body
    assert (
        body.index("Call sheet #1") < body.index(crew[0].display_name) < body.index("Call sheet #2")
    )
    assert "America/Los_Angeles (PST)" in body
    sent = ConfirmationDigest.objects.get(sent_at__isnull=False)
    assert sent.deliveries.count() == 3  # what it covered, recorded
    # Having told something, it scheduled its own next run a quarter hour on.
    assert [r.run_after for r in _digest_runs()] == [TEN + timedelta(minutes=30)]

    clock.at(20)
    _confirm(first, crew[2])
    _confirm(first, crew[2])  # a second tap is not a second confirmation
    clock.at(30, 1)
    run_worker()
    assert len(_mail_to(coordinator)) == 2
    latest = _mail_to(coordinator)[-1]
    assert latest.subject.startswith(f"Confirmed: {crew[2].display_name} — Call sheet #1")
    assert "since your last digest (10:15 AM PST)" in latest.body
    assert crew[0].display_name not in latest.body  # only what is new since the last one
    assert [r.run_after for r in _digest_runs()] == [TEN + timedelta(minutes=45)]

    clock.at(45, 1)
    run_worker()  # nobody confirmed: nothing sent, and no next run
    assert len(_mail_to(coordinator)) == 2
    assert _digest_runs() == []
    assert ConfirmationDigest.objects.filter(empty=True).count() == 1

    clock.at(52)
    _confirm(first, crew[3])  # the next confirmation starts again, due at the next :00
    assert [r.run_after for r in _digest_runs()] == [TEN + timedelta(minutes=60)]
    clock.at(60, 1)
    run_worker()
    assert len(_mail_to(coordinator)) == 3


class Killed(BaseException):
    """A SIGKILL seen from inside: nothing after it runs."""


def test_a_worker_killed_after_the_mail_went_never_sends_that_digest_again(
    production, crew, coordinator, clock, db_tasks, monkeypatch
):
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(4)
    _confirm(dispatch, crew[0])
    _confirm(dispatch, crew[1])
    real = digests.send_mail

    def sent_then_killed(*args, **kwargs):
        real(*args, **kwargs)
        raise Killed  # the mail server has it; the worker dies before recording it

    clock.at(15, 1)
    with monkeypatch.context() as faults:
        faults.setattr(digests, "send_mail", sent_then_killed)
        run_worker()
    assert len(_mail_to(coordinator)) == 1
    taken = ConfirmationDigest.objects.filter(deliveries__isnull=False).distinct().get()
    assert taken.sent_at is None and taken.claimed_at is not None
    assert taken.deliveries.count() == 2

    # The worker restarts; resume_sends and every later run, and the task run again by hand.
    clock.at(25)
    call_command("resume_sends", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_worker()
    digests.confirmation_digest_send.call(digest_id=taken.pk)
    clock.at(31)
    run_worker()
    # Never the same digest twice: the next one says that one may not have arrived, once.
    mails = _mail_to(coordinator)
    assert len(mails) == 2
    assert mails[1].subject.startswith("Confirmations: an earlier digest may not have reached")
    assert "Your digest of 10:15 AM may not have reached you" in mails[1].body
    assert crew[0].display_name in mails[1].body and crew[1].display_name in mails[1].body
    assert Delivery.objects.filter(digest=taken).count() == 2
    assert ConfirmationDigest.objects.get(pk=taken.pk).sent_at is None

    clock.at(33)
    _confirm(dispatch, crew[2])  # later confirmations still come, in a digest of their own
    clock.at(45, 1)
    run_worker()
    mails = _mail_to(coordinator)
    assert len(mails) == 3 and crew[2].display_name in mails[-1].body
    assert crew[0].display_name not in mails[-1].body  # the doubt is told once


def test_a_digest_whose_run_was_lost_is_run_again_once(
    production, crew, coordinator, clock, db_tasks
):
    dispatch = _send(production, crew[:2], coordinator)
    clock.at(5)
    _confirm(dispatch, crew[0])
    DBTaskResult.objects.filter(task_path__endswith="confirmation_digest_send").delete()  # lost
    clock.at(15, 1)
    run_worker()
    assert _mail_to(coordinator) == []
    clock.at(17)
    call_command("resume_sends", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("resume_sends", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_worker()
    [mail] = _mail_to(coordinator)
    assert crew[0].display_name in mail.body


def test_one_email_per_confirmation_when_the_production_says_so(
    production, crew, coordinator, clock, db_tasks
):
    DistributionSettings.objects.create(production=production, confirmations="each")
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])
    _confirm(dispatch, crew[1])
    run_worker()
    mails = _mail_to(coordinator)
    assert [m.subject for m in mails] == [
        f"Confirmed: {crew[0].display_name} — Call sheet #1 — Thu Dec 10",
        f"Confirmed: {crew[1].display_name} — Call sheet #1 — Thu Dec 10",
    ]
    assert "at 10:03 AM PST" in mails[0].body
    assert not ConfirmationDigest.objects.exists() and _digest_runs() == []


def test_nobody_is_told_when_the_send_names_nobody(production, crew, clock, db_tasks):
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="note",
        object_id=1,
        key="quiet",
        subject="Call sheet",
        people=crew[:2],
        valid_for=timedelta(days=3),
    )
    run_worker()
    _confirm(dispatch, crew[0])
    clock.at(16)
    run_worker()
    assert not ConfirmationDigest.objects.exists()
    assert OutboundEmail.objects.exclude(to__in=[p.email for p in crew]).count() == 0


def test_someone_who_left_the_team_is_told_nothing_more(
    production, crew, coordinator, clock, db_tasks
):
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])
    production.memberships.filter(user=coordinator).update(is_active=False)
    clock.at(15, 1)
    run_worker()
    clock.at(20)
    _confirm(dispatch, crew[1])
    clock.at(31)
    run_worker()
    assert _mail_to(coordinator) == []
    assert Delivery.objects.filter(digest__isnull=False).count() == 0
