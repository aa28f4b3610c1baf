"""Small builders shared by the tests of every app (not imported by application code)."""

import itertools

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from callboard.core.accounts import authenticator_code, second_factor_required
from callboard.core.capabilities import SECOND_FACTOR_ROLES, Role
from callboard.core.models import Membership, Production, User
from callboard.core.services import production_create

_serial = itertools.count(1)
PASSWORD = "a-long-test-password-1"


def make_user(email: str | None = None, *, name: str = "") -> User:
    email = email or f"user{next(_serial)}@example.test"
    return User.objects.create_user(email, PASSWORD, name=name or email.split("@")[0].title())


def make_production(title: str = "Test Show", *, owner: User | None = None, **fields) -> Production:
    return production_create(actor=owner or make_user(), title=title, **fields)


def add_member(production: Production, role: Role | str, user: User | None = None) -> User:
    user = user or make_user()
    Membership.objects.create(production=production, user=user, role=role)
    if Role(role) in SECOND_FACTOR_ROLES:
        authenticator_device(user)
    return user


def authenticator_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, set up as if they had enrolled."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def mark_second_factor_verified(client, user: User) -> None:
    """Make a test client's session count as signed in with the second factor, as after typing
    the code (conftest applies it to every force_login)."""
    if not second_factor_required(user):
        return  # no device in the session: its look-up would cost every page a query
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_device(user).persistent_id
    session.save()


def log_in(page, live_server, email: str, production) -> None:
    """Log in through the form, as a person would, and land on the production's home."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    user = User.objects.get(email=email)
    if second_factor_required(user):
        device = authenticator_device(user)
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a code may be used once
        page.click("button[type=submit]")
        page.wait_for_url("**/account/second-factor/**")
        page.fill("#id_code", authenticator_code(device))
        page.press("#id_code", "Enter")  # the top bar has a Log out button too
    else:
        page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
