"""E-mail backend: keep every message in the outbox table; relay over SMTP when EMAIL_URL is set."""

from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from .models import OutboundEmail


def _smtp_backend() -> SMTPBackend | None:
    if not settings.EMAIL_URL:
        return None
    url = urlparse(settings.EMAIL_URL)
    return SMTPBackend(
        host=url.hostname,
        port=url.port or 25,
        username=unquote(url.username or ""),
        password=unquote(url.password or ""),
        use_tls=url.scheme in ("smtp+tls", "submission"),
        use_ssl=url.scheme == "smtps",
    )


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        relay = _smtp_backend()
        sent = 0
        for message in email_messages:
            html = next(
                (
                    body
                    for body, mime in getattr(message, "alternatives", [])
                    if mime == "text/html"
                ),
                "",
            )
            OutboundEmail.objects.create(
                to=", ".join(message.recipients()),
                subject=message.subject[:300],
                body=message.body,
                html_body=html,
            )
            sent += 1
        if relay is not None:
            relay.send_messages(email_messages)
        return sent
