"""What distribution sends, without knowing any feature app: each app that sends something owns a
composer (its ``sending.py``) and registers it here from its ``AppConfig.ready`` under a kind
("callsheet", "timecard", ...). A composer is called once per send with the Dispatch and returns
a function that makes one Delivery's Message. Distribution never names a feature app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Message:
    """One recipient's message: the e-mail (subject, body, attachments) and its text version."""

    subject: str
    body: str
    text: str  # the SMS version
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


# (dispatch) -> (delivery) -> Message
Composer = Callable[[object], Callable[[object], Message]]

COMPOSERS: dict[str, Composer] = {}


class UnknownKind(LookupError):
    """No app registered a composer for this kind of send."""


def composer_register(kind: str, composer: Composer) -> None:
    """Called from an app's ``AppConfig.ready``: sends of ``kind`` are composed by ``composer``."""
    registered = COMPOSERS.get(kind)
    if registered is not None and registered is not composer:
        raise ValueError(f"Two composers for the same kind of send: {kind!r}")
    COMPOSERS[kind] = composer


def composer_for(kind: str) -> Composer:
    try:
        return COMPOSERS[kind]
    except KeyError:
        raise UnknownKind(f"Nothing composes a send of kind {kind!r}") from None
