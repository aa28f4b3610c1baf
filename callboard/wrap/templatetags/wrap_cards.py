"""The Wrap page's cards, one tag per part; each reads its own data. Every card is
``<section class="card wrap-part" id="wrap-<part>">`` with its title linking to its page."""

from django import template

from callboard.wrap.binder import queries as binder_queries
from callboard.wrap.checklist import queries as checklist_queries
from callboard.wrap.completeness import completeness_report

register = template.Library()

CARD_ITEMS = 5  # the checklist card's next open items


@register.inclusion_tag("wrap/completeness_card.html", takes_context=True)
def completeness_card(context):
    request = context["request"]
    sections = completeness_report(request.production)
    return {
        "request": request,
        "sections": sections,
        "total": sum(s.count for s in sections),
    }


@register.inclusion_tag("wrap/checklist_card.html", takes_context=True)
def checklist_card(context):
    request = context["request"]
    production = request.production
    today = production.today()
    items = checklist_queries.checklist_items(production).filter(done_at__isnull=True)
    return {
        "request": request,
        "counts": checklist_queries.card_counts(production, today),
        "next": [(i, checklist_queries.is_overdue(i, today)) for i in items[:CARD_ITEMS]],
    }


@register.inclusion_tag("wrap/_binder_card.html", takes_context=True)
def binder_card(context):
    production = context["request"].production
    return {
        "slug": production.slug,
        "latest": binder_queries.latest_binder(production),
        "builds": binder_queries.binders(production).count(),
        "documents": binder_queries.wrap_documents(production).count(),
    }
