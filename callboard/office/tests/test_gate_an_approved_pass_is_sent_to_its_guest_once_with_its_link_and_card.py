"""The office sends an approved pass to its guest from the pass page, through distribution:
one e-mail with the pass's link and its card attached (and a text with the link when a mobile
is given), once per address — a second click sends nothing; the page shows when it went and
how far it got. A withdrawn or declined pass is not sent; crew cannot send; another
production's pass is not found."""

import contextlib
import io
import re
from datetime import date

import pypdfium2
import pytest
from django.core import mail

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, make_production
from callboard.distribution.models import Delivery, Dispatch
from callboard.office.gate import services

from .gate_data import approved_pass, make_gate, pass_data, pass_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox(settings):
    # Django's own outbox keeps each message whole, attachments included.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def base(production, pass_obj) -> str:
    return f"/p/{production.slug}/office/gate/passes/{pass_obj.pk}/"


def send(client, production, pass_obj, capture, **fields):
    with capture(execute=True):
        return client.post(base(production, pass_obj) + "send/", fields, follow=True)


def test_one_mail_with_the_link_and_the_card_and_a_second_click_sends_nothing(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    guest = approved_pass(make_gate(production, address="1200 Lot Road"), date(2027, 4, 2))
    page = send(
        coordinator_client, production, guest, django_capture_on_commit_callbacks,
        email="dana@whitfield.test", mobile="818 555 0101",
    )  # fmt: skip
    assert "is on its way to dana@whitfield.test and (818) 555-0101" in page.content.decode()
    (message,) = mail.outbox
    assert message.to == ["dana@whitfield.test"]
    assert message.subject == f"Your pass for {production.title} — No. 0001"
    link = re.search(r"https?://[^/\s]+(/l/pass/[^/\s]+/)", message.body).group(1)
    assert coordinator_client.get(link).status_code == 200
    ((name, pdf, kind),) = message.attachments
    assert name == "pass-0001.pdf" and kind == "application/pdf"
    text = pypdfium2.PdfDocument(io.BytesIO(pdf))[0].get_textpage().get_text_range()
    assert "Dana Whitfield" in text and "No. 0001" in text
    sms = OutboundEmail.objects.get(to="sms:(818) 555-0101")
    assert "/l/pass/" in sms.body and "No. 0001" in sms.body
    # The worker sends once the request commits: the page read again says how far it got.
    shown = coordinator_client.get(base(production, guest)).content.decode()
    assert "Sent to the guest" in shown
    assert "E-mail to dana@whitfield.test" in shown and "Text to (818) 555-0101" in shown
    assert shown.count("<strong>sent</strong>") == 2

    again = send(
        coordinator_client, production, guest, django_capture_on_commit_callbacks,
        email="Dana@Whitfield.test", mobile="(818) 555-0101",
    )  # fmt: skip
    assert "already sent there: nothing sent again" in again.content.decode()
    assert len(mail.outbox) == 1 and Dispatch.objects.count() == 2
    assert OutboundEmail.objects.filter(to__startswith="sms:").count() == 1


def test_a_withdrawn_or_declined_pass_is_not_sent(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    gate = make_gate(production)
    guest = approved_pass(gate, date(2027, 4, 2))
    send(coordinator_client, production, guest, django_capture_on_commit_callbacks,
         email="dana@whitfield.test")  # fmt: skip
    services.pass_cancel(actor=None, pass_obj=guest)
    page = send(coordinator_client, production, guest, django_capture_on_commit_callbacks,
                email="dana@other.test")  # fmt: skip
    text = page.content.decode()
    assert "Pass 0001 is cancelled: it cannot be sent." in text
    assert "Send the pass" not in text and "dana@whitfield.test" in text  # the first send stays
    assert len(mail.outbox) == 1 and Dispatch.objects.count() == 1

    asked = services.pass_request(
        actor=None, production=production, data=pass_data(gate, date(2027, 4, 3), name="Lee Ng")
    )
    services.pass_decline(actor=None, pass_obj=asked, reason="No room that day")
    page = send(coordinator_client, production, asked, django_capture_on_commit_callbacks,
                email="lee@ng.test")  # fmt: skip
    assert "is declined: it cannot be sent" in page.content.decode()
    assert len(mail.outbox) == 1 and Dispatch.objects.count() == 1


def test_a_pass_withdrawn_before_the_worker_sends_it_does_not_go(
    coordinator, production, client, django_capture_on_commit_callbacks
):
    guest = approved_pass(make_gate(production), date(2027, 4, 2))
    with django_capture_on_commit_callbacks() as waiting:
        services.pass_send(actor=coordinator, pass_obj=guest, email="dana@whitfield.test")
    services.pass_cancel(actor=coordinator, pass_obj=guest)
    for callback in waiting:
        with contextlib.suppress(services.GateError):  # the failure is kept on the dispatch
            callback()
    assert mail.outbox == []
    assert Dispatch.objects.get().status == Dispatch.Status.FAILED
    assert Delivery.objects.get().sent_at is None
    client.force_login(coordinator)
    shown = client.get(base(production, guest)).content.decode()
    assert "<strong>not sent</strong>" in shown and "no longer opens the gate" in shown


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"email": "", "mobile": ""}, "Give the guest&#x27;s e-mail address or mobile number."),
        ({"email": "dana at whitfield"}, "is not an e-mail address."),
        ({"email": "dana@whitfield.test", "mobile": "call me"}, "Enter a phone number"),
    ],
)
def test_bad_addresses_are_refused_and_nothing_is_sent(
    coordinator_client, production, django_capture_on_commit_callbacks, fields, said
):
    guest = approved_pass(make_gate(production), date(2027, 4, 2))
    page = send(coordinator_client, production, guest, django_capture_on_commit_callbacks, **fields)
    assert page.status_code == 200 and said in page.content.decode()
    assert mail.outbox == [] and Dispatch.objects.count() == 0


def test_crew_cannot_send_and_another_productions_pass_is_not_found(
    member_client, production, client
):
    guest = approved_pass(make_gate(production), date(2027, 4, 2))
    crew = member_client(Role.CREW)
    url = base(production, guest) + "send/"
    assert crew.post(url, {"email": "dana@whitfield.test"}).status_code == 403

    other = make_production("Other Show")
    theirs = approved_pass(make_gate(other), date(2027, 4, 2))
    client.force_login(add_member(production, Role.COORDINATOR))
    url = base(production, theirs) + "send/"
    assert client.post(url, {"email": "dana@whitfield.test"}).status_code == 404
    assert Dispatch.objects.count() == 0 and mail.outbox == []
    assert pass_url(theirs)  # their pass still has its link: nothing touched it
