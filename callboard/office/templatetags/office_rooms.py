"""The Rooms card on the Office page: what is booked today and the rooms waiting to be set up."""

from django import template

from callboard.core.capabilities import Cap
from callboard.office.rooms import queries

register = template.Library()


@register.inclusion_tag("office/rooms/card.html", takes_context=True)
def rooms_card(context):
    request = context["request"]
    production = request.production
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "today": queries.day_bookings(production, production.today()),
        "tasks": queries.setup_tasks_open(production),
        "may_set_up": request.membership.can(Cap.OFFICE_RUNS),
    }
