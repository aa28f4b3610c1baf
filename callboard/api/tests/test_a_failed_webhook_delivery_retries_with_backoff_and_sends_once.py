"""A delivery's attempts: an answer other than 2xx leaves it failed with its next attempt
scheduled (1 min, 5 min, 30 min, 2 h, 12 h, then given up); a run of an attempt already made
posts nothing; the response kept is capped."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from callboard.api import services
from callboard.api.models import WebhookDelivery
from callboard.api.services import webhook_active_set, webhook_ping
from callboard.api.tasks import ATTEMPTS, BACKOFF, retry_delay, webhook_deliver
from callboard.core.events import Event, event_emit


def ping(webhook, coordinator, django_capture_on_commit_callbacks) -> WebhookDelivery:
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_ping(actor=coordinator, webhook=webhook)
    delivery.refresh_from_db()
    return delivery


def test_the_schedule_backs_off_then_gives_up():
    assert (
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=12),
    ) == BACKOFF
    assert [retry_delay(n) for n in range(1, ATTEMPTS + 1)] == [*BACKOFF, None]


def test_a_receiver_answering_500_leaves_the_delivery_failed_with_its_next_attempt_scheduled(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    receiver.status, receiver.answer = 500, b"database down " + b"x" * 50_000
    before = timezone.now()
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, 500)
    assert delivery.error.startswith("database down") and len(delivery.error) <= 2000
    assert before + BACKOFF[0] <= delivery.next_attempt_at <= timezone.now() + BACKOFF[0]
    assert delivery.lease_until is None

    # Not due yet: a run now sends nothing.
    webhook_deliver.call(delivery_id=delivery.pk)
    assert len(receiver.received) == 1

    # Due: the second attempt, then the wait grows.
    receiver.status = 200
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    webhook_deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert len(receiver.received) == 2
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 200)
    assert receiver.received[0]["headers"]["Callboard-Delivery"] == str(delivery.event_id)
    assert receiver.received[1]["headers"]["Callboard-Delivery"] == str(delivery.event_id)


def test_a_delivery_run_twice_posts_once(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    webhook_deliver.call(delivery_id=delivery.pk)
    webhook_deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert len(receiver.received) == 1
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_a_delivery_another_run_holds_is_left_to_it(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = 503
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    now = timezone.now()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=now, lease_until=now + timedelta(seconds=30), claim="another-run"
    )
    webhook_deliver.call(delivery_id=delivery.pk)
    assert len(receiver.received) == 1  # only the first attempt
    # The lease runs out (that run died): the next run sends again.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(lease_until=now)
    webhook_deliver.call(delivery_id=delivery.pk)
    assert len(receiver.received) == 2


@pytest.mark.parametrize("status", [301, 404, 500])
def test_after_the_last_attempt_the_delivery_is_given_up(
    status, hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = status
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    for _ in range(ATTEMPTS - 1):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        webhook_deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("given_up", ATTEMPTS)
    assert len(receiver.received) == ATTEMPTS
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    webhook_deliver.call(delivery_id=delivery.pk)
    assert len(receiver.received) == ATTEMPTS


def test_a_redirect_is_not_followed(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    receiver.status = 302
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1
    assert (delivery.status, delivery.response_code) == ("failed", 302)


def test_a_disabled_webhook_sends_nothing_more(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    webhook = hooked[0]
    receiver.status = 500
    delivery = ping(webhook, coordinator, django_capture_on_commit_callbacks)
    webhook_active_set(actor=coordinator, webhook=webhook, active=False)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    webhook_deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert len(receiver.received) == 1
    assert delivery.status == "given_up" and "disabled" in delivery.error


def test_an_unreachable_receiver_is_a_failed_attempt(
    hooked, receiver, coordinator, django_capture_on_commit_callbacks
):
    receiver.close()
    delivery = ping(hooked[0], coordinator, django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, None)
    assert delivery.error


def test_webhooks_resume_sends_what_is_due_and_only_that(
    hooked, receiver, production, django_capture_on_commit_callbacks
):
    webhook = hooked[0]
    due = WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={"n": 1})
    WebhookDelivery.objects.create(
        webhook=webhook,
        event="ping",
        payload={"n": 2},
        status="failed",
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(minutes=1),
    )
    out = StringIO()
    call_command("webhooks_resume", stdout=out)
    assert "1 webhook delivery queued" in out.getvalue()
    assert [json.loads(r["body"]) for r in receiver.received] == [{"n": 1}]
    due.refresh_from_db()
    assert due.status == "delivered"


def test_a_failure_to_make_deliveries_never_fails_what_announced_the_event(
    hooked, production, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "_delivery_make", broken)
    with django_capture_on_commit_callbacks(execute=True):
        event_emit(production=production, event=Event.PO_APPROVED, data={"id": 1})
    assert "database hiccup" in caplog.text
    assert not WebhookDelivery.objects.exists()
