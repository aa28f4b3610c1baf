"""One-time form tokens: a form that creates something carries a hidden random token, and the
service that saves it claims the token in its own transaction. A second post of the same form
(a double click, a resubmit after Back) finds the claim and is told what the first one made,
so it makes nothing. A save that fails rolls its claim back, so the form can be fixed and sent
again with the same token.

To use it: add ``once = OnceField()`` to the form; in the service, inside its transaction,
``claim = once_claim(production=..., user=..., token=..., purpose="app.thing")`` before
creating (it raises AlreadySaved), then ``once_done(claim, obj)``; in the view, catch
AlreadySaved and show ``exc.object_id``'s page. A form posted without a token saves as before
(an older page, the API): nothing to compare it with.
"""

from __future__ import annotations

import secrets

from django import forms
from django.db import IntegrityError, transaction

from .models import OnceToken

TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class AlreadySaved(Exception):
    """The form was saved before with this token: ``object_id`` is what that save made."""

    def __init__(self, object_id: int | None):
        super().__init__("This form was already saved.")
        self.object_id = object_id


def once_token() -> str:
    return secrets.token_urlsafe(24)


class OnceField(forms.CharField):
    """The hidden one-time token, a fresh one on each unbound form."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=64, initial=once_token, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not set(value) <= TOKEN_CHARS:
            raise forms.ValidationError("This form is damaged: reload the page and save again.")


def once_claim(*, production, user, token: str, purpose: str) -> OnceToken | None:
    """Claim the token for this save; None when there is no token to claim. Call inside the
    save's transaction. AlreadySaved when this user already saved with it."""
    if not token:
        return None
    user = user if user is not None and user.is_authenticated else None
    claimed = OnceToken.objects.filter(production=production, user=user, token=token)
    earlier = claimed.first()
    if earlier is None:
        try:
            with transaction.atomic():  # a concurrent claim of the same token loses here
                return OnceToken.objects.create(
                    production=production, user=user, token=token, purpose=purpose
                )
        except IntegrityError:
            earlier = claimed.first()
    raise AlreadySaved(earlier.object_id if earlier and earlier.purpose == purpose else None)


def once_done(claim: OnceToken | None, obj) -> None:
    """Record what the claimed save made, for the second post to be shown."""
    if claim is not None:
        claim.object_id = obj.pk
        claim.save(update_fields=["object_id"])
