"""Sending in the background: idempotent (only deliveries not sent yet), one message per
recipient so a refused address bounces alone, progress visible as the rows fill in."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import Delivery, Dispatch
from .sms import send_sms

# kind -> a function(dispatch) returning a composer: (delivery, link) -> Message
COMPOSERS = {"callsheet": "callboard.callsheets.sending.composer"}


@task()
def dispatch_send(*, dispatch_id: int) -> None:
    dispatch = Dispatch.objects.select_related("production").get(pk=dispatch_id)
    Dispatch.objects.filter(pk=dispatch_id).update(status=Dispatch.Status.SENDING)
    try:
        compose = import_string(COMPOSERS[dispatch.kind])(dispatch)
        pending = (
            dispatch.deliveries.filter(sent_at__isnull=True, bounced_at__isnull=True)
            .exclude(channel=Delivery.Channel.NONE)
            .select_related("person", "grant")
        )
        connection = get_connection()
        for delivery in pending:
            _send_one(delivery, compose, connection)
    except Exception as exc:  # the page shows it; what was sent stays sent
        Dispatch.objects.filter(pk=dispatch_id).update(
            status=Dispatch.Status.FAILED, error=str(exc)[:300]
        )
        raise
    Dispatch.objects.filter(pk=dispatch_id).update(
        status=Dispatch.Status.DONE, finished_at=timezone.now()
    )


def _send_one(delivery: Delivery, compose, connection) -> None:
    message = compose(delivery)
    now = timezone.now()
    fields = {"attempts": delivery.attempts + 1}
    try:
        if delivery.channel == Delivery.Channel.SMS:
            send_sms(delivery.address, message.text)
        else:
            email = EmailMessage(
                message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [delivery.address],
                connection=connection,
            )  # fmt: skip
            for name, content, mime in message.attachments:
                email.attach(name, content, mime)
            email.send()
        fields["sent_at"] = now
        fields["error"] = ""
    except smtplib.SMTPRecipientsRefused as exc:
        fields["bounced_at"] = now
        fields["error"] = f"refused: {exc.recipients}"[:300]
        delivery.person.__class__.objects.filter(pk=delivery.person_id).update(email_bounced_at=now)
    except (smtplib.SMTPException, OSError) as exc:
        fields["error"] = str(exc)[:300] or exc.__class__.__name__
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
