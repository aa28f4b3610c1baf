"""What a room booking may not be, and what it may be with a warning; framework-free."""

from __future__ import annotations

import datetime as dt


class RoomError(ValueError):
    """A booking that cannot be: the message says why, and nothing was saved."""


def times_check(starts: dt.datetime, ends: dt.datetime) -> None:
    if ends <= starts:
        raise RoomError(
            f"It ends ({ends:%-I:%M %p}) before it starts ({starts:%-I:%M %p}): "
            "check the times. Nothing was booked."
        )
    if ends - starts > dt.timedelta(hours=24):
        raise RoomError("A booking is at most a day long: book each day on its own.")


def booking_warnings(
    *,
    room: str,
    capacity: int,
    people: int,
    opens: dt.time,
    closes: dt.time,
    starts: dt.datetime,
    ends: dt.datetime,
) -> list[str]:
    """Booked, but worth saying: more people than seats, or outside the office's hours
    (``starts``/``ends`` in the production's zone)."""
    warnings = []
    if people > capacity:
        warnings.append(
            f"{people} people are invited and {room} seats {capacity}: bring chairs or "
            "choose a bigger room."
        )
    if starts.date() != ends.date() or starts.time() < opens or ends.time() > closes:
        warnings.append(
            f"This is outside the office's hours for {room} "
            f"({opens:%-I:%M %p}–{closes:%-I:%M %p}): make sure someone opens up."
        )
    return warnings
