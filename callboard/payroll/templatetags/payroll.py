from decimal import Decimal, InvalidOperation

from django import template

from callboard.payroll.timecards import day_label as _day_label
from callboard.payroll.timecards import line_label as _line_label
from callboard.payroll.timecards import rules_title as _rules_title

register = template.Library()


@register.filter
def day_label(iso_date: str) -> str:
    """{{ "2026-03-02"|day_label }} -> 'Mon Mar 2'."""
    try:
        return _day_label(iso_date)
    except (TypeError, ValueError):
        return iso_date


@register.filter
def money(value) -> str:
    """{{ "55.7500"|money }} -> '$55.75': money reads to the cent."""
    try:
        return f"${Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value or "")


@register.filter
def line_label(line: dict) -> str:
    """A pay line's kind in words: 'Meal penalty (2nd meal)', not meal_penalty."""
    return _line_label(line.get("kind", ""), line.get("why", ""))


@register.filter
def rules_title(name: str) -> str:
    """A rule set by its title ("SAG-AFTRA day performer"), not its file name."""
    return _rules_title(name)
