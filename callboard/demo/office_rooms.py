"""The demo office's rooms (issue 20 item 7): the conference room and the writers' room, and
tomorrow's table read in the conference room with the cast invited — their invitations and
script copies queued through distribution, their rehearsal day on the DOOD, the set-up waiting
for the PAs."""

from __future__ import annotations

import datetime as dt

from callboard.office.models import RoomBooking
from callboard.office.rooms.services import booking_create, room_save
from callboard.people.models import DistributionGroup


def build_rooms(production, *, actor) -> dict:
    conference = room_save(
        actor=actor,
        production=production,
        name="Conference Room",
        capacity=24,
        equipment='65" screen, speakerphone, whiteboard',
    )
    room_save(
        actor=actor,
        production=production,
        name="Writers' Room",
        capacity=8,
        equipment="Whiteboard wall",
    )
    day = production.today() + dt.timedelta(days=1)
    zone = production.tzinfo
    cast = DistributionGroup.objects.get(production=production, kind=DistributionGroup.Kind.CAST)
    booked = booking_create(
        actor=actor,
        production=production,
        room=conference,
        kind=RoomBooking.Kind.TABLE_READ,
        title="Table read — production draft",
        starts_at=dt.datetime.combine(day, dt.time(10, 0), tzinfo=zone),
        ends_at=dt.datetime.combine(day, dt.time(12, 30), tzinfo=zone),
        setup_notes=(
            "Tables in a square, 24 chairs with name cards, the screen on for the title page, "
            "coffee and pastries from 9:30."
        ),
        groups=[cast],
    )
    return {
        "room": conference.name,
        "invited": booked.booking.invitees.count(),
        "rehearsals": booked.booking.invitees.filter(rehearsal_marked=True).count(),
    }
