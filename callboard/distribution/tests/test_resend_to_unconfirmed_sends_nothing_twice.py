"""Issue 14: after a killed send, "resend to unconfirmed" mailed everyone already sent a second
time. It now sends only where a copy did not go out (it failed or bounced, by the person's
address now), never to a copy that is sent, in flight or in doubt."""

import io
import smtplib

from django.core.management import call_command
from django.utils import timezone

from callboard.core.models import OutboundEmail
from callboard.distribution import tasks
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.services import delivery_confirm, dispatch_resend

from .conftest import later, messages_to, send_note


class Killed(BaseException):
    pass


def test_resend_after_a_crash_goes_only_where_nothing_went_out(
    production, crew, monkeypatch, django_capture_on_commit_callbacks
):
    lost, refused, dying = crew[1], crew[2], crew[3]
    refused.phone, refused.sms_opt_in_at = "(323) 555-0122", timezone.now()
    refused.save()
    real = tasks._transmit
    tries = {}

    def transmit(delivery, message, connection):
        tries[delivery.person_id] = tries.get(delivery.person_id, 0) + 1
        if delivery.person_id == lost.pk and tries[lost.pk] == 1:
            raise ConnectionRefusedError(111, "Connection refused")  # nothing left
        if delivery.address == refused.email:
            raise smtplib.SMTPRecipientsRefused({refused.email: (550, b"No such user")})
        real(delivery, message, connection)
        if delivery.person_id == dying.pk:
            raise Killed  # the server has it; the worker dies before the mark

    monkeypatch.setattr(tasks, "_transmit", transmit)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    first = Delivery.objects.get(dispatch=dispatch, person=crew[0])
    delivery_confirm(delivery=first)
    states = {d.person_id: d.state for d in dispatch.deliveries.all()}
    assert [states[p.pk] for p in crew[:5]] == [
        "confirmed",
        "failed",
        "bounced",
        "sending",
        "queued",
    ]

    # Ten seconds on, the dead run still looks alive: only the failed and the bounced go again.
    with later(monkeypatch, minutes=1 / 6), django_capture_on_commit_callbacks(execute=True):
        assert dispatch_resend(actor=None, dispatch=dispatch) == 2
    assert messages_to(Delivery.objects.get(dispatch=dispatch, person=dying)) == 1

    with later(monkeypatch, minutes=2):  # a worker starts again
        call_command("resume_sends", stdout=io.StringIO())
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    by_person = {d.person_id: d for d in dispatch.deliveries.all()}
    assert by_person[dying.pk].state == "in-doubt"
    assert by_person[refused.pk].channel == Delivery.Channel.SMS  # its e-mail bounced
    for delivery in by_person.values():
        if delivery.channel != Delivery.Channel.NONE:
            assert messages_to(delivery) == 1, delivery.person
    sent = OutboundEmail.objects.count()

    with later(monkeypatch, minutes=3), django_capture_on_commit_callbacks(execute=True):
        assert dispatch_resend(actor=None, dispatch=dispatch) == 0
    assert OutboundEmail.objects.count() == sent
    assert Delivery.objects.get(pk=by_person[dying.pk].pk).state == "in-doubt"
