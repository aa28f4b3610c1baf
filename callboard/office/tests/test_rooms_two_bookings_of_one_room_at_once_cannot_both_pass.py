"""The hostile case: two people book the conference room for the same hour at the same moment.
The room's row is locked before the clash check, so the second waits for the first to commit,
then sees it and is refused; exactly one booking is made."""

import datetime as dt
import threading

import pytest
from django.db import connection

from callboard.office.models import RoomBooking
from callboard.office.rooms import services
from callboard.office.rooms.rules import RoomError

from .rooms_helpers import at, build

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2027, 3, 2)


def test_two_bookings_racing_for_one_room_make_one_booking(production, monkeypatch):
    room, _, _ = build(production, script=False)
    checked, commit = threading.Event(), threading.Event()
    real_clash = services._clash

    def clash_then_linger(*args):
        found = real_clash(*args)
        if not checked.is_set():  # the first booking has checked and not committed yet
            checked.set()
            commit.wait(timeout=10)
        return found

    monkeypatch.setattr(services, "_clash", clash_then_linger)
    outcomes: dict[str, object] = {}

    def book(name, title):
        def run():
            try:
                outcomes[name] = services.booking_create(
                    actor=None,
                    production=production,
                    room=room,
                    kind=RoomBooking.Kind.BOOKING,
                    title=title,
                    starts_at=at(production, DAY, 10),
                    ends_at=at(production, DAY, 11),
                )
            except Exception as exc:  # reported by the main thread
                outcomes[name] = exc
            finally:
                connection.close()

        return threading.Thread(target=run)

    first = book("first", "Casting session")
    first.start()
    assert checked.wait(timeout=10)
    second = book("second", "Art department meeting")
    second.start()
    second.join(timeout=2)  # with the lock it waits here for the first to commit
    assert second.is_alive()
    commit.set()
    first.join(timeout=20)
    second.join(timeout=20)
    assert isinstance(outcomes["first"], services.Booked)
    assert isinstance(outcomes["second"], RoomError)
    assert "booked Tue Mar 2, 10:00 AM–11:00 AM for Casting session" in str(outcomes["second"])
    assert list(RoomBooking.objects.values_list("title", flat=True)) == ["Casting session"]
