"""The Wrap page: what is still missing before the show's record is final, the wrap
checklist, and the wrap binder (each part's card reads its own data:
wrap/templatetags/wrap_cards.py)."""

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view


@production_view(Cap.WRAP_MANAGE)
def wrap(request) -> HttpResponse:
    return render(request, "wrap/wrap.html", {})
