"""Reads for start paperwork that are more than one line."""

from datetime import date

from callboard.core.models import Production
from callboard.schedule.models import Scenario

from . import rules


def production_closed(production: Production) -> rules.Closed | None:
    """The days the production does not operate, from its schedule's calendar (the first
    scenario's, as call sheets use); None when it has none (weekdays and federal holidays)."""
    cached = getattr(production, "_closed_cache", False)
    if cached is not False:
        return cached
    scenario = (
        Scenario.objects.filter(production=production, calendar__isnull=False)
        .select_related("calendar")
        .first()
    )
    closed = None
    if scenario is not None:
        calendar = scenario.calendar.rules()
        if len(calendar.weekly_off) < 7:

            def closed(day: date, calendar=calendar) -> bool:
                return calendar.is_off(day)

    production._closed_cache = closed
    return closed
