"""Sending in the background: one message per recipient, exactly once, resumable after the
worker is killed (SIGKILL, power loss, OOM) at any point.

- The lease. A run of ``dispatch_send`` holds its dispatch: ``Dispatch.worker`` is the run's
  token and ``heartbeat_at`` moves on with every recipient. A lease not renewed for ``lease()``
  (a minute) belongs to a dead worker and the next run takes it over; a live one is left alone.
- Three short transactions per recipient, each committed on its own:
  1. claim: the delivery is marked in flight (``claimed_at``, ``claim`` = the run's token), only
     while it is pending, so two runs never both send it;
  2. send: the message goes to the mail server (or the SMS provider) with a Message-ID derived
     from the delivery, the same on every attempt, so a repeat is recognisable;
  3. mark: sent, bounced or failed, by the run whose claim it is.
- After a crash. A run that takes a lease over finds the dead run's in-flight deliveries: the
  server may or may not have accepted them (the crash came between the claim and the mark), so
  each is marked in doubt: never re-sent, never dropped, shown to the coordinator, who marks it
  sent or sends it again on purpose. Everything still pending is sent; everything sent is skipped.
- Who notices a dead worker. Every run that takes a lease enqueues ``dispatch_send`` again,
  deferred to just after the lease would run out. That task sits in the task database with the
  send, survives the crash, and a restarted ``db_worker`` runs it when due: it finds the lease
  stale and resumes the send, or the run alive and looks again when its renewed lease would run
  out. So resuming needs no cron, no start-up hook (``db_worker`` has none) and no second
  process, and works with any backend that can defer (database, RQ). For the instant between a
  worker taking a task and the run's first commit, ``manage.py resume_sends`` (for a start-up
  script) and the page's "Resend to unconfirmed" enqueue a run for a stalled dispatch.
"""

from __future__ import annotations

import smtplib
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from callboard.people.models import Person

from .models import Delivery, Dispatch, lease
from .registry import COMPOSERS, composer_for
from .sms import send_sms

__all__ = ["COMPOSERS", "dispatch_send"]

BATCH = 100


class LeaseLost(Exception):
    """Another run took this dispatch over (ours looked dead); it carries on."""


@task()
def dispatch_send(*, dispatch_id: int) -> None:
    token = uuid.uuid4().hex
    if not _lease_take(dispatch_id, token):
        return  # finished, or a live run has it (and a deferred run checks it stays alive)
    dispatch = Dispatch.objects.select_related("production").get(pk=dispatch_id)
    try:
        compose = composer_for(dispatch.kind)(dispatch)
        connection = get_connection()
        while True:
            batch = list(
                Delivery.objects.filter(dispatch_id=dispatch_id)
                .pending()
                .select_related("person", "grant")
                .order_by("pk")[:BATCH]
            )
            if not batch and _finish(dispatch_id, token):
                return
            for delivery in batch:
                _send_one(delivery, compose, connection, token)
    except LeaseLost:
        return
    except Exception as exc:  # the page shows it; what was sent stays sent
        with transaction.atomic():
            # Failed mid-send (a provider's own error): the copy may or may not have gone.
            now = timezone.now()
            Delivery.objects.filter(dispatch_id=dispatch_id, claim=token).in_flight().update(
                in_doubt_at=now, updated_at=now
            )
            Dispatch.objects.filter(pk=dispatch_id, worker=token).update(
                status=Dispatch.Status.FAILED, error=str(exc)[:300], worker=""
            )
        raise


def _lease_take(dispatch_id: int, token: str) -> bool:
    """Take the dispatch if it waits to be sent or its run died. In the same transaction, the
    run that will look again when this lease would run out."""
    now = timezone.now()
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().get(pk=dispatch_id)
        if dispatch.status not in (Dispatch.Status.QUEUED, Dispatch.Status.SENDING):
            return False
        if dispatch.status == Dispatch.Status.SENDING and not dispatch.is_stalled:
            _look_again_at(dispatch_id, dispatch.heartbeat_at + lease())
            return False
        _look_again_at(dispatch_id, now + lease())
        # Whoever claimed these is dead or has lost the lease: it may or may not have sent them.
        dispatch.deliveries.in_flight().update(in_doubt_at=now, updated_at=now)
        Dispatch.objects.filter(pk=dispatch_id).update(
            status=Dispatch.Status.SENDING, worker=token, heartbeat_at=now, error=""
        )
    return True


def _look_again_at(dispatch_id: int, expiry) -> None:
    """A run due just after the lease would run out (the inline backend of tests cannot defer)."""
    if dispatch_send.get_backend().supports_defer:
        run_after = expiry + timedelta(milliseconds=100)
        dispatch_send.using(run_after=run_after).enqueue(dispatch_id=dispatch_id)


def _finish(dispatch_id: int, token: str) -> bool:
    """Done, unless a resend made someone pending again since the last look."""
    now = timezone.now()
    with transaction.atomic():
        if not Dispatch.objects.filter(pk=dispatch_id, worker=token).update(heartbeat_at=now):
            raise LeaseLost
        if Delivery.objects.filter(dispatch_id=dispatch_id).pending().exists():
            return False
        Dispatch.objects.filter(pk=dispatch_id).update(
            status=Dispatch.Status.DONE, finished_at=now, worker=""
        )
    return True


def _send_one(delivery: Delivery, compose, connection, token: str) -> None:
    message = compose(delivery)
    if not _claim(delivery, token):
        return  # no longer pending: someone else settled it
    now = timezone.now()
    try:
        _transmit(delivery, message, connection)
    except smtplib.SMTPRecipientsRefused as exc:
        _mark(delivery, token, bounced_at=now, error=f"refused: {exc.recipients}"[:300])
    except NOT_SENT as exc:
        # The server said no (or could not be reached at all): nothing went out.
        _mark(delivery, token, error=str(exc)[:300] or exc.__class__.__name__)
    except (smtplib.SMTPException, OSError) as exc:
        # A timeout or a dropped connection once the message may have been handed over: it
        # may have arrived. In doubt, for the coordinator — never re-sent by itself.
        _doubt(delivery, token, error=str(exc)[:300] or exc.__class__.__name__)
    else:
        _mark(delivery, token, sent_at=now, error="")


# Errors that mean the message did not leave: a definite refusal by the server, or no server.
NOT_SENT = (
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPConnectError,
    smtplib.SMTPNotSupportedError,
    ConnectionRefusedError,
    socket.gaierror,
)


def _doubt(delivery: Delivery, token: str, *, error: str) -> None:
    with transaction.atomic():
        now = timezone.now()
        Delivery.objects.filter(pk=delivery.pk, claim=token, sent_at__isnull=True).update(
            in_doubt_at=now, error=error, updated_at=now
        )


def _claim(delivery: Delivery, token: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        if not Dispatch.objects.filter(pk=delivery.dispatch_id, worker=token).update(
            heartbeat_at=now
        ):
            raise LeaseLost
        return bool(
            Delivery.objects.filter(pk=delivery.pk)
            .pending()
            .update(claimed_at=now, claim=token, attempts=F("attempts") + 1, updated_at=now)
        )


def _transmit(delivery: Delivery, message, connection) -> None:
    if delivery.channel == Delivery.Channel.SMS:
        send_sms(delivery.address, message.text)
        return
    email = EmailMessage(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        [delivery.address],
        connection=connection,
        headers={"Message-ID": delivery.message_id},
    )
    for name, content, mime in message.attachments:
        email.attach(name, content, mime)
    email.send()


def _mark(delivery: Delivery, token: str, **fields) -> None:
    """Record how it went, if the claim is still ours (a coordinator may have settled it). The
    run that sent it knows: a doubt raised meanwhile by a run that took over is cleared."""
    with transaction.atomic():
        marked = Delivery.objects.filter(pk=delivery.pk, claim=token, sent_at__isnull=True).update(
            in_doubt_at=None, updated_at=timezone.now(), **fields
        )
        if marked and fields.get("bounced_at") and delivery.person_id:
            Person.objects.filter(pk=delivery.person_id).update(
                email_bounced_at=fields["bounced_at"]
            )
