"""A film permit's reach, framework-free: the dates it covers and the hours it permits on a
date. Permitted hours that close at or before they open run past midnight (18:00–06:00), and
a time past midnight belongs to the previous day's hours: a 4:30 AM wrap under 6 PM–6 AM
hours is the night before's, allowed when the permit covers that night."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from callboard.core.timefmt import time_of_day


@dataclass(frozen=True)
class PermitTerms:
    number: str
    first_day: date
    last_day: date
    opens: time | None = None
    closes: time | None = None

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def window(self, day: date, tz: tzinfo) -> tuple[datetime | None, datetime | None]:
        """When shooting may start and must end on ``day``; None where the permit sets none."""
        start = datetime.combine(day, self.opens, tzinfo=tz) if self.opens else None
        end = datetime.combine(day, self.closes, tzinfo=tz) if self.closes else None
        if end is not None and self.opens is not None and self.closes <= self.opens:
            end += timedelta(days=1)
        return start, end

    def span(self, day: date, tz: tzinfo) -> tuple[datetime, datetime]:
        """The permitted stretch of ``day``: from the opening (its midnight when the permit
        sets none) to the closing (the next midnight when it sets none)."""
        start, end = self.window(day, tz)
        midnight = datetime.combine(day, time(0), tzinfo=tz)
        return start or midnight, end or midnight + timedelta(days=1)

    def allows(self, moment: datetime) -> bool:
        """Work at ``moment`` is within the permit: inside the permitted hours of a day it
        covers, that day's or, past midnight, the previous day's."""
        for day in (moment.date() - timedelta(days=1), moment.date()):
            start, end = self.span(day, moment.tzinfo)
            if self.covers(day) and start <= moment <= end:
                return True
        return False

    @property
    def dates_text(self) -> str:
        if self.first_day == self.last_day:
            return f"{self.first_day:%a %b %-d}"
        return f"{self.first_day:%b %-d}–{self.last_day:%b %-d}"

    @property
    def hours_text(self) -> str:
        if self.opens is None and self.closes is None:
            return "any hours"
        opens = time_of_day(self.opens) if self.opens else "any time"
        closes = time_of_day(self.closes) if self.closes else "any time"
        return f"{opens}–{closes}"

    @property
    def name(self) -> str:
        return f"permit {self.number}" if self.number else "the permit"


@dataclass(frozen=True)
class PlacePermits:
    """A confirmed location a day shoots at, with its permits."""

    location: str
    needs_permit: bool
    permits: tuple[PermitTerms, ...] = ()

    def covering(self, day: date) -> PermitTerms | None:
        return next((p for p in self.permits if p.covers(day)), None)
