"""Issue 14: the "who has it" page said nothing when a worker died mid-send. It warns when a
send has not progressed for a minute, and shows a copy in doubt (the worker died between the
mail server taking it and the record) with the coordinator's two ways to settle it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.callsheets.services import callsheet_create, callsheet_publish
from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, make_production
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.services import dispatch_create
from callboard.people.models import Person

from .ready import make_ready


@pytest.fixture
def sent(shooting, django_capture_on_commit_callbacks):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    make_ready(sheet)
    callsheet_publish(actor=None, sheet=sheet)
    people = list(Person.objects.filter(production=shooting.production).exclude(email=""))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_create(
            actor=None,
            production=shooting.production,
            kind="callsheet",
            object_id=sheet.pk,
            key="k",
            subject="Call sheet #1",
            people=people,
            valid_for=timedelta(days=3),
        )
    return sheet


def _page(client, sheet, path="sent/"):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def test_a_send_without_progress_for_a_minute_is_flagged(coordinator_client, sent):
    now = timezone.now()
    Dispatch.objects.update(
        status=Dispatch.Status.SENDING, heartbeat_at=now - timedelta(seconds=20)
    )
    assert (
        "No progress"
        not in coordinator_client.get(_page(coordinator_client, sent)).content.decode()
    )
    Dispatch.objects.update(heartbeat_at=now - timedelta(minutes=3))
    page = coordinator_client.get(_page(coordinator_client, sent)).content.decode()
    assert "No progress for 3\xa0minutes" in page and "manage.py worker" in page


def _in_doubt(sheet) -> Delivery:
    delivery = Delivery.objects.filter(dispatch__object_id=sheet.pk).order_by("pk").first()
    Delivery.objects.filter(pk=delivery.pk).update(
        sent_at=None, claimed_at=timezone.now(), claim="dead-run", in_doubt_at=timezone.now()
    )
    return delivery


def test_a_copy_in_doubt_is_shown_and_marked_sent_by_the_coordinator(coordinator_client, sent):
    delivery = _in_doubt(sent)
    page = coordinator_client.get(_page(coordinator_client, sent)).content.decode()
    assert "in-doubt" in page and "may or may not have arrived" in page
    settle = _page(coordinator_client, sent, f"sent/{delivery.pk}/settle/")
    coordinator_client.post(settle, {"settle": "maybe"})
    assert Delivery.objects.get(pk=delivery.pk).state == "in-doubt"
    coordinator_client.post(settle, {"settle": "sent"})
    delivery.refresh_from_db()
    assert delivery.state == "sent" and delivery.sent_at == delivery.claimed_at
    before = OutboundEmail.objects.count()
    response = coordinator_client.post(settle, {"settle": "again"}, follow=True)  # not in doubt now
    assert "not in doubt: nothing was changed" in response.content.decode()
    assert OutboundEmail.objects.count() == before
    assert Delivery.objects.get(pk=delivery.pk).state == "sent"


def test_a_copy_in_doubt_sent_again_goes_once_with_the_same_message_id(
    coordinator_client, sent, django_capture_on_commit_callbacks
):
    delivery = _in_doubt(sent)
    before = OutboundEmail.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            _page(coordinator_client, sent, f"sent/{delivery.pk}/settle/"), {"settle": "again"}
        )
    delivery.refresh_from_db()
    assert delivery.state == "sent" and delivery.attempts == 2
    assert OutboundEmail.objects.count() == before + 1
    assert OutboundEmail.objects.latest("id").to == delivery.address


def test_a_copy_cannot_be_settled_through_another_production(coordinator_client, coordinator, sent):
    delivery = _in_doubt(sent)
    other = make_production("Other Show")
    add_member(other, Role.COORDINATOR, user=coordinator)
    url = f"/p/{other.slug}/callsheets/{sent.pk}/sent/{delivery.pk}/settle/"
    assert coordinator_client.post(url, {"settle": "sent"}).status_code == 404
    assert Delivery.objects.get(pk=delivery.pk).state == "in-doubt"
