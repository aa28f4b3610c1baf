"""The drive-ons card on the Office page: what waits on the office today at the gates."""

from django import template

from callboard.core.capabilities import Cap
from callboard.office.gate import queries
from callboard.office.models import Pass

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
        "waiting": queries.waiting(production).count() if manage else 0,
        "today": queries.passes(production)
        .filter(status=Pass.Status.APPROVED, start_date__lte=today, end_date__gte=today)
        .count(),
        "inside": len(queries.who_is_in(production)) if manage else 0,
    }
