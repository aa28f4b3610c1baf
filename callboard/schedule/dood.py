"""Day Out of Days (DOOD): which days each element works, holds, travels and is paid.

Framework-free: plain dataclasses in, plain dataclasses out (no Django import), so the
board, the ``dood`` command, the PDF/XLSX documents and the tests all share one engine.

Codes (REFERENCE.md, issue 4 item 4):

* ``W`` a work day; the first work day is ``SW``, the last ``WF``, a single one ``SWF``.
* ``H`` a hold: a non-work day between the first and last work day, only for elements that
  allow holds, never on a company day off (those read ``""``, or ``HOL`` on a holiday).
* Drop and pickup, only for elements that allow drops and only when the gap between two
  consecutive work days is MORE than ``drop_days`` calendar days (``(next - prev).days >
  drop_days``): the last work day before the drop reads ``WD`` (``SWD`` if it is also the
  start), the first day back ``PW`` (``PWF`` if also the finish; ``PWD`` if it is dropped
  again), and the days between are blank (no ``H``). Every qualifying gap is dropped; the
  SAG-AFTRA "one drop per production" limit is a board *warning* (issue 4 item 7), so
  ``DoodRow.drops`` reports how many there are.
* ``TR`` travel, ``R`` rehearsal, ``FT`` fitting on the element's event days.
* ``HOL`` on holidays where nothing else applies.

Decisions (documented, tested):

* ``work`` counts work codes only (W, SW, WF, SWF and the drop/pickup forms): a rehearsal or
  fitting is never a work day. Travel, hold, holiday, rehearsal and fitting days each have
  their own count. ``paid`` (days on the payroll) is ``work + hold + travel``, plus rehearsal
  days when the element's deal pays rehearsals as days (``rehearsal_paid``, the SAG-AFTRA
  norm, so the default) and fitting days when it pays fittings as days (``fitting_paid``;
  fittings are usually paid by the hour, so the default is no).
* ``holiday`` counts the holidays between the element's start and finish (a holiday before
  they start or after they finish is the company's, not theirs); holidays are never paid
  days here (holiday pay is the payroll's business).
* ``S``/``F``, holds and drops are computed from the ``work`` days only: a rehearsal, fitting
  or travel day does not start, finish, break or bridge the run of work days.
* When one date is both a work day and an event day, work wins (``W``-type code); between
  events the order is ``TR``, then ``R``, then ``FT``.
* Work days and company days off: an element scheduled on a day off still reads its work code
  (the board warns about it); only ``H`` is suppressed on days off.
* ``start``/``finish`` are the first/last dated day that carries a paid code (work, rehearsal,
  fitting or travel), so a travel day before the first work day is the start of pay.
* Dates outside ``Calendar.days`` (travel before the first shoot day, say) still get their
  code and count in the totals; holds are only ever placed on calendar days.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

WORK_CODES = frozenset({"W", "SW", "WF", "SWF", "WD", "SWD", "PW", "PWF", "PWD"})
EVENT_CODES = frozenset({"TR", "R", "FT"})
HOLD = "H"
HOLIDAY = "HOL"
TRAVEL = "TR"
REHEARSAL = "R"
FITTING = "FT"

DateSet = set[date] | frozenset[date]


@dataclass(frozen=True)
class Calendar:
    days: list[date]  # every calendar date of the schedule, first shoot day to last, in order
    shoot_days: dict[date, int]  # date -> shoot day number (1-based) for days the company shoots
    days_off: set[date]  # company days off (weekends off, holidays): never H
    holidays: set[date]  # marked "HOL" on every row (a subset of days_off)


@dataclass(frozen=True)
class ElementDays:
    id: str  # board ID ("1") or other key
    name: str
    work: DateSet  # days the element works
    allow_holds: bool = True
    allow_drops: bool = True
    drop_days: int = 10  # drop only when the gap between two work days is MORE than this
    travel: DateSet = frozenset()
    rehearsal: DateSet = frozenset()
    fitting: DateSet = frozenset()
    rehearsal_paid: bool = True  # the deal pays a rehearsal day as a day
    fitting_paid: bool = False  # the deal pays a fitting as a day (usually by the hour)


@dataclass
class DoodRow:
    id: str
    name: str
    codes: dict[date, str]  # only dates with a non-empty code, in date order
    start: date | None
    finish: date | None
    work: int  # work codes only (W, SW, WF, SWF, drop/pickup forms)
    hold: int
    travel: int
    paid: int  # work + hold + travel (+ rehearsal, fitting where the deal pays them as days)
    drops: int  # number of drop/pickup gaps
    holiday: int = 0  # holidays between start and finish
    rehearsal: int = 0
    fitting: int = 0


def _work_code(first: bool, last: bool, pickup: bool, drop: bool) -> str:
    prefix = "S" if first else ("P" if pickup else "")
    suffix = "F" if last else ("D" if drop else "")
    return f"{prefix}W{suffix}"


def _build_row(calendar: Calendar, element: ElementDays) -> DoodRow:
    codes: dict[date, str] = {}
    work_days = sorted(element.work)
    drops = 0

    if work_days:
        last_index = len(work_days) - 1
        dropped_after: list[bool] = [False] * len(work_days)
        for i in range(last_index):
            gap = (work_days[i + 1] - work_days[i]).days
            if element.allow_drops and gap > element.drop_days:
                dropped_after[i] = True
                drops += 1
        for i, day in enumerate(work_days):
            codes[day] = _work_code(
                first=i == 0,
                last=i == last_index,
                pickup=i > 0 and dropped_after[i - 1],
                drop=dropped_after[i],
            )

        if element.allow_holds and last_index > 0:
            # Hold on calendar days strictly inside a gap that is not dropped, never on days off.
            first_day, last_day = work_days[0], work_days[-1]
            days_off = calendar.days_off
            for day in calendar.days:
                if day <= first_day or day >= last_day or day in codes or day in days_off:
                    continue
                # work_days[i - 1] < day < work_days[i]: the gap is dropped_after[i - 1].
                if not dropped_after[bisect_left(work_days, day) - 1]:
                    codes[day] = HOLD

    # Events: work wins, then TR, R, FT; an event also replaces a hold.
    for event_days, code in (
        (element.travel, TRAVEL),
        (element.rehearsal, REHEARSAL),
        (element.fitting, FITTING),
    ):
        for day in event_days:
            existing = codes.get(day)
            if existing is None or existing == HOLD:
                codes[day] = code

    for day in calendar.holidays:
        codes.setdefault(day, HOLIDAY)

    codes = dict(sorted(codes.items()))
    counts = dict.fromkeys((HOLD, TRAVEL, REHEARSAL, FITTING), 0)
    work = 0
    start = finish = None
    for day, code in codes.items():
        if code in counts:
            counts[code] += 1
        elif code in WORK_CODES:
            work += 1
        if code in (HOLD, HOLIDAY):
            continue
        if start is None:
            start = day
        finish = day
    holiday = sum(
        1
        for day, code in codes.items()
        if code == HOLIDAY and start is not None and start <= day <= finish
    )
    paid = work + counts[HOLD] + counts[TRAVEL]
    paid += counts[REHEARSAL] if element.rehearsal_paid else 0
    paid += counts[FITTING] if element.fitting_paid else 0

    return DoodRow(
        id=element.id,
        name=element.name,
        codes=codes,
        start=start,
        finish=finish,
        work=work,
        hold=counts[HOLD],
        travel=counts[TRAVEL],
        paid=paid,
        drops=drops,
        holiday=holiday,
        rehearsal=counts[REHEARSAL],
        fitting=counts[FITTING],
    )


def build_dood(calendar: Calendar, elements: list[ElementDays]) -> list[DoodRow]:
    """One row per element, in the order given."""
    return [_build_row(calendar, element) for element in elements]


def dood_json(calendar: Calendar, rows: list[DoodRow]) -> dict:
    """The ``dood --json`` shape of issue 4 item 6 (codes: non-empty only, ISO dates)."""
    return {
        "days": [
            {"day": number, "date": day.isoformat()}
            for day, number in sorted(calendar.shoot_days.items(), key=lambda item: item[1])
        ],
        "elements": [
            {
                "id": row.id,
                "name": row.name,
                "codes": {day.isoformat(): code for day, code in row.codes.items() if code},
                "start": row.start.isoformat() if row.start else None,
                "finish": row.finish.isoformat() if row.finish else None,
                "work": row.work,
                "hold": row.hold,
                "travel": row.travel,
                "holiday": row.holiday,
                "rehearsal": row.rehearsal,
                "fitting": row.fitting,
                "paid": row.paid,
            }
            for row in rows
        ],
    }
