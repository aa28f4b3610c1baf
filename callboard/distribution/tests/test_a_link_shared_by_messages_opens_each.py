"""A packet's link goes out in its first send and again in each reminder: opening it cannot
say from which message, so every message that carried it shows as opened, not only the first."""

from datetime import timedelta

import pytest

from callboard.distribution.models import Delivery
from callboard.distribution.services import dispatch_create, link_opened
from callboard.distribution.tests.conftest import send_note

pytestmark = pytest.mark.django_db


def test_opening_a_shared_link_opens_the_first_send_and_the_reminder(production, crew):
    person = crew[0]
    first = send_note(production, [person])
    grant = first.deliveries.get().grant
    reminder, _ = dispatch_create(
        actor=None,
        production=production,
        kind="note",
        object_id=1,
        key="note-reminder-1",
        subject="Reminder",
        people=[person],
        valid_for=timedelta(days=3),
        grants={person.pk: grant},
    )

    link_opened(grant=grant)

    opened = Delivery.objects.filter(grant=grant).values_list("dispatch_id", "opened_at")
    assert {dispatch for dispatch, at in opened if at} == {first.pk, reminder.pk}
