"""The outbox never hands a secret link to anyone but its recipient: a studio admin reading
someone's password-reset, invitation or packet e-mail sees the link masked; with mail relayed by
SMTP the outbox keeps only who, when and the subject."""

import re

import pytest

from callboard.core.mail import METADATA_ONLY
from callboard.core.models import OutboundEmail
from callboard.core.testing import make_user

SECRETS = [
    "http://127.0.0.1:8000/password/reset/MQ/c2a-0123456789abcdef/",
    "http://127.0.0.1:8000/invitation/eyJpIjo1fQ:1xZ:abc/",
    "http://127.0.0.1:8000/l/packet/eyJnIjoxfQ:1xZ9GE:JB8GLvo/",
    "http://127.0.0.1:8000/l/timecard/eyJnIjoyfQ:1xZ:q/",
]


@pytest.mark.django_db
def test_staff_see_secret_links_masked_and_the_recipient_sees_them_whole(client):
    sam = make_user("sam@example.test")
    admin = make_user("admin@example.test")
    admin.is_staff = True
    admin.save()
    message = OutboundEmail.objects.create(
        to="sam@example.test", subject="Your links", body="\n".join(SECRETS)
    )
    client.force_login(admin)
    page = client.get(f"/outbox/{message.pk}/").content.decode()
    for link in SECRETS:
        assert link not in page
    assert page.count("only the recipient can open it") == len(SECRETS)
    client.force_login(sam)
    page = client.get(f"/outbox/{message.pk}/").content.decode()
    assert all(link in page for link in SECRETS)


@pytest.mark.django_db
def test_a_studio_admin_cannot_take_over_an_account_from_the_outbox(
    client, django_capture_on_commit_callbacks
):
    make_user("upm@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/password/reset/", {"email": "upm@example.test"})
    admin = make_user("admin@example.test")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    reset = OutboundEmail.objects.get()
    page = client.get(f"/outbox/{reset.pk}/").content.decode()
    assert not re.search(r"/password/reset/[A-Za-z0-9_-]+/[a-z0-9-]+/", page)


@pytest.mark.django_db
def test_with_smtp_the_outbox_keeps_only_metadata(settings, smtp_mailbox):
    from django.core.mail import send_mail

    settings.EMAIL_URL = smtp_mailbox
    send_mail("Your start paperwork", f"Open {SECRETS[2]}", None, ["ann@example.test"])
    kept = OutboundEmail.objects.get()
    assert kept.to == "ann@example.test" and kept.subject == "Your start paperwork"
    assert kept.body == METADATA_ONLY and SECRETS[2] not in kept.html_body


@pytest.fixture
def smtp_mailbox():
    import socket

    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 Message accepted"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    yield f"smtp://127.0.0.1:{port}"
    controller.stop()
