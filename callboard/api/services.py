"""Writes of the API app: making and revoking API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from callboard.core.accounts import SecondFactorError, second_factor_required, second_factor_verify
from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Membership

from .models import ApiToken

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
