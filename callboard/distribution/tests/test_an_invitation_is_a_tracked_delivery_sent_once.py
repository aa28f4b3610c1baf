"""Issue 16: an invitation went out by its own e-mail task, untracked, and a double-click or a
retried task could send two. Now it is a dispatch of the show (kind "invitation") with one
delivery to the invited address (no person, no grant): it shows among the show's messages, a
double-click or a retried task sends one, and a killed worker resumes without a duplicate."""

import re

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import Invitation, OutboundEmail
from callboard.core.services import invitation_create
from callboard.distribution import tasks
from callboard.distribution.models import Delivery, Dispatch

from .faults import worker_killed_then_restarted

EMAIL = "new.person@example.test"


def _invite(coordinator, production) -> Invitation:
    return invitation_create(actor=coordinator, production=production, email=EMAIL, role="apoc")


@pytest.mark.django_db
def test_an_invitation_is_a_delivery_on_the_shows_outbox_and_its_link_works(
    production, coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(coordinator, production)
    dispatch = Dispatch.objects.get(kind="invitation")
    assert (dispatch.production, dispatch.object_id) == (production, invitation.pk)
    assert dispatch.status == Dispatch.Status.DONE
    [delivery] = dispatch.deliveries.all()
    assert (delivery.person, delivery.grant, delivery.channel) == (None, None, "email")
    assert delivery.address == EMAIL and delivery.state == "sent"
    assert delivery.recipient_label == EMAIL and EMAIL in str(delivery)
    assert list(production.dispatches.all()) == [dispatch]
    email = OutboundEmail.objects.get()
    assert email.to == EMAIL and "APOC" in email.body
    link = re.search(r"https?://[^/]+(/invitation/\S+)", email.body).group(1)
    assert "Join The Test Show" in client.get(link).content.decode()


@pytest.mark.django_db
def test_a_double_click_and_a_retried_task_send_one_invitation(
    production, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _invite(coordinator, production)
        second = _invite(coordinator, production)  # the same form posted twice
    assert first == second and Invitation.objects.count() == 1
    dispatch = Dispatch.objects.get()
    tasks.dispatch_send.call(dispatch_id=dispatch.pk)  # the task retried
    tasks.dispatch_send.enqueue(dispatch_id=dispatch.pk)
    assert OutboundEmail.objects.count() == 1
    assert Delivery.objects.get().attempts == 1


@pytest.mark.django_db
def test_inviting_with_another_role_is_a_new_invitation_and_a_new_message(
    production, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _invite(coordinator, production)
        second = invitation_create(
            actor=coordinator, production=production, email=EMAIL, role=Role.COORDINATOR
        )
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_open
    assert OutboundEmail.objects.count() == 2
    assert Dispatch.objects.filter(kind="invitation").count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "when"), [("_claim", "before"), ("_transmit", "after")])
def test_a_worker_killed_sending_an_invitation_resumes_without_a_duplicate(
    name, when, production, coordinator, db_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator, production)
    worker_killed_then_restarted(monkeypatch, name=name, when=when)
    delivery = Delivery.objects.get()
    assert OutboundEmail.objects.filter(to=EMAIL).count() == 1
    # Killed after the server took it: in doubt for the office, never sent again by itself.
    assert delivery.state == ("sent" if when == "before" else "in-doubt")
    assert Dispatch.objects.get().status == Dispatch.Status.DONE
