"""The supplies card on the Office page: what waits on the office today."""

from django import template

from callboard.core.capabilities import Cap

from ..supplies import queries

register = template.Library()


@register.inclusion_tag("office/supplies/_card.html", takes_context=True)
def supplies_card(context):
    request = context["request"]
    production = request.production
    if not request.membership.can(Cap.OFFICE_MANAGE):
        return {"request": request, "manage": False}
    held = queries.unreturned_items(production)
    return {
        "request": request,
        "manage": True,
        "requests": queries.open_requests(production).count(),
        "reorder": sum(len(lines) for lines in queries.reorder_list(production).values()),
        "out": len(held),
        "due": sum(1 for h in held if h.flag),
    }
