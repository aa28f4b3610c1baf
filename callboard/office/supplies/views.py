"""Supplies and issued items under /p/<production>/office/supplies/: thin views that parse,
call a service and render. Any member asks for supplies; the office keeps the rest."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.once import AlreadySaved
from callboard.core.params import id_param
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.documents import tabular
from callboard.people.models import Vendor

from ..models import IssuedItem, Supply, SupplyOrderLine, SupplyRequest
from . import queries, services
from .forms import CountForm, IssueForm, RequestForm, ReturnForm, SupplyForm
from .services import SuppliesError


def _first_error(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _back(request, name="supplies_list"):
    return redirect(f"office:{name}", production=request.production.slug)


@production_view(Cap.OFFICE_REQUEST)
def supplies_list(request) -> HttpResponse:
    production = request.production
    manage = request.membership.can(Cap.OFFICE_MANAGE)
    return render(
        request,
        "office/supplies/supplies.html",
        {
            "supplies": queries.catalogue(production),
            "request_form": RequestForm(production=production),
            "manage": manage,
            "requests": queries.open_requests(production) if manage else [],
            "reorder": sorted(
                queries.reorder_list(production).items(),
                key=lambda pair: (pair[0] is None, str(pair[0] or "")),
            )
            if manage
            else [],
            "on_order": queries.on_order(production) if manage else [],
        },
    )


@production_view(Cap.OFFICE_MANAGE)
def supplies_edit(request, supply_pk: int | None = None) -> HttpResponse:
    production = request.production
    supply = get_scoped_or_404(Supply, request, pk=supply_pk) if supply_pk else None
    status = 200
    if request.method == "POST":
        form = SupplyForm(request.POST, production=production)
        if form.is_valid():
            try:
                saved = services.supply_save(
                    actor=request.user, production=production, supply=supply, **form.cleaned_data
                )
            except SuppliesError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{saved.name} is in the catalogue.")
                return _back(request)
        status = 400
    else:
        initial = SupplyForm.initial_for(supply) if supply else None
        form = SupplyForm(initial=initial, production=production)
    return render(
        request,
        "office/supplies/supply.html",
        {
            "form": form,
            "supply": supply,
            "counts": supply.counts.select_related("counted_by")[:30] if supply else [],
            "count_form": CountForm(),
        },
        status=status,
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def supplies_count(request, supply_pk: int) -> HttpResponse:
    supply = get_scoped_or_404(Supply, request, pk=supply_pk)
    form = CountForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{supply.name}: {_first_error(form)} Nothing was saved.")
    else:
        try:
            services.stock_count_record(actor=request.user, supply=supply, **form.cleaned_data)
        except SuppliesError as exc:
            messages.error(request, f"{supply.name}: {exc} Nothing was saved.")
        else:
            messages.success(
                request,
                f"{supply.name}: {form.cleaned_data['counted']} {supply.unit} on the shelf.",
            )
    if request.POST.get("next") == "supply":
        return redirect(
            "office:supplies_edit", production=request.production.slug, supply_pk=supply.pk
        )
    return _back(request)


@production_view(Cap.OFFICE_REQUEST)
@require_POST
def supplies_request(request) -> HttpResponse:
    form = RequestForm(request.POST, production=request.production)
    if not form.is_valid():
        messages.error(request, f"{_first_error(form)} Nothing was asked.")
        return _back(request)
    try:
        made = services.supply_request_create(
            actor=request.user, production=request.production, **form.cleaned_data
        )
    except SuppliesError as exc:
        messages.error(request, f"{exc} Nothing was asked.")
    except AlreadySaved:
        messages.info(request, "That was already asked for: it is asked once.")
    else:
        messages.success(
            request,
            f"Asked the office for {made.quantity} {made.supply.unit} of {made.supply.name}.",
        )
    return _back(request)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def supplies_request_handle(request, supply_request_pk: int, action: str) -> HttpResponse:
    asked = get_scoped_or_404(SupplyRequest, request, pk=supply_request_pk)
    handle = {"fill": services.supply_request_fill, "decline": services.supply_request_decline}
    try:
        done = handle[action](actor=request.user, request=asked)
    except SuppliesError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"{done.supply.name} × {done.quantity}: {done.get_status_display().lower()}."
        )
    return _back(request)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def supplies_order(request) -> HttpResponse:
    vendor = get_scoped_or_404(Vendor, request, pk=id_param(request.POST.get("vendor")) or 0)
    try:
        po, warnings = services.supplies_order(
            actor=request.user, production=request.production, vendor=vendor
        )
    except SuppliesError as exc:
        messages.error(request, f"{exc} No PO was made.")
    else:
        messages.success(
            request,
            f"PO {po.code} to {vendor.name} waits for approval; once approved it commits its "
            "total to the budget.",
        )
        for warning in warnings:
            messages.warning(request, warning)
    return _back(request)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def supplies_receive(request, line_pk: int) -> HttpResponse:
    line = get_object_or_404(
        SupplyOrderLine.objects.select_related("supply"),
        pk=line_pk,
        supply__production=request.production,
    )
    try:
        services.supply_order_receive(actor=request.user, line=line)
    except SuppliesError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"{line.supply.name}: {line.quantity} {line.supply.unit} joined the stock."
        )
    return _back(request)


@production_view(Cap.OFFICE_MANAGE)
def supplies_issued(request) -> HttpResponse:
    production = request.production
    status = 200
    if request.method == "POST":
        form = IssueForm(request.POST, production=production)
        if form.is_valid():
            try:
                item = services.item_issue(
                    actor=request.user, production=production, **form.cleaned_data
                )
            except SuppliesError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{item} issued to {item.person.display_name}.")
                return _back(request, "supplies_issued")
        status = 400
    else:
        form = IssueForm(initial={"issued_on": production.today()}, production=production)
    held = queries.unreturned_items(production)
    if request.GET.get("format") == "csv":
        return _held_csv(held)
    return render(
        request,
        "office/supplies/issued.html",
        {
            "form": form,
            "held": held,
            "returned": queries.returned_items(production),
            "return_form": ReturnForm(initial={"returned_on": production.today(), "state": "good"}),
        },
        status=status,
    )


def _held_csv(held) -> HttpResponse:
    rows = [
        [
            h.item.get_kind_display(),
            h.item.number,
            h.item.description,
            h.item.person.full_name,
            h.item.issued_on,
            h.item.person.end_date or "",
            {"soon": "ends within a week", "overdue": "end date passed"}.get(h.flag, ""),
        ]
        for h in held
    ]
    data = tabular.write_csv(
        ["What", "Number", "Model / notes", "Held by", "Issued", "End date", "Due back"], rows
    )
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="issued-items.csv"'
    return response


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def supplies_item_return(request, item_pk: int) -> HttpResponse:
    item = get_scoped_or_404(IssuedItem, request, pk=item_pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{item}: {_first_error(form)} Nothing was saved.")
    else:
        try:
            services.item_return(
                actor=request.user,
                item=item,
                returned_on=form.cleaned_data["returned_on"],
                state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
            )
        except SuppliesError as exc:
            messages.error(request, f"{item}: {exc} Nothing was saved.")
        else:
            messages.success(request, f"{item} is back from {item.person.display_name}.")
    return _back(request, "supplies_issued")


urlpatterns = [
    path("", supplies_list, name="supplies_list"),
    path("new/", supplies_edit, name="supplies_new"),
    path("<int:supply_pk>/", supplies_edit, name="supplies_edit"),
    path("<int:supply_pk>/count/", supplies_count, name="supplies_count"),
    path("request/", supplies_request, name="supplies_request"),
    path(
        "requests/<int:supply_request_pk>/fill/",
        supplies_request_handle,
        {"action": "fill"},
        name="supplies_request_fill",
    ),
    path(
        "requests/<int:supply_request_pk>/decline/",
        supplies_request_handle,
        {"action": "decline"},
        name="supplies_request_decline",
    ),
    path("order/", supplies_order, name="supplies_order"),
    path("received/<int:line_pk>/", supplies_receive, name="supplies_receive"),
    path("issued/", supplies_issued, name="supplies_issued"),
    path("issued/<int:item_pk>/return/", supplies_item_return, name="supplies_item_return"),
]
