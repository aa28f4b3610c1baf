"""Issue 16: a notice to one person (a send-back, a bank change to confirm) and the e-mail that
tells a coordinator of a confirmation left by their own e-mail task, untracked. Now each is a
"notice" dispatch of the show with a delivery; a message to an account on no list (no person,
no grant) is resent, settled, bounced and listed like any other copy."""

import smtplib

import pytest
from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member
from callboard.distribution import tasks
from callboard.distribution.models import Delivery, Dispatch, DistributionSettings
from callboard.distribution.queries import who_has_it
from callboard.distribution.services import (
    delivery_confirm,
    delivery_doubt_settle,
    delivery_resend,
    dispatch_resend,
    message_send,
    person_notify,
)
from callboard.people.testing import make_person

from .conftest import send_note


@pytest.mark.django_db
def test_a_notice_is_an_e_mail_and_a_text_each_tracked_at_the_address_given(
    production, django_capture_on_commit_callbacks
):
    person = make_person(
        production, email="new@example.test", phone="(323) 555-0111", sms_opt_in_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        where = person_notify(
            person=person,
            subject="Confirm the change to your direct deposit",
            body="Your direct deposit was changed.",
            text="Deposit changed: confirm.",
            email="old@example.test",  # the address before the change
        )
    assert where == ["old@example.test", "sms:(323) 555-0111"]
    deliveries = Delivery.objects.select_related("dispatch").order_by("channel")
    assert [(d.channel, d.address, d.person, d.grant, d.state) for d in deliveries] == [
        ("email", "old@example.test", person, None, "sent"),
        ("sms", "(323) 555-0111", person, None, "sent"),
    ]
    assert {d.dispatch.kind for d in deliveries} == {"notice"}
    assert {d.dispatch.production for d in deliveries} == {production}
    email = OutboundEmail.objects.get(to="old@example.test")
    assert email.subject == "Confirm the change to your direct deposit"
    assert email.body == "Your direct deposit was changed."
    assert OutboundEmail.objects.get(to="sms:(323) 555-0111").body == "Deposit changed: confirm."
    # Sent again by name, it goes where it was told to (the old address), not to today's.
    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(actor=None, delivery=deliveries[0])
    assert OutboundEmail.objects.filter(to="old@example.test").count() == 2
    assert not OutboundEmail.objects.filter(to="new@example.test").exists()


@pytest.mark.django_db
def test_a_confirmation_told_on_its_own_is_a_notice_to_the_coordinator(
    production, django_capture_on_commit_callbacks
):
    coordinator = add_member(production, Role.COORDINATOR)
    DistributionSettings.objects.create(production=production, confirmations="each")
    person = make_person(production, first_name="Ann", last_name="Lee")
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, [person])
    Dispatch.objects.filter(pk=dispatch.pk).update(notify=coordinator)
    delivery = Delivery.objects.get(dispatch=dispatch)
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_confirm(delivery=delivery)
        assert not delivery_confirm(delivery=delivery)  # a second tap tells nobody again
    notice = Dispatch.objects.get(kind="notice")
    [told] = notice.deliveries.all()
    assert (told.person, told.address, told.state) == (None, coordinator.email, "sent")
    assert OutboundEmail.objects.get(to=coordinator.email).subject.startswith("Confirmed: Ann Lee")


def _account_message(production, **fields) -> Delivery:
    dispatch, _ = message_send(
        production=production,
        kind="notice",
        object_id=1,
        key=fields.pop("key", "account-1"),
        subject="A word",
        message="Hello.",
        address="someone@example.test",
        **fields,
    )
    return dispatch.deliveries.get()


@pytest.mark.django_db
def test_a_bounce_to_an_account_on_no_list_marks_no_person_and_is_resent_to_its_address(
    production, monkeypatch, django_capture_on_commit_callbacks
):
    refused = smtplib.SMTPRecipientsRefused({"someone@example.test": (550, b"no such user")})

    def bounce(*args, **kwargs):
        raise refused

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(tasks, "_transmit", bounce)
        delivery = _account_message(production)
    delivery.refresh_from_db()
    assert delivery.state == "bounced"
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_resend(actor=None, dispatch=delivery.dispatch) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.address) == ("sent", "someone@example.test")
    assert OutboundEmail.objects.filter(to="someone@example.test").count() == 1


@pytest.mark.django_db
def test_one_account_messages_resend_and_doubt_name_the_address(
    production, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = _account_message(production)
    with django_capture_on_commit_callbacks(execute=True):
        delivery_resend(actor=None, delivery=delivery)  # "I lost it"
    assert OutboundEmail.objects.filter(to="someone@example.test").count() == 2
    Delivery.objects.filter(pk=delivery.pk).update(
        sent_at=None, in_doubt_at=timezone.now(), claimed_at=timezone.now()
    )
    assert delivery_doubt_settle(actor=None, delivery=delivery, sent=True)
    found = who_has_it(list(Delivery.objects.select_related("person")))
    assert [group.name for group, _ in found.groups] == ["Not on the lists"]


@pytest.mark.django_db
def test_a_message_of_no_show_has_a_key_of_its_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _account_message(None)
        again = _account_message(None)  # the same key: the same message
    assert first == again and Dispatch.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


@pytest.mark.django_db
def test_the_details_link_is_a_tracked_delivery_opened_by_its_page(
    production, coordinator, client, django_capture_on_commit_callbacks
):
    from callboard.people.services import person_details_link_send

    person = make_person(production, first_name="Ann", email="ann@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        grant = person_details_link_send(actor=coordinator, person=person)
    [delivery] = Delivery.objects.filter(dispatch__kind="details_link")
    assert (delivery.person, delivery.grant, delivery.state) == (person, grant, "sent")
    email = OutboundEmail.objects.get(to="ann@example.test")
    assert "please check your contact details" in email.subject
    link = email.body.split("/l/details/")[1].split()[0]
    assert client.get(f"/l/details/{link}").status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == "opened"
