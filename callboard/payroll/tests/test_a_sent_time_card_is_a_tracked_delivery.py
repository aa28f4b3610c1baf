"""Issue 16: a time card's link went out by send_mail inside the request, untracked. Now it is a
delivery of distribution's: sent by the worker, on the who-has-it records with its status and
link, opened when the person opens it, and a worker killed mid-send sends it only once."""

import re
from urllib.parse import urlsplit

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.distribution.tests.faults import DB_TASKS, run_worker, worker_killed_then_restarted
from callboard.payroll import services

from .helpers import WEEK, person_with_deal


def _send(production, capture):
    person = person_with_deal(production, first_name="Bo", email="bo@example.test")
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    with capture(execute=True):
        link = services.timecard_send(actor=None, card=card)
    return card, link


@pytest.mark.django_db
def test_a_sent_time_card_is_a_delivery_opened_by_its_link(
    production, client, django_capture_on_commit_callbacks
):
    card, link = _send(production, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(dispatch__kind="timecard", dispatch__object_id=card.pk)
    card.refresh_from_db()
    assert delivery.grant == card.grant and delivery.address == "bo@example.test"
    assert delivery.state == "sent" and delivery.dispatch.status == "done"
    mail = OutboundEmail.objects.get(to="bo@example.test")
    assert "your time card" in mail.subject
    url = re.search(r"(/l/timecard/\S+/)", mail.body).group(1)
    assert client.get(url).status_code == 200
    delivery.refresh_from_db()
    assert delivery.state == "opened"


@pytest.mark.django_db
def test_sending_it_again_is_a_new_delivery_and_the_old_link_stops(
    production, client, django_capture_on_commit_callbacks
):
    card, first = _send(production, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.timecard_send(actor=None, card=card)
    assert Delivery.objects.filter(dispatch__object_id=card.pk).count() == 2
    assert OutboundEmail.objects.filter(to="bo@example.test").count() == 2
    assert client.get(urlsplit(first).path).status_code == 410


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "when", "state"), [("_claim", "before", "sent"), ("_transmit", "after", "in-doubt")]
)
def test_a_worker_killed_mid_send_sends_the_card_once(
    name, when, state, production, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    card, _ = _send(production, django_capture_on_commit_callbacks)
    worker_killed_then_restarted(monkeypatch, name=name, when=when)
    delivery = Delivery.objects.get(dispatch__object_id=card.pk)
    assert delivery.state == state and delivery.dispatch.status == "done"
    assert OutboundEmail.objects.filter(to="bo@example.test").count() == 1
    run_worker()
    assert OutboundEmail.objects.filter(to="bo@example.test").count() == 1
