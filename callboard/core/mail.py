"""E-mail backend: keep every message in the outbox table; relay over SMTP when EMAIL_URL is set.

On a laptop install (no EMAIL_URL) the outbox is where mail is delivered, so it keeps the whole
message; its pages show a secret link (password reset, invitation, any personal /l/ link) in
full only to the message's recipient, masked to everyone else. When mail leaves by SMTP the
outbox keeps only who, when and the subject: nobody needs the links a second time.
"""

import re
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
        timeout=settings.EMAIL_TIMEOUT,
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
                body=METADATA_ONLY if relay is not None else message.body,
                html_body="" if relay is not None else html,
            )
            sent += 1
        if relay is not None:
            relay.send_messages(email_messages)
        return sent


METADATA_ONLY = "(Sent by SMTP. Callboard keeps only who it went to, when, and the subject.)"

# A link that opens something by itself: the token after one of these paths is a key.
_SECRET_LINK = re.compile(r"(/(?:l/[a-z]+|invitation|password/reset))/[^\s<>\"']+")


def mask_secret_links(text: str) -> str:
    """Every secret link in ``text`` with its key hidden: "…/l/packet/•••• (only the recipient
    can open it)"."""
    return _SECRET_LINK.sub(r"\1/•••• (link hidden: only the recipient can open it)", text)


def is_recipient(message: OutboundEmail, email: str) -> bool:
    wanted = (email or "").strip().casefold()
    return bool(wanted) and wanted in {a.strip().casefold() for a in message.to.split(",")}
