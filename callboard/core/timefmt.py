"""One way to print a time of day: "7:30 AM".

Framework-free: no Django import. The caller turns an aware moment into the
production's local wall-clock time first (``timezone.localtime(moment, tz)``);
this module only writes the clock face.
"""

from __future__ import annotations

import re
from datetime import datetime, time

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$")


def time_of_day(t: time | datetime | str | None) -> str:
    """7:30 -> "7:30 AM", 12:00 -> "12:00 PM", 0:05 -> "12:05 AM", None -> "".

    A datetime prints its own wall-clock time (make it local first). A string
    in 24-hour form ("19:05", as the call sheet stores calls) is printed the
    same way; any other string ("O/C", "W/N", "PER DEPT HEAD") is an entry
    that is not a clock time and prints as typed.
    """
    if t is None or t == "":
        return ""
    if isinstance(t, str):
        match = _CLOCK.match(t.strip())
        if not match:
            return t
        hour, minute = int(match.group(1)), int(match.group(2))
    elif isinstance(t, (time, datetime)):
        hour, minute = t.hour, t.minute
    else:
        raise TypeError(f"time_of_day() takes a time, not {type(t).__name__}")
    suffix = "AM" if hour < 12 else "PM"
    return f"{hour % 12 or 12}:{minute:02d} {suffix}"
