"""Text messages through a pluggable provider (settings.SMS_BACKEND, a dotted path to a class
with ``send(to, body) -> str``, the provider's message id). The default keeps the message in
the outbox, as e-mail does on a laptop install."""

from django.conf import settings
from django.utils.module_loading import import_string

from callboard.core.models import OutboundEmail


class OutboxSms:
    def send(self, to: str, body: str) -> str:
        message = OutboundEmail.objects.create(to=f"sms:{to}", subject="Text message", body=body)
        return f"outbox-{message.pk}"


def send_sms(to: str, body: str) -> str:
    backend = import_string(
        getattr(settings, "SMS_BACKEND", "callboard.distribution.sms.OutboxSms")
    )
    return backend().send(to, body)
