"""Issue 16: a start packet's link went out by send_mail after the request's commit, untracked.
Now it is a delivery of distribution's: sent by the worker, with its status and link, opened
when the person opens the packet, and a worker killed mid-send sends it only once."""

import re
from urllib.parse import urlsplit

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.distribution.tests.faults import DB_TASKS, run_worker, worker_killed_then_restarted
from callboard.paperwork.services import packet_send
from callboard.paperwork.testing import sent_packet


@pytest.mark.django_db
def test_a_sent_packet_is_a_delivery_opened_by_its_link(
    production, client, django_capture_on_commit_callbacks
):
    packet, _ = sent_packet(production, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(dispatch__kind="packet", dispatch__object_id=packet.pk)
    packet.refresh_from_db()
    assert delivery.grant == packet.grant and delivery.address == "ann@example.test"
    assert delivery.state == "sent" and delivery.dispatch.status == "done"
    mail = OutboundEmail.objects.get(to="ann@example.test")
    assert mail.subject.endswith("your start paperwork")
    url = re.search(r"(/l/packet/\S+/)", mail.body).group(1)
    assert client.get(url).status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == "opened"


@pytest.mark.django_db
def test_sending_it_again_is_a_new_delivery_and_the_old_link_stops(
    production, client, django_capture_on_commit_callbacks
):
    packet, first = sent_packet(production, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        packet_send(actor=None, packet=packet)
    assert Delivery.objects.filter(dispatch__object_id=packet.pk).count() == 2
    assert OutboundEmail.objects.filter(to="ann@example.test").count() == 2
    assert client.get(urlsplit(first).path).status_code == 410


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "when", "state"), [("_claim", "before", "sent"), ("_transmit", "after", "in-doubt")]
)
def test_a_worker_killed_mid_send_sends_the_packet_once(
    name, when, state, production, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    packet, _ = sent_packet(production, django_capture_on_commit_callbacks)
    worker_killed_then_restarted(monkeypatch, name=name, when=when)
    delivery = Delivery.objects.get(dispatch__kind="packet", dispatch__object_id=packet.pk)
    assert delivery.state == state and delivery.dispatch.status == "done"
    assert OutboundEmail.objects.filter(to="ann@example.test").count() == 1
    run_worker()
    assert OutboundEmail.objects.filter(to="ann@example.test").count() == 1
