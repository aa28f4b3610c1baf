"""Failed logins are counted per account and address together: guessing locks out the guesser's
address only, a studio admin can lift a pause, and password-reset e-mails are capped."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import PASSWORD, add_member, make_production, make_user

ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


def _login(client, email, password, address):
    return client.post("/login/", {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_fifty_wrong_passwords_then_the_right_one_is_refused(client):
    make_user("upm@example.test")
    for n in range(50):
        _login(client, "upm@example.test", f"guess-{n}", ATTACKER)
    response = _login(client, "upm@example.test", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "try again in 60 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_from_one_address_does_not_lock_the_owner_out_from_another(client):
    make_user("upm@example.test")
    for n in range(50):
        _login(client, "upm@example.test", f"guess-{n}", ATTACKER)
    response = _login(client, "upm@example.test", PASSWORD, OFFICE)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_an_e_mail_typed_in_capitals_counts_against_the_same_account(client):
    make_user("upm@example.test")
    for n in range(10):
        _login(client, "UPM@Example.test" if n % 2 else "upm@example.test", f"g{n}", ATTACKER)
    assert _login(client, "upm@example.test", PASSWORD, ATTACKER).status_code == 429


@pytest.mark.django_db
def test_a_studio_admin_unlocks_a_member_locked_out_by_wrong_passwords(client):
    production = make_production()
    admin = production.memberships.get().user
    upm = add_member(production, Role.UPM, make_user("upm@example.test"))
    for n in range(6):
        _login(client, upm.email, f"guess-{n}", ATTACKER)
    assert _login(client, upm.email, PASSWORD, ATTACKER).status_code == 429

    client.force_login(admin)
    page = client.get(f"/p/{production.slug}/team/logins/")
    assert upm.email in page.content.decode() and ATTACKER in page.content.decode()
    client.post(f"/p/{production.slug}/team/logins/unlock/", {"email": upm.email})
    client.logout()

    assert _login(client, upm.email, PASSWORD, ATTACKER).status_code == 302
    assert AuditEvent.objects.filter(changes__has_key="failed logins").exists()


@pytest.mark.django_db
def test_only_a_studio_admin_may_see_or_lift_lockouts(client):
    production = make_production()
    upm = add_member(production, Role.UPM, make_user("upm@example.test"))
    coordinator = add_member(production, Role.COORDINATOR)
    for n in range(6):
        _login(client, upm.email, f"guess-{n}", ATTACKER)
    client.force_login(coordinator)
    assert client.get(f"/p/{production.slug}/team/logins/").status_code == 403
    response = client.post(f"/p/{production.slug}/team/logins/unlock/", {"email": upm.email})
    assert response.status_code == 403
    client.logout()
    assert _login(client, upm.email, PASSWORD, ATTACKER).status_code == 429


@pytest.mark.django_db
def test_password_reset_e_mails_are_capped_per_e_mail(client, django_capture_on_commit_callbacks):
    make_user("sam@example.test")
    for n in range(20):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/password/reset/", {"email": "sam@example.test"}, REMOTE_ADDR=f"10.0.0.{n}"
            )
    assert OutboundEmail.objects.filter(to="sam@example.test").count() == 3


@pytest.mark.django_db
def test_password_reset_requests_are_capped_per_address_with_a_clear_message(
    client, django_capture_on_commit_callbacks
):
    for n in range(12):
        make_user(f"crew{n}@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(
                "/password/reset/", {"email": f"crew{n}@example.test"}, REMOTE_ADDR=ATTACKER
            )
            for n in range(12)
        ]
    assert OutboundEmail.objects.count() == 10
    assert responses[-1].status_code == 429
    assert "Too many reset requests" in responses[-1].content.decode()


@pytest.mark.django_db
def test_a_studio_admin_cannot_unlock_an_account_that_is_not_on_their_show(client):
    show_a, show_b = make_production("Show A"), make_production("Show B")
    admin_a = show_a.memberships.get().user
    outsider = add_member(show_b, Role.UPM, make_user("other@example.test"))
    for n in range(6):
        _login(client, outsider.email, f"guess-{n}", ATTACKER)
    client.force_login(admin_a)
    assert outsider.email not in client.get(f"/p/{show_a.slug}/team/logins/").content.decode()
    client.post(f"/p/{show_a.slug}/team/logins/unlock/", {"email": outsider.email})
    client.logout()
    assert _login(client, outsider.email, PASSWORD, ATTACKER).status_code == 429
