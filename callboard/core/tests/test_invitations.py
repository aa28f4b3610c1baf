import re
from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.core.models import Invitation, Membership, OutboundEmail, User
from callboard.core.services import invitation_token
from callboard.core.testing import make_user


def invitation_link(email: OutboundEmail) -> str:
    return re.search(r"https?://[^/]+(/invitation/\S+)", email.body).group(1)


def test_coordinator_invites_by_email_and_the_invitee_joins_with_a_new_account(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            f"/p/{production.slug}/team/", {"email": "New.Person@Example.test", "role": "apoc"}
        )
    email = OutboundEmail.objects.get()
    assert email.to == "new.person@example.test"
    assert "APOC" in email.body
    link = invitation_link(email)
    coordinator_client.logout()
    page = client.get(link)
    assert "Join The Test Show" in page.content.decode()
    client.post(
        link,
        {"name": "New Person", "password1": "a-fine-password-9", "password2": "a-fine-password-9"},
    )
    user = User.objects.get(email="new.person@example.test")
    assert Membership.objects.get(user=user, production=production).role == "apoc"
    assert client.get(f"/p/{production.slug}/").status_code == 200


def test_an_existing_user_logs_in_and_accepts(client, production, coordinator):
    existing = make_user("old@example.test")
    invitation = Invitation.objects.create(
        production=production,
        email="old@example.test",
        role="crew",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(existing)
    client.post(f"/invitation/{invitation_token(invitation)}/")
    assert Membership.objects.get(user=existing, production=production).role == "crew"


@pytest.mark.parametrize("state", ["expired", "revoked", "accepted", "tampered"])
def test_a_dead_invitation_link_is_refused(client, production, state):
    invitation = Invitation.objects.create(
        production=production,
        email="late@example.test",
        role="crew",
        expires_at=timezone.now() + timedelta(days=3),
    )
    token = invitation_token(invitation)
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
    elif state == "revoked":
        invitation.revoked_at = timezone.now()
    elif state == "accepted":
        invitation.accepted_at = timezone.now()
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    invitation.save()
    response = client.get(f"/invitation/{token}/")
    assert response.status_code == 404
    assert "no longer works" in response.content.decode()


def test_crew_cannot_open_the_team_page(member_client, production):
    assert member_client("crew").get(f"/p/{production.slug}/team/").status_code == 403


def test_you_cannot_demote_yourself(coordinator_client, production, coordinator):
    membership = Membership.objects.get(user=coordinator)
    response = coordinator_client.post(
        f"/p/{production.slug}/team/{membership.pk}/",
        {"role": "crew", "is_active": "on"},
        follow=True,
    )
    assert "cannot change your own role" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_a_coordinator_cannot_make_anyone_a_studio_admin(coordinator_client, production):
    from callboard.core.capabilities import Role
    from callboard.core.testing import add_member

    page = coordinator_client.get(f"/p/{production.slug}/team/").content.decode()
    assert 'value="studio_admin"' not in page
    coordinator_client.post(
        f"/p/{production.slug}/team/", {"email": "x@example.test", "role": "studio_admin"}
    )
    assert not Invitation.objects.filter(email="x@example.test").exists()
    crew = add_member(production, Role.CREW)
    membership = Membership.objects.get(user=crew)
    coordinator_client.post(
        f"/p/{production.slug}/team/{membership.pk}/", {"role": "studio_admin", "is_active": "on"}
    )
    membership.refresh_from_db()
    assert membership.role == "crew"


def test_a_coordinator_cannot_demote_a_studio_admin(coordinator_client, production):
    admin = Membership.objects.get(production=production, role="studio_admin")
    response = coordinator_client.post(
        f"/p/{production.slug}/team/{admin.pk}/", {"role": "crew", "is_active": ""}, follow=True
    )
    assert "Only a studio admin can change" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == "studio_admin" and admin.is_active


def test_an_invitation_never_lowers_an_existing_role(client, production):
    admin = Membership.objects.get(production=production, role="studio_admin")
    invitation = Invitation.objects.create(
        production=production,
        email=admin.user.email,
        role="crew",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(admin.user)
    client.post(f"/invitation/{invitation_token(invitation)}/")
    admin.refresh_from_db()
    assert admin.role == "studio_admin"


def test_inviting_a_studio_admin_as_crew_is_refused(coordinator_client, production):
    admin = Membership.objects.get(production=production, role="studio_admin")
    page = coordinator_client.post(
        f"/p/{production.slug}/team/", {"email": admin.user.email, "role": "crew"}
    ).content.decode()
    assert "already on the team as Studio admin" in page
    assert not Invitation.objects.filter(email=admin.user.email).exists()
