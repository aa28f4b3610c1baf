"""Signed, expiring, revocable links for people who have no account.

A link carries a signed token naming a LinkGrant; the signature (salted with
the purpose) proves Callboard made it, the timestamp bounds its age, and the
grant row lets the office revoke it and see when it was used. Later issues use
this for start paperwork and call-sheet confirmations.
"""

from datetime import timedelta

from django.core import signing
from django.db.models import F
from django.utils import timezone

from .models import LinkGrant

SALT_PREFIX = "callboard.link."


class LinkInvalid(Exception):
    """The link is forged, expired, revoked or for another purpose."""


def link_grant_create(
    *, production, purpose: str, subject, created_by=None, valid_for: timedelta
) -> tuple[LinkGrant, str]:
    grant = LinkGrant.objects.create(
        production=production,
        purpose=purpose,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        created_by=created_by,
        expires_at=timezone.now() + valid_for,
    )
    return grant, link_token(grant)


def link_token(grant: LinkGrant) -> str:
    """The signed token for a grant; any token for a live grant opens it."""
    return signing.dumps({"g": grant.pk}, salt=SALT_PREFIX + grant.purpose, compress=True)


def link_grant_resolve(token: str, *, purpose: str) -> LinkGrant:
    """The live grant behind a token, its use recorded; LinkInvalid otherwise."""
    try:
        payload = signing.loads(token, salt=SALT_PREFIX + purpose)
    except signing.BadSignature as exc:
        raise LinkInvalid("This link is not valid.") from exc
    grant = (
        LinkGrant.objects.select_related("production")
        .filter(pk=payload.get("g"), purpose=purpose)
        .first()
    )
    now = timezone.now()
    if grant is None or grant.production.deleted_at is not None:
        raise LinkInvalid("This link is not valid.")
    if grant.revoked_at is not None:
        raise LinkInvalid("This link has been withdrawn by the production office.")
    if grant.expires_at <= now:
        raise LinkInvalid("This link has expired. Ask the production office for a new one.")
    LinkGrant.objects.filter(pk=grant.pk).update(
        use_count=F("use_count") + 1,
        last_used_at=now,
        first_used_at=grant.first_used_at or now,
    )
    # The page this link opens reads on the production's clock (ClockMiddleware resets it).
    timezone.activate(grant.production.tzinfo)
    return grant


def link_grant_revoke(*, grant: LinkGrant) -> None:
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])


def link_grants_revoke(
    *, production, subject_type: str, subject_ids, purposes=None, keep_purposes=()
) -> int:
    """Revoke at once every live link to these subjects (of ``purposes``, or all but
    ``keep_purposes``); the count revoked."""
    grants = LinkGrant.objects.filter(
        production=production,
        subject_type=subject_type,
        subject_id__in=list(subject_ids),
        revoked_at__isnull=True,
    )
    if purposes is not None:
        grants = grants.filter(purpose__in=purposes)
    if keep_purposes:
        grants = grants.exclude(purpose__in=keep_purposes)
    return grants.update(revoked_at=timezone.now())
