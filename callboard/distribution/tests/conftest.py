"""A send to seven people (five by e-mail, one by text, one with no address), a plain composer,
the database task queue with a real worker, and a clock that can be moved on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.core.models import OutboundEmail
from callboard.distribution import tasks
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.services import dispatch_create
from callboard.distribution.tests import notes
from callboard.distribution.tests.faults import DB_TASKS, later, run_worker
from callboard.people.testing import make_person

__all__ = ["later", "run_worker"]


@pytest.fixture(autouse=True)
def _note_composer(monkeypatch):
    monkeypatch.setitem(tasks.COMPOSERS, "note", notes.composer)


@pytest.fixture
def db_tasks(settings):
    """Tasks go to the database queue, as with `manage.py db_worker`, instead of running inline."""
    settings.TASKS = DB_TASKS


def send_note(production, people, *, key="note-1") -> Dispatch:
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="note",
        object_id=1,
        key=key,
        subject="Tomorrow's call",
        people=people,
        valid_for=timedelta(days=3),
    )
    return dispatch


@pytest.fixture
def crew(production):
    """Five with e-mail, one who takes texts, one who cannot be reached."""
    people = [make_person(production, first_name=f"Mail{n}") for n in range(5)]
    people.append(
        make_person(
            production,
            first_name="Texter",
            email="",
            phone="(323) 555-0111",
            sms_opt_in_at=timezone.now(),
        )
    )
    people.append(make_person(production, first_name="Nobody", email="", phone=""))
    return people


def messages_to(delivery: Delivery) -> int:
    """Copies in the outbox (e-mail and texts both land there without a provider)."""
    to = (
        delivery.address
        if delivery.channel == Delivery.Channel.EMAIL
        else f"sms:{delivery.address}"
    )
    return OutboundEmail.objects.filter(to=to).count()
