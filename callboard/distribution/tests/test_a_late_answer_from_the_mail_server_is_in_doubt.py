"""A mail server that takes the message and then times out or drops the line may have
delivered it: that copy is in doubt (never re-sent by itself); a server that refuses, or is not
there, sent nothing: that copy failed, and "resend to unconfirmed" tries it again."""

import smtplib

from callboard.distribution import tasks
from callboard.distribution.services import dispatch_resend

from .conftest import messages_to, send_note


def test_a_timeout_after_the_message_was_handed_over_is_in_doubt_and_never_resent(
    production, crew, monkeypatch, django_capture_on_commit_callbacks
):
    real = tasks._transmit
    slow, refused = crew[1], crew[2]

    def transmit(delivery, message, connection):
        if delivery.person_id == slow.pk:
            real(delivery, message, connection)  # the server got it…
            raise TimeoutError("timed out")  # …and never answered
        if delivery.person_id == refused.pk:
            raise smtplib.SMTPDataError(554, b"Message rejected")
        return real(delivery, message, connection)

    monkeypatch.setattr(tasks, "_transmit", transmit)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew[:4])
    states = {d.person_id: d.state for d in dispatch.deliveries.all()}
    assert states[slow.pk] == "in-doubt" and states[refused.pk] == "failed"
    monkeypatch.setattr(tasks, "_transmit", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_resend(actor=None, dispatch=dispatch) == 1  # the refused copy only
    by_person = {d.person_id: d for d in dispatch.deliveries.all()}
    assert messages_to(by_person[slow.pk]) == 1 and by_person[slow.pk].state == "in-doubt"
    assert messages_to(by_person[refused.pk]) == 1 and by_person[refused.pk].state == "sent"
