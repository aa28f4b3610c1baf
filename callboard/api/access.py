"""The one place where an API request is tied to a token, a person and a production.

``TokenAuth`` (every endpoint's auth) finds the live token by the hash of the bearer key,
answers 404 when the URL names another production than the token's (so other productions'
existence is not revealed), refuses writes to a read-only token, counts the request against
the token's rate limit, and hands the endpoint ``request.auth``: an ``ApiAccess`` that stands
in for the member's ``Membership`` everywhere a page would use one (``.can``, ``.role``,
``.production``, ``.user``), with the token's scopes taken away from the role's reach.
"""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from ninja.security import HttpBearer

from callboard.core.capabilities import Cap
from callboard.core.models import Membership

from .models import ApiToken
from .services import key_hash

# Capabilities that open private fields (addresses, rates, SSNs, bank and tax numbers): a
# token reaches them only with the "private" scope, and only when the role holds them too.
PRIVATE_CAPS = frozenset(
    {Cap.PEOPLE_PRIVATE, Cap.PEOPLE_RATES, Cap.PAPERWORK_PAYROLL, Cap.ACCOUNTING_PRIVATE}
)
# A token is a key, not a person at a keyboard: it never holds the duties of a signed-in
# session (the second factor) nor the power to make studio admins.
NEVER_BY_TOKEN = frozenset({Cap.SECOND_FACTOR, Cap.PRODUCTION_ADMIN, Cap.MEMBERS_MANAGE})
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after


class PayloadTooLarge(Exception):
    pass


@dataclass(frozen=True)
class ApiAccess:
    token: ApiToken
    membership: Membership

    @property
    def production(self):
        return self.membership.production

    @property
    def user(self):
        return self.membership.user

    @property
    def role(self) -> str:
        return self.membership.role

    def get_role_display(self) -> str:
        return self.membership.get_role_display()

    @cached_property  # asked per field of each row of a list: worked out once a request
    def capabilities(self) -> frozenset[Cap]:
        held = self.membership.capabilities - NEVER_BY_TOKEN
        if not self.token.can_read_private:
            held -= PRIVATE_CAPS
        return held

    def can(self, capability: Cap) -> bool:
        return capability in self.capabilities


def need(request, capability: Cap, *alternatives: Cap) -> ApiAccess:
    """The request's access, when it holds ``capability`` (or an alternative); 403 otherwise."""
    access: ApiAccess = request.auth
    if not any(access.can(c) for c in (capability, *alternatives)):
        raise PermissionDenied(
            f"This token ({access.get_role_display()}, scopes {', '.join(access.token.scopes)})"
            f" does not allow this."
        )
    return access


def _request_count(token: ApiToken, now) -> None:
    """A fixed window per token: API_RATE_LIMIT requests per API_RATE_WINDOW seconds, counted
    on the token's own row by a conditional UPDATE, so every web process shares one count
    (and the page's "last used" is written with it)."""
    window = settings.API_RATE_WINDOW
    seconds = int(now.timestamp())
    current = seconds - seconds % window
    rows = ApiToken.objects.filter(pk=token.pk)
    # Twice: a request of another process may open the new window between the two updates.
    for _ in range(2):
        if rows.filter(rate_window=current, rate_count__lt=settings.API_RATE_LIMIT).update(
            rate_count=F("rate_count") + 1, last_used_at=now
        ):
            return
        if rows.exclude(rate_window=current).update(
            rate_window=current, rate_count=1, last_used_at=now
        ):
            return
        if rows.filter(rate_window=current, rate_count__gte=settings.API_RATE_LIMIT).exists():
            break
    raise RateLimited(retry_after=window - seconds % window)


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token from Account → API tokens: `Bearer cb_…`."

    def authenticate(self, request, token: str) -> ApiAccess | None:
        if not token.startswith("cb_") or len(token) > 100:
            return None
        now = timezone.now()
        found = (
            ApiToken.objects.select_related("production", "user")
            .filter(key_hash=key_hash(token), revoked_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        membership = (
            Membership.objects.select_related("production", "user")
            .filter(
                user=found.user,
                production=found.production,
                is_active=True,
                production__deleted_at__isnull=True,
            )
            .first()
        )
        if membership is None:  # they left the show: their tokens open nothing
            return None
        slug = (request.resolver_match.kwargs if request.resolver_match else {}).get("production")
        if slug is not None and slug != membership.production.slug:
            raise Http404("No such production.")
        if request.method not in SAFE_METHODS:
            if not found.can_write:
                raise PermissionDenied("This token is read-only: make one with the write scope.")
            if int(request.META.get("CONTENT_LENGTH") or 0) > settings.API_MAX_BODY:
                raise PayloadTooLarge()
        _request_count(found, now)
        request.production = membership.production
        return ApiAccess(token=found, membership=membership)
