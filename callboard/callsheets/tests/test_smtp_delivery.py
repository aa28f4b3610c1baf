"""Integration: call sheets go to a real SMTP server on loopback (aiosmtpd); a refused address
is marked bounced on the person and the others still arrive."""

import email
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from callboard.callsheets.services import callsheet_create, callsheet_publish
from callboard.distribution.models import Delivery
from callboard.distribution.services import dispatch_create
from callboard.people.models import Person

from .ready import make_ready

REFUSED = "nobody@refused.example"


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_URL = f"smtp://127.0.0.1:{controller.port}"
    yield mailbox
    controller.stop()


def test_call_sheets_arrive_over_smtp_with_the_pdf_and_a_refusal_bounces(
    smtp_server, shooting, django_capture_on_commit_callbacks
):
    production = shooting.production
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    make_ready(sheet)
    callsheet_publish(actor=None, sheet=sheet)
    people = list(Person.objects.filter(production=production).exclude(email=""))
    refused = people[0]
    refused.email = REFUSED
    refused.save()
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_create(
            actor=None,
            production=production,
            kind="callsheet",
            object_id=sheet.pk,
            key="smtp-test",
            subject="Call sheet #1",
            people=people,
            valid_for=timedelta(days=3),
        )
    arrived = {to[0]: message for to, message in smtp_server.messages}
    assert len(arrived) == len(people) - 1
    some = next(iter(arrived.values()))
    parts = [part.get_content_type() for part in some.walk()]
    assert "application/pdf" in parts
    text = next(p for p in some.walk() if p.get_content_type() == "text/plain")
    assert "/l/call/" in text.get_payload(decode=True).decode()
    bounced = Delivery.objects.get(person=refused)
    assert bounced.state == "bounced" and "refused" in bounced.error
    refused.refresh_from_db()
    assert refused.email_bounced_at is not None
