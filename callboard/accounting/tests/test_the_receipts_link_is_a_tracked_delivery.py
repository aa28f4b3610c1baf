"""The envelope's receipts link goes out as a delivery of distribution's: on the outbox and
tracked (sent, opened), carrying the envelope's own link, sent once however often the task runs;
a new send replaces the old link."""

import re

import pytest

from callboard.accounting import services
from callboard.core.models import OutboundEmail
from callboard.distribution.models import Dispatch
from callboard.distribution.tasks import dispatch_send

from .test_petty_cash import envelope  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_receipts_link_is_a_delivery_sent_once(
    coordinator_client,
    client,
    production,
    envelope,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/link/"
    with django_capture_on_commit_callbacks(execute=True):
        page = coordinator_client.post(url, follow=True)
    assert b"Link sent to Jo Smith" in page.content
    envelope.refresh_from_db()
    dispatch = Dispatch.objects.get(kind="receipts_link", object_id=envelope.pk)
    delivery = dispatch.deliveries.get()
    assert (delivery.person, delivery.grant, delivery.address) == (
        envelope.float.person,
        envelope.grant,
        "jo@example.test",
    )
    assert dispatch.status == "done" and delivery.sent_at is not None
    dispatch_send.call(dispatch_id=dispatch.pk)  # a retried task sends nothing more
    email = OutboundEmail.objects.get(to="jo@example.test")
    assert email.subject == f"{production.title}: receipts for envelope JS03"
    link = re.search(r"(/l/receipts/\S+/)", email.body).group(1)
    assert client.get(link).status_code == 200
    delivery.refresh_from_db()
    assert delivery.opened_at is not None


def test_a_new_send_replaces_the_old_link(
    client,
    production,
    envelope,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.envelope_link_send(actor=None, envelope=envelope)
        services.envelope_link_send(actor=None, envelope=envelope)
    first, second = (
        re.search(r"(/l/receipts/\S+/)", e.body).group(1)
        for e in OutboundEmail.objects.filter(to="jo@example.test").order_by("pk")
    )
    assert Dispatch.objects.filter(kind="receipts_link").count() == 2
    assert client.get(first).status_code == 410 and client.get(second).status_code == 200
