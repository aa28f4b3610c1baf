"""The one NinjaAPI: every endpoint module under ``endpoints/`` adds its router here, every
endpoint is behind ``TokenAuth``, and every error leaves as JSON ``{"detail": …}``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from .access import PayloadTooLarge, RateLimited, TokenAuth
from .endpoints import ROUTERS

api = NinjaAPI(
    title="Callboard API",
    version="1",
    description=(
        "A production's data for other systems: people, scripts, the schedule, call sheets,"
        " DPRs, time cards and the books. Every request carries a personal API token"
        " (`Authorization: Bearer cb_…`, made on Account → API tokens); it reaches what its"
        " owner's role reaches on that production, narrowed by its scopes. Lists are cursor"
        " pages in the order rows changed: pass `updated_since` to follow changes, deletions"
        " included."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

for prefix, router in ROUTERS:
    api.add_router(prefix, router)


def _error(request, status: int, detail, **headers):
    response = api.create_response(request, {"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return _error(
        request,
        401,
        "A valid API token is needed: Authorization: Bearer cb_… (it may be revoked or expired).",
        **{"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, str(exc) or "This token does not allow this.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, str(exc) or "Not found on this production.")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return _error(request, 422, detail)


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    return _error(
        request,
        429,
        f"Too many requests with this token: try again in {exc.retry_after} s.",
        **{"Retry-After": str(exc.retry_after)},
    )


@api.exception_handler(PayloadTooLarge)
def _too_large(request, exc):
    return _error(request, 413, "The request body is too large.")
