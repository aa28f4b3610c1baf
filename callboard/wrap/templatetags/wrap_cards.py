"""The Wrap page's cards, one tag per part; each reads its own data. Every card is
``<section class="card wrap-part" id="wrap-<part>">`` with its title linking to its page."""

from django import template

register = template.Library()
