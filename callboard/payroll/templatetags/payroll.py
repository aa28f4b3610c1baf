from django import template

from callboard.payroll.timecards import day_label as _day_label

register = template.Library()


@register.filter
def day_label(iso_date: str) -> str:
    """{{ "2026-03-02"|day_label }} -> 'Mon Mar 2'."""
    try:
        return _day_label(iso_date)
    except (TypeError, ValueError):
        return iso_date
