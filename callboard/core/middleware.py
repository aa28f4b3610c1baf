"""Request-wide rules: the second factor for the roles that need it, no caching of pages
opened by a personal link, and one clock (the production's time zone) for every page."""

import zoneinfo
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .accounts import second_factor_required
from .models import Membership

# Pages a signed-in user without a verified second factor may still open: the second factor's
# own pages, logging out, static files and the links that need no account.
_OPEN_PREFIXES = ("/account/second-factor/", "/logout/", "/static/", "/l/", "/favicon.ico")


class SecondFactorMiddleware:
    """Send anyone whose role needs a second factor to enrol or type a code before any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and second_factor_required(user)
            and not user.is_verified()
        ):
            target = reverse("second_factor") + "?" + urlencode({"next": request.get_full_path()})
            if request.htmx:
                # The browser would follow a 302 inside the XHR; htmx reads this instead.
                return HttpResponse(status=204, headers={"HX-Redirect": target})
            return redirect(target)
        return self.get_response(request)


class PersonalLinkNoStoreMiddleware:
    """A page opened by a personal link (/l/..., an invitation) carries private details: no
    browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/l/", "/invitation/")):
            add_never_cache_headers(response)
        return response


class ClockMiddleware:
    """One clock for every page: times read on the production's clock (callboard.core.clock).

    A production's pages set its zone themselves (``tenancy.production_view``) and so does every
    signed link (``links.link_grant_resolve``: the crew's phone pages). Pages outside a
    production (the outbox, the list of shows) read on the clock of the shows the user belongs
    to when they share one; otherwise they stay on UTC, which the clock filters then name. The
    zone never outlives the request: the next request on this thread starts from UTC again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        try:
            user = getattr(request, "user", None)
            # Under /p/ the production's own zone is set by production_view; /l/ by its link.
            if (
                user is not None
                and user.is_authenticated
                and not request.path.startswith(("/p/", "/l/", "/static/"))
            ):
                zones = list(
                    Membership.objects.filter(
                        user=user, is_active=True, production__deleted_at__isnull=True
                    )
                    .values_list("production__time_zone", flat=True)
                    .distinct()[:2]
                )
                if len(zones) == 1:
                    timezone.activate(zoneinfo.ZoneInfo(zones[0]))
            return self.get_response(request)
        finally:
            timezone.deactivate()
