"""The way out for what core sends (an invitation, a password reset). Sending is distribution's,
which sits above core: it registers how to send from its ``AppConfig.ready`` (as an app that
seeds a production's lists registers with ``services.production_seeder_register``), and core
never names it. Each message becomes a tracked dispatch with one delivery to the address; its
words are core's own (``sending.WORDS``), made when the message is sent."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

# (kind, object_id, key, production, address, subject, actor) -> None; keyword arguments.
Send = Callable[..., object]

SENDERS: list[Send] = []

# What core sends (Dispatch.kind).
INVITATION = "invitation"
PASSWORD_RESET = "password_reset"


def outbox_register(send: Send) -> None:
    """Called once at start-up by the app that sends (distribution)."""
    if SENDERS and SENDERS[0] is not send:
        raise ValueError("Two ways out registered with core's outbox")
    SENDERS[:] = [send]


def outbox_send(
    *, kind: str, object_id: int, key: str, production, address: str, subject: str, actor=None
) -> None:
    """One e-mail to ``address``, sent in the background once the caller's transaction commits;
    ``key`` makes a repeat (a double-click, a retried request) the same message. ``production``
    is None for a message about an account rather than a show (a password reset)."""
    if not SENDERS:
        raise ImproperlyConfigured("Nothing sends core's mail: is distribution installed?")
    SENDERS[0](
        kind=kind,
        object_id=object_id,
        key=key,
        production=production,
        address=address,
        subject=subject,
        actor=actor,
    )
