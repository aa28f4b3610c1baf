import re

import pytest
from django.contrib.auth.hashers import identify_hasher

from callboard.core.models import OutboundEmail, User
from callboard.core.testing import PASSWORD, make_user


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    user = make_user("argon@example.test")
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
def test_login_with_email_and_password_then_logout(client):
    make_user("sam@example.test")
    response = client.post("/login/", {"username": "sam@example.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/?all=1").status_code == 200
    client.post("/logout/")
    assert client.get("/?all=1").status_code == 302


@pytest.mark.django_db
def test_wrong_password_says_so_and_stays_logged_out(client):
    make_user("sam@example.test")
    response = client.post("/login/", {"username": "sam@example.test", "password": "nope"})
    assert "do not match an account" in response.content.decode()
    assert client.get("/?all=1").status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email_lets_you_choose_a_new_password(
    client, django_capture_on_commit_callbacks
):
    make_user("sam@example.test")
    with django_capture_on_commit_callbacks(execute=True):  # sent by the worker on commit
        client.post("/password/reset/", {"email": "sam@example.test"})
    email = OutboundEmail.objects.get()
    assert email.to == "sam@example.test"
    link = re.search(r"https?://[^/]+(/password/reset/\S+)", email.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-secret-42", "new_password2": "brand-new-secret-42"},
    )
    assert User.objects.get().check_password("brand-new-secret-42")


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/password/reset/", {"email": "nobody@example.test"}, follow=True)
    assert "Check your e-mail" in response.content.decode()
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_the_outbox_shows_you_only_mail_addressed_to_you(client):
    user = make_user("a@example.test")
    OutboundEmail.objects.create(to="a@example.test", subject="Yours", body="x")
    other = OutboundEmail.objects.create(to="ba@example.test", subject="Not yours", body="x")
    client.force_login(user)
    page = client.get("/outbox/").content.decode()
    assert "Yours" in page and "Not yours" not in page
    assert client.get(f"/outbox/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_outbox_does_not_match_a_longer_address(client):
    user = make_user("a@b.com")
    OutboundEmail.objects.create(to="a@b.com.au", subject="Australian", body="x")
    OutboundEmail.objects.create(to="x@y.test, a@b.com", subject="Shared", body="x")
    client.force_login(user)
    page = client.get("/outbox/").content.decode()
    assert "Shared" in page and "Australian" not in page
