"""The Office page: the parts of the physical office, each with what needs the office today
(each part's card reads its own data: office/templatetags/office_cards.py)."""

from django.http import HttpResponse
from django.shortcuts import render

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view


@production_view(Cap.OFFICE_REQUEST)
def office(request) -> HttpResponse:
    return render(request, "office/office.html", {})
