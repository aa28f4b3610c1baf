"""The roles that can see money and private numbers sign in with a second factor: enrolled at
the first sign-in (QR code or key, then recovery codes), asked at every sign-in, on every page."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from callboard.core.accounts import authenticator_code
from callboard.core.capabilities import CAPABILITIES, SECOND_FACTOR_ROLES, Cap, Role
from callboard.core.models import AuditEvent
from callboard.core.testing import PASSWORD, add_member, make_production, make_user


def _sign_in(client, user):
    return client.post("/login/", {"username": user.email, "password": PASSWORD})


def _new_device_code(user) -> str:
    return authenticator_code(TOTPDevice.objects.get(user=user, confirmed=False))


def test_every_role_that_can_reveal_private_numbers_or_money_needs_a_second_factor():
    sensitive = {Cap.PRODUCTION_ADMIN, Cap.PAPERWORK_PAYROLL, Cap.ACCOUNTING_PRIVATE}
    for role, caps in CAPABILITIES.items():
        if caps & sensitive:
            assert role in SECOND_FACTOR_ROLES, role
    assert {Role.STUDIO_ADMIN, Role.UPM, Role.ACCOUNTANT, Role.PAYROLL} == SECOND_FACTOR_ROLES


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.UPM, Role.ACCOUNTANT, Role.PAYROLL, Role.STUDIO_ADMIN])
def test_a_password_alone_opens_no_page_for_a_role_that_needs_a_second_factor(client, role):
    production = make_production()
    user = add_member(production, role, make_user())
    TOTPDevice.objects.filter(user=user).delete()  # a first sign-in: nothing set up yet
    _sign_in(client, user)
    for url in (f"/p/{production.slug}/", f"/p/{production.slug}/people/", "/outbox/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/second-factor/"), url
    htmx = client.get(f"/p/{production.slug}/people/", HTTP_HX_REQUEST="true")
    assert htmx.status_code == 204 and not htmx.content
    assert htmx["HX-Redirect"].startswith("/account/second-factor/")


@pytest.mark.django_db
def test_a_coordinator_signs_in_with_a_password_alone(client):
    production = make_production()
    user = add_member(production, Role.COORDINATOR)
    _sign_in(client, user)
    assert client.get(f"/p/{production.slug}/").status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_first_sign_in_enrols_an_authenticator_and_shows_recovery_codes_once(client):
    production = make_production()
    user = add_member(production, Role.UPM, make_user())
    TOTPDevice.objects.filter(user=user).delete()
    _sign_in(client, user)
    page = client.get(f"/account/second-factor/?next=/p/{production.slug}/")
    html = page.content.decode()
    assert "<svg" in html and 'id="totp-secret"' in html
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)
    assert client.get("/account/second-factor/").content.decode().count(secret) == 1  # same key

    done = client.post(
        "/account/second-factor/",
        {"code": _new_device_code(user), "next": f"/p/{production.slug}/"},
    )
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(f"/p/{production.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_enrolment_code_is_refused_and_confirms_nothing(client):
    production = make_production()
    user = add_member(production, Role.PAYROLL, make_user())
    TOTPDevice.objects.filter(user=user).delete()
    _sign_in(client, user)
    client.get("/account/second-factor/")
    good = _new_device_code(user)
    response = client.post("/account/second-factor/", {"code": f"{(int(good) + 1) % 10**6:06d}"})
    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert client.get(f"/p/{production.slug}/").status_code == 302


@pytest.mark.django_db
def test_each_sign_in_asks_for_the_apps_code(client):
    production = make_production()
    user = add_member(production, Role.ACCOUNTANT, make_user())
    device = TOTPDevice.objects.get(user=user)
    _sign_in(client, user)
    assert client.get(f"/p/{production.slug}/")["Location"].startswith("/account/second-factor/")
    wrong = f"{(int(authenticator_code(device)) + 500_000) % 10**6:06d}"
    assert client.post("/account/second-factor/", {"code": wrong}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    response = client.post(
        "/account/second-factor/",
        {"code": authenticator_code(device), "next": f"/p/{production.slug}/"},
    )
    assert response["Location"] == f"/p/{production.slug}/"
    assert client.get(f"/p/{production.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once_only(client):
    production = make_production()
    user = add_member(production, Role.UPM, make_user())
    TOTPDevice.objects.filter(user=user).delete()
    _sign_in(client, user)
    client.get("/account/second-factor/")
    done = client.post("/account/second-factor/", {"code": _new_device_code(user)})
    code = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())[0]
    client.post("/logout/")

    _sign_in(client, user)
    client.post("/account/second-factor/", {"code": code.upper()})
    assert client.get(f"/p/{production.slug}/").status_code == 200
    client.post("/logout/")

    _sign_in(client, user)
    again = client.post("/account/second-factor/", {"code": code})
    assert again.status_code == 400
    assert client.get(f"/p/{production.slug}/").status_code == 302


@pytest.mark.django_db
def test_a_studio_admin_resets_a_members_lost_second_factor(client):
    production = make_production()
    admin = production.memberships.get().user
    upm = add_member(production, Role.UPM, make_user())
    membership = production.memberships.get(user=upm)
    client.force_login(admin)
    assert upm.email in client.get(f"/p/{production.slug}/team/logins/").content.decode()
    client.post(f"/p/{production.slug}/team/logins/{membership.pk}/second-factor/reset/")
    assert not TOTPDevice.objects.filter(user=upm).exists()
    assert AuditEvent.objects.filter(changes__has_key="second factor").exists()


@pytest.mark.django_db
def test_a_upm_cannot_reset_anyones_second_factor(client):
    production = make_production()
    upm = add_member(production, Role.UPM, make_user())
    payroll = add_member(production, Role.PAYROLL, make_user())
    membership = production.memberships.get(user=payroll)
    client.force_login(upm)
    url = f"/p/{production.slug}/team/logins/{membership.pk}/second-factor/reset/"
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=payroll).exists()


@pytest.mark.django_db
def test_next_after_the_code_stays_on_this_site(client):
    production = make_production()
    user = add_member(production, Role.UPM, make_user())
    device = TOTPDevice.objects.get(user=user)
    _sign_in(client, user)
    response = client.post(
        "/account/second-factor/",
        {"code": authenticator_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client):
    production = make_production()
    user = add_member(production, Role.PAYROLL, make_user())
    client.force_login(user)
    assert "Recovery codes" in client.get(f"/p/{production.slug}/").content.decode()
    first = client.post("/account/second-factor/recovery-codes/")
    old = set(re.findall(r"<li><code>([a-z2-7]+)</code></li>", first.content.decode()))
    second = client.post("/account/second-factor/recovery-codes/")
    new = set(re.findall(r"<li><code>([a-z2-7]+)</code></li>", second.content.decode()))
    assert len(new) == 10 and not old & new
    assert set(StaticToken.objects.values_list("token", flat=True)) == new
