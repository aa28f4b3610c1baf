"""Writes and checks for signing in: the second factor, recovery codes, lockouts, reset limits.

Who must use a second factor is read from the capability table (``Cap.SECOND_FACTOR``);
failed logins are counted by django-axes per account *and* address together, so guessing
from one place never locks the owner out from another.
"""

import hashlib
from base64 import b32encode

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_record
from .capabilities import SECOND_FACTOR_ROLES
from .models import AuditEvent, Membership, Production, User

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


class SecondFactorError(Exception):
    """A code that does not match; the message says so in a sentence."""


def client_address(request) -> str:
    """The address a request came from: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies
    the entry the outermost of them appended to X-Forwarded-For."""
    if settings.PROXY_COUNT:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def login_username(request, credentials) -> str:
    """The account a login attempt is counted against: e-mails compare in lower case."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return raw.strip().lower()


def _second_factor_memberships(user_ref):
    return Membership.objects.filter(
        user=user_ref,
        is_active=True,
        production__deleted_at__isnull=True,
        role__in=[role.value for role in SECOND_FACTOR_ROLES],
    )


class AccountBackend(ModelBackend):
    """Django's e-mail and password backend, whose session user arrives knowing whether its
    roles need a second factor (read in the same query, so no page pays an extra one)."""

    def get_user(self, user_id):
        user = (
            User._default_manager.annotate(
                needs_second_factor=Exists(_second_factor_memberships(OuterRef("pk")))
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


def second_factor_required(user) -> bool:
    """Whether this user holds, on any show they are active on, a role that signs in with a
    second factor."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "needs_second_factor", None)
    return known if known is not None else _second_factor_memberships(user).exists()


def authenticator_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolled_user_ids(user_ids) -> set[int]:
    return set(
        TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def authenticator_secret(device: TOTPDevice) -> str:
    """The base32 secret an authenticator app takes when typed by hand."""
    return b32encode(device.bin_key).decode()


def authenticator_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the app shows now (for the local demo's printout and the tests)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"


@transaction.atomic
def authenticator_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled: the same one until it is confirmed, so
    reloading the page does not change the QR code under the user's phone."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def authenticator_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the enrolling authenticator with a code it shows; returns it and a fresh set of
    recovery codes (shown once). A wrong code changes nothing."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise SecondFactorError("Start again: no authenticator is being set up.")
    if not device.verify_token(_digits(token)):
        raise SecondFactorError(
            "That code does not match. Type the 6 digits your app shows now for Callboard."
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device, _recovery_codes_issue(user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    return _recovery_codes_issue(user)


def _recovery_codes_issue(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, user: User, token: str):
    """The device that accepts this code: the app's 6 digits, or a recovery code (used once).
    Each device throttles its own failures."""
    token = token.strip().replace(" ", "").lower()
    if token.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        with transaction.atomic():
            if device.verify_token(token):
                return device
    raise SecondFactorError(
        "That code does not match. Type the 6 digits your app shows now, or one recovery code."
    )


def _digits(token: str) -> str:
    return token.strip().replace(" ", "")


@transaction.atomic
def second_factor_reset(*, actor: User, production: Production, membership: Membership) -> None:
    """A studio admin clears a member's authenticator and recovery codes (a lost phone): they
    enrol again at their next sign-in."""
    user = membership.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=membership,
        changes={"second factor": ["set up", "cleared: enrols again at next sign-in"]},
    )


def lockouts_for(production: Production):
    """Failed-login records against this show's members' accounts, newest first."""
    emails = production.memberships.values_list("user__email", flat=True)
    return AccessAttempt.objects.filter(username__in=list(emails)).order_by("-attempt_time")


@transaction.atomic
def login_unlock(*, actor: User, production: Production, email: str) -> int:
    """Clear the failed logins against a member's account, from every address."""
    membership = production.memberships.filter(user__email=email).select_related("user").first()
    if membership is None:
        return 0
    cleared = axes_reset(username=email)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=membership,
        changes={"failed logins": [cleared, "cleared"]},
    )
    return cleared


def password_reset_allowed(*, address: str, email: str) -> bool:
    """Count one password-reset request from this address for this e-mail; False once either
    has used up its allowance for the window (PASSWORD_RESET_LIMITS)."""
    cache = caches[settings.THROTTLE_CACHE]
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    allowed = True
    for kind, value, limit in (
        ("ip", address, settings.PASSWORD_RESET_LIMITS["address"]),
        ("email", email.strip().lower(), settings.PASSWORD_RESET_LIMITS["email"]),
    ):
        key = "reset:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        allowed = allowed and count <= limit
    return allowed
