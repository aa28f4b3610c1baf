"""The Office page: the parts of the physical office, each with what needs the office today."""

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view

from .lunch import queries as lunch_queries


@production_view(Cap.OFFICE_REQUEST)
def office(request) -> HttpResponse:
    return render(
        request,
        "office/office.html",
        {
            "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
            "lunch": lunch_queries.office_card(request.production, request.user),
        },
    )
