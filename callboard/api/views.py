"""The account page's API tokens: make one (shown once), see when each was last used, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from callboard.core.accounts import second_factor_required
from callboard.core.models import Membership

from . import services
from .forms import TokenForm
from .models import ApiToken

# The session key holding a new token's key from the POST to the page that shows it once.
_JUST_MADE = "api_token_just_made"


@login_required
@never_cache  # the page that shows a key once is not kept by the browser or a proxy
def tokens(request) -> HttpResponse:
    memberships = Membership.objects.filter(
        user=request.user, is_active=True, production__deleted_at__isnull=True
    ).select_related("production")
    needs_code = second_factor_required(request.user)
    form = TokenForm(request.POST or None, memberships=memberships, needs_code=needs_code)
    made = None
    status = 200
    if request.method == "GET" and (just_made := request.session.pop(_JUST_MADE, None)):
        token = ApiToken.objects.filter(pk=just_made["token_pk"], user=request.user).first()
        made = {"token": token, "key": just_made["key"]} if token else None
    if request.method == "POST":
        if form.is_valid():
            try:
                token, key = services.api_token_create(
                    actor=request.user,
                    membership=form.cleaned_data["membership"],
                    name=form.cleaned_data["name"],
                    can_write=form.cleaned_data["can_write"],
                    can_read_private=form.cleaned_data["can_read_private"],
                    days=int(form.cleaned_data["days"]),
                    second_factor_code=form.cleaned_data.get("code"),
                )
            except services.TokenRefused as exc:
                form.add_error(None, str(exc))
            else:
                # Shown by the GET this redirects to, so reloading it makes no second token.
                request.session[_JUST_MADE] = {"token_pk": token.pk, "key": key}
                return redirect("api_tokens")
        status = 400
    listed = ApiToken.objects.filter(user=request.user).select_related("production")
    return render(
        request,
        "api/tokens.html",
        {"form": form, "made": made, "tokens": listed, "needs_code": needs_code},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request, token_pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_pk, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"“{token.name}” is revoked: it opens nothing from now on.")
    return redirect("api_tokens")
