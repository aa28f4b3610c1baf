"""Issue 16: Django's password-reset e-mail left by its own send_mail. Now it is a dispatch of no
show (kind "password_reset") with one delivery to the account's address, sent by the worker; the
e-mail still arrives and its link still works, and it shows on no show's pages."""

import re

import pytest

from callboard.core.models import OutboundEmail, User
from callboard.core.testing import make_user
from callboard.distribution.models import Dispatch


def _reset(client, email: str):
    return client.post("/password/reset/", {"email": email})


@pytest.mark.django_db
def test_a_reset_e_mail_arrives_as_a_delivery_of_no_show(
    client, production, django_capture_on_commit_callbacks
):
    sam = make_user("sam@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "sam@example.test")
    dispatch = Dispatch.objects.get()
    assert (dispatch.kind, dispatch.production, dispatch.object_id) == (
        "password_reset",
        None,
        sam.pk,
    )
    assert dispatch.subject == "Reset your Callboard password"
    assert "/password/reset/" not in dispatch.message  # the link is made when sent, not stored
    [delivery] = dispatch.deliveries.all()
    assert (delivery.person, delivery.grant, delivery.address) == (None, None, "sam@example.test")
    assert delivery.state == "sent"
    assert not production.dispatches.exists()
    email = OutboundEmail.objects.get()
    assert email.to == "sam@example.test"
    link = re.search(r"https?://[^/]+(/password/reset/\S+)", email.body).group(1)
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "brand-new-secret-42", "new_password2": "brand-new-secret-42"},
    )
    assert User.objects.get(pk=sam.pk).check_password("brand-new-secret-42")


@pytest.mark.django_db
def test_each_request_is_its_own_message(client, django_capture_on_commit_callbacks):
    make_user("sam@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "sam@example.test")
        _reset(client, "sam@example.test")
    assert Dispatch.objects.filter(kind="password_reset").count() == 2
    assert OutboundEmail.objects.filter(to="sam@example.test").count() == 2


@pytest.mark.django_db
def test_an_unknown_address_makes_no_message(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "nobody@example.test")
    assert not Dispatch.objects.exists() and not OutboundEmail.objects.exists()
