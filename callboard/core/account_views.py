"""Signing in beyond the password: the second factor, recovery codes, the studio admin's page
of locked-out and second-factor logins, and a password reset that cannot be used to flood."""

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .accounts import (
    SecondFactorError,
    authenticator_confirm,
    authenticator_for,
    authenticator_secret,
    authenticator_start,
    client_address,
    enrolled_user_ids,
    lockouts_for,
    login_unlock,
    password_reset_allowed,
    recovery_codes_renew,
    second_factor_required,
    second_factor_reset,
    second_factor_verify,
)
from .capabilities import Cap
from .forms import LoginUnlockForm, PasswordResetForm, SecondFactorCodeForm
from .models import Membership
from .tenancy import get_scoped_or_404, production_view


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@login_required
def second_factor(request) -> HttpResponse:
    """Enrol an authenticator app (first sign-in) or type its code (every sign-in)."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return HttpResponseRedirect(next_url)
    error = ""
    if authenticator_for(user) is None:
        device = authenticator_start(user=user)
        if request.method == "POST":
            try:
                device, codes = authenticator_confirm(
                    user=user, token=SecondFactorCodeForm(request.POST).code_typed
                )
            except SecondFactorError as exc:
                error = str(exc)
            else:
                otp_login(request, device)
                return render(
                    request,
                    "registration/recovery_codes.html",
                    {"codes": codes, "next": next_url, "first_time": True},
                )
        qr = segno.make(device.config_url, error="m")
        return render(
            request,
            "registration/second_factor_enrol.html",
            {
                # segno writes the SVG itself from the otpauth URL: no user input in it.
                "qr_svg": mark_safe(qr.svg_inline(scale=4, dark="#1c2733")),  # noqa: S308
                "secret": authenticator_secret(device),
                "required": second_factor_required(user),
                "error": error,
                "next": next_url,
            },
            status=400 if error else 200,
        )
    if request.method == "POST":
        try:
            device = second_factor_verify(
                user=user, token=SecondFactorCodeForm(request.POST).code_typed
            )
        except SecondFactorError as exc:
            error = str(exc)
        else:
            otp_login(request, device)
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "registration/second_factor_verify.html",
        {"error": error, "next": next_url},
        status=400 if error else 200,
    )


@login_required
def recovery_codes(request) -> HttpResponse:
    """Issue a new set of recovery codes (after a fresh second-factor check)."""
    if authenticator_for(request.user) is None or not request.user.is_verified():
        return redirect("second_factor")
    if request.method == "POST":
        codes = recovery_codes_renew(user=request.user)
        return render(
            request, "registration/recovery_codes.html", {"codes": codes, "next": reverse("home")}
        )
    return render(request, "registration/recovery_codes_renew.html")


@production_view(Cap.PRODUCTION_ADMIN)
def logins(request) -> HttpResponse:
    """Locked-out accounts and members' second factors, for the studio admin."""
    memberships = (
        Membership.objects.filter(production=request.production)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    enrolled = enrolled_user_ids([m.user_id for m in memberships])
    return render(
        request,
        "core/logins.html",
        {
            "nav": "team",
            "attempts": lockouts_for(request.production),
            "memberships": memberships,
            "enrolled": enrolled,
        },
    )


@production_view(Cap.PRODUCTION_ADMIN)
@require_POST
def login_unlock_view(request) -> HttpResponse:
    email = LoginUnlockForm(request.POST).email_typed
    cleared = login_unlock(actor=request.user, production=request.production, email=email)
    if cleared:
        messages.success(request, f"{email} can log in again from every address.")
    else:
        messages.info(request, "No failed logins to clear for that member.")
    return redirect("logins", production=request.production.slug)


@production_view(Cap.PRODUCTION_ADMIN)
@require_POST
def second_factor_reset_view(request, membership_pk: int) -> HttpResponse:
    membership = get_scoped_or_404(Membership, request, pk=membership_pk)
    second_factor_reset(actor=request.user, production=request.production, membership=membership)
    messages.success(
        request, f"{membership.user} sets up a new authenticator app at their next sign-in."
    )
    return redirect("logins", production=request.production.slug)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with a cap on requests per address and per e-mail; its e-mail goes out
    as a tracked delivery (forms.PasswordResetForm)."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        address = client_address(self.request)
        if not password_reset_allowed(address=address, email=form.cleaned_data["email"]):
            form.add_error(
                None,
                "Too many reset requests from here or for that address. Wait an hour and try "
                "again, or ask your production office.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
