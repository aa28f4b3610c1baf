"""The gate's rules, framework-free: what a plate may be, what a guard typed (a scanned link,
a code or a pass number), the columns a studio security office may ask for, and the gate
list of a day built from passes and the call sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

# Letters, digits, a space or a hyphen: what plates in North America and Europe carry.
PLATE = re.compile(r"^[A-Z0-9](?:[A-Z0-9 \-]{0,10}[A-Z0-9])?$")
PLATE_WORDS = {"TBD": "tbd", "RENTAL": "rental", "WALK-ON": "walk_on", "WALK ON": "walk_on"}


def plate_problem(plate: str) -> str | None:
    """A message when ``plate`` is no plate (TBD, rental and walk-on are chosen, not typed)."""
    text = plate.strip().upper()
    if not text:
        return "Give the plate, or choose TBD, a rental or a walk-on."
    if not PLATE.match(text) or not any(c.isdigit() or c.isalpha() for c in text):
        return (
            f"“{plate.strip()[:20]}” is not a licence plate: plates have letters, digits, "
            "spaces and hyphens only, at most 12. Choose TBD or a rental when it is not known."
        )
    return None


def plate_normal(plate: str) -> str:
    return " ".join(plate.strip().upper().split())


@dataclass(frozen=True)
class Typed:
    """What the guard's box held: a signed token (from a scanned QR link) or a pass number."""

    token: str = ""
    number: int | None = None


PASS_LINK = re.compile(r"/l/pass/([^/?#\s]+)")


def read_code(text: str) -> Typed | None:
    """The pass link's token, or a typed pass number ('42', '0042', '#0042', 'P-0042');
    None for an empty box."""
    text = (text or "").strip()
    if not text:
        return None
    if found := PASS_LINK.search(text):
        return Typed(token=found.group(1))
    bare = re.sub(r"^(?:#|P-?|PASS\s*)", "", text, flags=re.I).strip()
    if bare.isdigit() and len(bare) <= 9:
        return Typed(number=int(bare))
    return Typed(token=text)


# The columns a studio security office may ask for: key → header, in a sensible order.
COLUMNS = {
    "pass": "Pass #",
    "name": "Name (as on ID)",
    "company": "Company",
    "host": "Host",
    "department": "Department",
    "purpose": "Purpose",
    "date": "Date(s)",
    "arrival": "Arrival",
    "departure": "Departure",
    "stage": "Stage / building",
    "vehicle": "Vehicle",
    "plate": "Plate",
    "po": "PO",
    "source": "On the list as",
}
# Each column's share of the printed list's width: fixed shares, so typst lays out a 400-row
# list without measuring every cell (auto widths cost a third of the gate list's time).
COLUMN_WIDTHS = {
    "pass": 1,
    "name": 3,
    "company": 2.5,
    "host": 2,
    "department": 2,
    "purpose": 1.5,
    "date": 2,
    "arrival": 1.2,
    "departure": 1.2,
    "stage": 1.8,
    "vehicle": 2,
    "plate": 1.3,
    "po": 1,
    "source": 2,
}
DEFAULT_COLUMNS = ["pass", "name", "company", "host", "arrival", "stage", "vehicle", "plate"]


def columns_of(keys: list[str] | None) -> list[str]:
    """The gate's chosen columns, unknown keys dropped; the default set when none."""
    chosen = [k for k in (keys or []) if k in COLUMNS]
    return chosen or list(DEFAULT_COLUMNS)


@dataclass(frozen=True)
class Row:
    """One line of a gate list."""

    name: str
    company: str = ""
    host: str = ""
    department: str = ""
    purpose: str = ""
    dates: str = ""
    arrival: time | None = None
    arrival_text: str = ""  # a call that is no time ("O/C") as printed
    departure: time | None = None
    stage: str = ""
    vehicle: str = ""
    plate: str = ""
    po: str = ""
    source: str = ""
    pass_code: str = ""

    def cell(self, key: str) -> str:
        return {
            "pass": self.pass_code,
            "name": self.name,
            "company": self.company,
            "host": self.host,
            "department": self.department,
            "purpose": self.purpose,
            "date": self.dates,
            "arrival": clock(self.arrival) or self.arrival_text,
            "departure": clock(self.departure),
            "stage": self.stage,
            "vehicle": self.vehicle,
            "plate": self.plate,
            "po": self.po,
            "source": self.source,
        }[key]


@dataclass(frozen=True)
class Called:
    """Someone the day's call sheet calls: a row unless they already hold a pass."""

    person_id: int
    name: str
    host: str
    call: time | None
    call_text: str


def day_rows(passes: list[tuple[Row, int | None]], called: list[Called], passed: set[int]):
    """The day's list: the passes, then everyone called who holds no pass for the day (cast
    and day players), by arrival then name. ``passed`` is the people holding a pass today
    (run-of-show ones too, which are on their own list)."""
    rows = [row for row, _ in passes]
    holders = passed | {pid for _, pid in passes if pid is not None}
    rows += [
        Row(
            name=c.name,
            host=c.host,
            purpose="Called",
            arrival=c.call,
            arrival_text=c.call_text if c.call is None else "",
            source="Call sheet",
        )
        for c in called
        if c.person_id not in holders
    ]
    return sorted(rows, key=lambda r: (r.arrival is None, r.arrival or time(0), r.name.lower()))


def clock(value: time | None) -> str:
    """'7:30 AM', as gate lists print it."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def date_span(start: date, end: date) -> str:
    if start == end:
        return f"{start:%b} {start.day}"
    return f"{start:%b} {start.day} – {end:%b} {end.day}"
