"""The Office page: the parts of the physical office, each with what needs the office today."""

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view

from .runs import queries as runs_queries


@production_view(Cap.OFFICE_REQUEST)
def office(request) -> HttpResponse:
    return render(
        request,
        "office/office.html",
        {"nav": "office", "runs": runs_queries.office_card(request.production)},
    )
