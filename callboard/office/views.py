"""The Office page: the parts of the physical office, each with what needs the office today."""

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view

from .lunch import queries as lunch_queries
from .runs import queries as runs_queries


@production_view(Cap.OFFICE_REQUEST)
def office(request) -> HttpResponse:
    production = request.production
    return render(
        request,
        "office/office.html",
        {
            "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
            # One card per part of the office (office/<part>/_card.html).
            "runs": runs_queries.office_card(production),
            "lunch": lunch_queries.office_card(production, request.user),
        },
    )
