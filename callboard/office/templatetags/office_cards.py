"""The Office page's cards: each part of the office owns its card (what waits on the office
today, read by the part's own queries, rendered by its office/<part>/_card.html), so a new
part adds a tag here and a line to office/office.html and touches nothing else."""

from django import template

from callboard.core.capabilities import Cap
from callboard.office.gate import queries as gate_queries
from callboard.office.lunch import queries as lunch_queries
from callboard.office.models import Pass
from callboard.office.rooms import queries as rooms_queries
from callboard.office.runs import queries as runs_queries
from callboard.office.supplies import queries as supplies_queries

register = template.Library()


@register.inclusion_tag("office/gate/_card.html", takes_context=True)
def gate_card(context):
    request = context["request"]
    production = request.production
    today = production.today()
    manage = request.membership.can(Cap.OFFICE_MANAGE)
    return {
        "slug": production.slug,
        "manage": manage,
        "waiting": gate_queries.waiting(production).count() if manage else 0,
        "today": gate_queries.passes(production)
        .filter(status=Pass.Status.APPROVED, start_date__lte=today, end_date__gte=today)
        .count(),
        "inside": len(gate_queries.who_is_in(production)) if manage else 0,
    }


@register.inclusion_tag("office/runs/_card.html", takes_context=True)
def runs_card(context):
    request = context["request"]
    return {"request": request, "runs": runs_queries.office_card(request.production)}


@register.inclusion_tag("office/lunch/_card.html", takes_context=True)
def lunch_card(context):
    request = context["request"]
    return {
        "request": request,
        "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
        "lunch": lunch_queries.office_card(request.production, request.user),
    }


@register.inclusion_tag("office/rooms/_card.html", takes_context=True)
def rooms_card(context):
    request = context["request"]
    production = request.production
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "today": rooms_queries.day_bookings(production, production.today()),
        "tasks": rooms_queries.setup_tasks_open(production),
        "may_set_up": request.membership.can(Cap.OFFICE_RUNS),
    }


@register.inclusion_tag("office/supplies/_card.html", takes_context=True)
def supplies_card(context):
    request = context["request"]
    production = request.production
    if not request.membership.can(Cap.OFFICE_MANAGE):
        return {"request": request, "manage": False}
    held = supplies_queries.unreturned_items(production)
    return {
        "request": request,
        "manage": True,
        "requests": supplies_queries.open_requests(production).count(),
        "reorder": sum(len(lines) for lines in supplies_queries.reorder_list(production).values()),
        "out": len(held),
        "due": sum(1 for h in held if h.flag),
    }
