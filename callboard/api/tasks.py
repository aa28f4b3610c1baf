"""Webhook deliveries in the background: each attempt sends once, retries back off, and a
worker that dies mid-send is picked up.

- The claim. A run takes the delivery with one conditional update (only while it waits, is
  due and no live lease holds it), counting the attempt and setting a lease, so two runs of
  the same delivery never both send an attempt. What it sent is marked only while the claim
  is still its own.
- The next run is scheduled with the claim. In the same transaction, the run due at the next
  attempt's time (``BACKOFF``) is enqueued (deferred, ``run_after``). If this attempt succeeds
  that run finds the delivery delivered and does nothing; if it fails the retry is already
  waiting; if the worker died between the claim and the mark, the lease has run out by then
  and the retry sends it again (receivers de-duplicate by Callboard-Delivery). After the last
  attempt it only gives up a delivery whose last attempt never finished.
- ``manage.py webhooks_resume`` enqueues a run for every delivery that is due (for the instant
  between a worker taking a task and its claim, which no deferred run covers).
"""

from __future__ import annotations

import http.client
import json
import time
import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from callboard.core import vault

from .models import WebhookDelivery
from .outbound import UrlRefused, post, sign, url_check

# After attempt n fails, attempt n + 1 comes BACKOFF[n - 1] later; after the last, given up.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
ATTEMPTS = len(BACKOFF) + 1
# Longer than a send can take (connection and reads of 10 s each), shorter than BACKOFF[0].
LEASE = timedelta(seconds=50)
Status = WebhookDelivery.Status


def retry_delay(attempts: int) -> timedelta | None:
    """How long after the ``attempts``-th attempt fails the next one comes (None: given up)."""
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else None


@task()
def webhook_deliver(*, delivery_id: int) -> None:
    token = uuid.uuid4().hex
    delivery = _claim(delivery_id, token)
    if delivery is None:
        return
    webhook = delivery.webhook
    if not webhook.active:
        _mark(delivery, token, status=Status.GIVEN_UP, error="The webhook was disabled.")
        return
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    headers = {
        "Callboard-Event": delivery.event,
        "Callboard-Delivery": str(delivery.event_id),
        "Callboard-Signature": sign(vault.unseal(webhook.secret_sealed), int(time.time()), body),
    }
    try:
        answer = post(url_check(webhook.url), body, headers)
    except UrlRefused as exc:
        _failed(delivery, token, code=None, error=str(exc))
    except (OSError, http.client.HTTPException) as exc:
        _failed(delivery, token, code=None, error=str(exc) or exc.__class__.__name__)
    else:
        if 200 <= answer.status < 300:
            _mark(
                delivery,
                token,
                status=Status.DELIVERED,
                response_code=answer.status,
                error="",
                delivered_at=timezone.now(),
            )
        else:
            _failed(delivery, token, code=answer.status, error=answer.body)


def _claim(delivery_id: int, token: str) -> WebhookDelivery | None:
    """The delivery, claimed for this run's attempt, or None (settled, not due, or held)."""
    now = timezone.now()
    waiting = WebhookDelivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lte=now),
        pk=delivery_id,
        status__in=(Status.PENDING, Status.FAILED),
        next_attempt_at__lte=now,
    )
    with transaction.atomic():
        row = waiting.select_for_update(of=("self",)).first()
        if row is None:
            return None
        if row.attempts >= ATTEMPTS:  # the last attempt's worker died before it marked it
            waiting.update(
                status=Status.GIVEN_UP, lease_until=None, error="The last attempt did not finish."
            )
            return None
        delay = retry_delay(row.attempts + 1)
        next_at = now + (delay or LEASE)
        # Conditional: where the lock is a no-op (SQLite), a run that got here first wins.
        if not waiting.update(
            claim=token,
            lease_until=now + LEASE,
            attempts=F("attempts") + 1,
            next_attempt_at=next_at,
        ):
            return None
        _run_at(delivery_id, next_at)
    return WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)


def _run_at(delivery_id: int, when) -> None:
    """The run due at ``when``, once this commits (the inline backend of tests cannot defer:
    they check the schedule as data)."""
    if webhook_deliver.get_backend().supports_defer:
        later = webhook_deliver.using(run_after=when + timedelta(milliseconds=100))
        transaction.on_commit(lambda: later.enqueue(delivery_id=delivery_id))


def _failed(delivery: WebhookDelivery, token: str, *, code: int | None, error: str) -> None:
    """Failed: retried at the time the claim scheduled, or given up after the last attempt."""
    last = retry_delay(delivery.attempts) is None
    _mark(
        delivery,
        token,
        status=Status.GIVEN_UP if last else Status.FAILED,
        response_code=code,
        error=error[: WebhookDelivery._meta.get_field("error").max_length],
    )


def _mark(delivery: WebhookDelivery, token: str, **fields) -> None:
    """Record how the attempt went, if the claim is still this run's."""
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk, claim=token).update(
            lease_until=None, **fields
        )


def deliveries_due() -> list[int]:
    now = timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lte=now),
            status__in=(Status.PENDING, Status.FAILED),
            next_attempt_at__lte=now,
        ).values_list("pk", flat=True)
    )
