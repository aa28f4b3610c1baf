"""What distribution composes itself: a notice (its words are the dispatch's own: a send-back,
a bank change to confirm, a confirmation told) and the messages of core, which cannot register
with distribution (it sits below it): their words are core's (``core.sending.WORDS``), made as
the message is sent."""

from __future__ import annotations

from collections.abc import Callable

from callboard.core.sending import WORDS

from .registry import Message, composer_register
from .services import NOTICE


def notice_composer(dispatch):
    """The words were written when it was asked for: the e-mail's, or the text's."""
    message = Message(dispatch.subject, dispatch.message, dispatch.message)
    return lambda delivery: message


def words_composer(words: Callable[[int], str]):
    """A composer of core's words for the dispatch's object: e-mail only (no text version)."""

    def composer(dispatch):
        body = words(dispatch.object_id)
        message = Message(dispatch.subject, body, dispatch.subject)
        return lambda delivery: message

    return composer


CORE_COMPOSERS = {kind: words_composer(words) for kind, words in WORDS.items()}


def composers_register() -> None:
    composer_register(NOTICE, notice_composer)
    for kind, composer in CORE_COMPOSERS.items():
        composer_register(kind, composer)
