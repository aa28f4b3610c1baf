"""Request-wide rules: the second factor for the roles that need it, and no caching of pages
opened by a personal link."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .accounts import second_factor_required

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
