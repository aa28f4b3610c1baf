"""A plain composer for the tests' sends: no document, a line per person."""

from dataclasses import dataclass, field

from django.apps import AppConfig


@dataclass
class Note:
    subject: str
    body: str
    text: str
    attachments: list = field(default_factory=list)


def composer(dispatch):
    def compose(delivery):
        name = delivery.person.first_name
        return Note(dispatch.subject, f"Hello {name}, here it is.", f"{name}: here it is.")

    return compose


class NotesConfig(AppConfig):
    """Registers the composer in the worker process the real-kill test starts."""

    name = "callboard.distribution.tests.notes"
    label = "distribution_notes"

    def ready(self):
        from callboard.distribution.registry import composer_register

        composer_register("note", composer)
