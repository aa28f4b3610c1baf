from django import template

from callboard.core.eighths import format_eighths

register = template.Library()


@register.filter
def can(membership, capability: str) -> bool:
    """{% if request.membership|can:"people.edit" %}: capability checks in templates."""
    return membership is not None and capability in membership.capabilities


@register.filter
def eighths(value) -> str:
    """{{ scene.eighths|eighths }} -> '2 6/8'."""
    return format_eighths(value or 0)


@register.filter
def split(value: str) -> list[str]:
    """{% for name in "a b c"|split %}: a list written in a template."""
    return str(value).split()


@register.filter
def field(form, name: str):
    """{{ form|field:name }}: a bound field chosen by a variable."""
    return form[name]


@register.filter
def get(mapping, key) -> str:
    """{{ calls|get:pk }}: a JSON dict's value (keys are strings), "" when missing."""
    if not isinstance(mapping, dict):
        return ""
    return mapping.get(str(key), "")


@register.filter(name="time_of_day")
def time_of_day_filter(value) -> str:
    """{{ sheet.crew_call|time_of_day }} -> '7:30 AM' ('' when blank). An aware moment is
    shown in the current time zone (the production's, where the view activates it)."""
    from datetime import datetime

    from django.utils import timezone

    from callboard.core.timefmt import time_of_day

    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return time_of_day(value)
