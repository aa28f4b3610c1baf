"""The Wrap page's cards, one tag per part; each reads its own data. Every card is
``<section class="card wrap-part" id="wrap-<part>">`` with its title linking to its page."""

from django import template

from callboard.wrap.binder import queries as binder_queries

register = template.Library()


@register.inclusion_tag("wrap/_binder_card.html", takes_context=True)
def binder_card(context):
    production = context["request"].production
    return {
        "slug": production.slug,
        "latest": binder_queries.latest_binder(production),
        "builds": binder_queries.binders(production).count(),
        "documents": binder_queries.wrap_documents(production).count(),
    }
