"""The words of what core sends, made when the message goes out (by the worker, through
``outbox``): the secret link in an invitation or a password reset is made then and stored
nowhere. Each is a function of the object's pk (``Dispatch.object_id``) to the body; the
subject is given when the send is asked for."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Invitation, User
from .outbox import INVITATION, PASSWORD_RESET
from .services import INVITATION_DAYS, invitation_token

PASSWORD_RESET_EMAIL = "registration/password_reset_email.html"


def invitation_words(invitation_id: int) -> str:
    invitation = Invitation.objects.select_related("production", "invited_by").get(pk=invitation_id)
    link = settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation)])
    return (
        f"{invitation.invited_by or 'The production office'} has invited you to "
        f"{invitation.production.display_title} on Callboard "
        f"as {invitation.get_role_display()}.\n\n"
        f"Accept the invitation here (the link works for {INVITATION_DAYS} days):\n{link}\n\n"
        f"If you were not expecting this, ignore this e-mail.\n"
    )


def password_reset_words(user_id: int) -> str:
    """Django's reset e-mail, with its context as PasswordResetForm makes it; the site is
    SITE_URL, as in every link Callboard sends (the worker has no request)."""
    user = User.objects.get(pk=user_id)
    site = urlparse(settings.SITE_URL)
    return render_to_string(
        PASSWORD_RESET_EMAIL,
        {
            "email": user.email,
            "domain": site.netloc,
            "site_name": site.netloc,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": site.scheme,
        },
    )


# kind -> (object's pk) -> body; distribution registers a composer for each at start-up.
WORDS: dict[str, Callable[[int], str]] = {
    INVITATION: invitation_words,
    PASSWORD_RESET: password_reset_words,
}
