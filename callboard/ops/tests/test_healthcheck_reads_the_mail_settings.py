"""The mail check: no EMAIL_URL is fine (the outbox); an EMAIL_URL that does not read as an
SMTP address, or whose server does not answer, fails and says why; a server that answers
(aiosmtpd on loopback) passes."""

import pytest
from aiosmtpd.controller import Controller

from callboard.ops import health

from .health import closed_port


def test_no_email_url_keeps_mail_in_the_outbox(settings):
    settings.EMAIL_URL = ""
    assert health.mail() == health.Check(True, "no EMAIL_URL: mail is kept in the in-app outbox")


@pytest.mark.parametrize(
    "url, said",
    [
        ("http://mail.example:25", "EMAIL_URL must look like smtp://user:password@host:port"),
        ("smtp://mail.example:notaport", "EMAIL_URL cannot be read"),
        ("smtp://", "EMAIL_URL must look like"),
    ],
)
def test_an_email_url_that_is_not_an_smtp_address_is_refused(settings, url, said):
    settings.EMAIL_URL = url
    check = health.mail()
    assert check.ok is False and said in check.detail


def test_an_smtp_server_that_does_not_answer_is_named(settings):
    port = closed_port()
    settings.EMAIL_URL = f"smtp://127.0.0.1:{port}"
    check = health.mail()
    assert check.ok is False
    assert check.detail.startswith(f"SMTP server 127.0.0.1:{port}:")


class Accepting:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def test_an_smtp_server_that_answers_passes(settings):
    controller = Controller(Accepting(), hostname="127.0.0.1", port=closed_port())
    controller.start()
    try:
        settings.EMAIL_URL = f"smtp://127.0.0.1:{controller.port}"
        check = health.mail()
    finally:
        controller.stop()
    assert check == health.Check(True, f"SMTP server 127.0.0.1:{controller.port} answered (smtp)")
