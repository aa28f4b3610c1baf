"""Writes of the API app: making and revoking API tokens; webhooks and their deliveries."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from callboard.core import vault
from callboard.core.accounts import SecondFactorError, second_factor_required, second_factor_verify
from callboard.core.audit import audit_record
from callboard.core.events import Event, Happened
from callboard.core.models import AuditEvent, Membership

from .models import ApiToken, Webhook, WebhookDelivery
from .outbound import UrlRefused, url_check

KEY_PREFIX = "cb_"
# The choices on the page; the command takes any number of days up to the longest.
EXPIRY_DAYS = (30, 90, 365)


class TokenRefused(Exception):
    """The token cannot be made; the message says why."""


def key_hash(key: str) -> str:
    # Keys are 256 random bits: a plain hash is enough (no dictionary to guess from).
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    actor,
    membership: Membership,
    name: str,
    can_write: bool = False,
    can_read_private: bool = False,
    days: int = 90,
    second_factor_code: str | None = None,
) -> tuple[ApiToken, str]:
    """A new token for the member's own account on their production, and its key (shown once).

    A role that signs in with a second factor types a fresh code to make one (the command,
    run by whoever holds the server, passes ``second_factor_code=None`` with ``actor=None``).
    """
    name = (name or "").strip()
    if not name:
        raise TokenRefused("Give the token a name (what will use it).")
    if len(name) > 100:
        raise TokenRefused("The name is too long (100 characters at most).")
    if not 1 <= days <= max(EXPIRY_DAYS):
        raise TokenRefused(f"A token lasts between 1 and {max(EXPIRY_DAYS)} days.")
    if not membership.is_active or membership.production.deleted_at is not None:
        raise TokenRefused("You are not on this production.")
    if actor is not None and second_factor_required(membership.user):
        try:
            second_factor_verify(user=membership.user, token=second_factor_code or "")
        except SecondFactorError as exc:
            raise TokenRefused(
                "Type the code from your authenticator app to make a token."
            ) from exc
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        production=membership.production,
        user=membership.user,
        name=name,
        prefix=key[:10],
        key_hash=key_hash(key),
        can_write=can_write,
        can_read_private=can_read_private,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(
        actor=actor,
        actor_label="" if actor else "manage.py api_token",
        production=membership.production,
        action=AuditEvent.Action.CREATE,
        obj=token,
        changes={"api_token": [None, f"{token.name}: {', '.join(token.scopes)}, {days} days"]},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            production=token.production,
            action=AuditEvent.Action.DELETE,
            obj=token,
            changes={"api_token": [token.name, "revoked"]},
        )
    return token


PING = "ping"  # the test event: only ever sent to the webhook it was asked for
SECRET_PREFIX = "whsec_"
logger = logging.getLogger(__name__)


class WebhookRefused(Exception):
    """The webhook cannot be saved or sent to as asked; the message says why."""


def _events_clean(events) -> list[str]:
    chosen = [str(e) for e in events or []]
    unknown = [e for e in chosen if e not in {x.value for x in Event}]
    if unknown:
        raise WebhookRefused(f"No such event: {', '.join(unknown)}.")
    if not chosen:
        raise WebhookRefused("Choose at least one event to send.")
    return [e.value for e in Event if e.value in chosen]


def _url_clean(url: str) -> str:
    url = (url or "").strip()
    if len(url) > Webhook._meta.get_field("url").max_length:
        raise WebhookRefused("The URL is too long (500 characters at most).")
    try:
        url_check(url)
    except UrlRefused as exc:
        raise WebhookRefused(str(exc)) from exc
    return url


def _secret_new() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def webhook_create(*, actor, production, url: str, events) -> tuple[Webhook, str]:
    """A webhook and its signing secret (shown once). The URL is checked now (and at each
    send): http(s), and not one of the server's own networks."""
    url = _url_clean(url)
    events = _events_clean(events)
    secret = _secret_new()
    webhook = Webhook.objects.create(
        production=production,
        url=url,
        events=events,
        secret_sealed=vault.seal(secret),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=webhook,
        changes={"webhook": [None, f"{url}: {', '.join(events)}"]},
    )
    return webhook, secret


@transaction.atomic
def webhook_secret_rotate(*, actor, webhook: Webhook) -> str:
    """A new secret (shown once): the old one signs nothing from now on."""
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    secret = _secret_new()
    webhook.secret_sealed = vault.seal(secret)
    webhook.save(update_fields=["secret_sealed"])
    audit_record(
        actor=actor,
        production=webhook.production,
        action=AuditEvent.Action.UPDATE,
        obj=webhook,
        changes={"secret": "rotated"},
    )
    return secret


@transaction.atomic
def webhook_active_set(*, actor, webhook: Webhook, active: bool) -> Webhook:
    """Disable (nothing more is sent; what waits is given up) or enable again."""
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if webhook.active != active:
        webhook.active = active
        webhook.save(update_fields=["active"])
        audit_record(
            actor=actor,
            production=webhook.production,
            action=AuditEvent.Action.UPDATE,
            obj=webhook,
            changes={"active": [not active, active]},
        )
    return webhook


@transaction.atomic
def webhook_delete(*, actor, webhook: Webhook) -> None:
    """Gone with its delivery log (the audit log keeps that it was)."""
    audit_record(
        actor=actor,
        production=webhook.production,
        action=AuditEvent.Action.DELETE,
        obj=webhook,
        changes={"webhook": [f"{webhook.url}: {', '.join(webhook.events)}", None]},
    )
    webhook.delete()


def _payload(delivery_id, *, event: str, production, data: dict) -> dict:
    return {
        "id": str(delivery_id),
        "event": event,
        "created_at": timezone.now().isoformat(),
        "production": production.slug,
        "data": data,
    }


def _delivery_make(webhook: Webhook, *, event: str, data: dict) -> WebhookDelivery:
    from .tasks import webhook_deliver

    delivery = WebhookDelivery(webhook=webhook, event=event)
    delivery.payload = _payload(
        delivery.event_id, event=event, production=webhook.production, data=data
    )
    delivery.save()
    transaction.on_commit(lambda: webhook_deliver.enqueue(delivery_id=delivery.pk))
    return delivery


@transaction.atomic
def webhook_ping(*, actor, webhook: Webhook) -> WebhookDelivery:
    """The test event, through the same path as the real ones (signed, logged, retried)."""
    if not webhook.active:
        raise WebhookRefused("This webhook is disabled: enable it to send to it.")
    delivery = _delivery_make(
        webhook, event=PING, data={"webhook_id": webhook.pk, "message": "A test event."}
    )
    audit_record(
        actor=actor,
        production=webhook.production,
        action=AuditEvent.Action.UPDATE,
        obj=webhook,
        changes={"test event": str(delivery.event_id)},
    )
    return delivery


def webhook_event_deliver(happened: Happened) -> None:
    """The listener (core.events): one delivery per active webhook of the production that
    listens to the event, sent in the background. It runs once the event's own transaction
    has committed, so a failure here is logged and never undoes or fails the approval."""
    try:
        with transaction.atomic():
            webhooks = Webhook.objects.filter(
                production_id=happened.production_id, active=True
            ).select_related("production")
            for webhook in webhooks:
                if happened.event.value in webhook.events:
                    _delivery_make(webhook, event=happened.event.value, data=happened.data)
    except Exception:
        logger.exception("Webhook deliveries for %s could not be made", happened.event)
