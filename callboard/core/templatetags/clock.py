"""{% load clock %}: stored moments on the production's clock, with the zone ("Mar 2, 2026, 8:13
AM PST"). The zone is the one the request activated: the production's on its pages and its
crew's signed-link pages (see callboard.core.clock)."""

from django import template
from django.utils import timezone

from callboard.core import clock

register = template.Library()


@register.filter
def when(value) -> str:
    """Date, year, time and zone: "Mar 2, 2026, 8:13 AM PST"."""
    return clock.date_time(value, timezone.get_current_timezone())


@register.filter
def when_short(value) -> str:
    """Date, time and zone without the year: "Mar 2, 8:13 AM PST"."""
    return clock.date_time(value, timezone.get_current_timezone(), year=False)


@register.filter
def clock_time(value) -> str:
    """The time of day and zone: "8:13 AM PST"."""
    return clock.clock_time(value, timezone.get_current_timezone())
