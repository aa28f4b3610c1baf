"""The wrap checklist's pages under /p/<slug>/wrap/checklist/: the list (seeded with the
default items the first time it opens), an item's edit page, and its done, reopen and remove
buttons (POST, back to the list)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view

from ..models import ChecklistItem
from . import queries, services
from .forms import ChecklistItemForm


def _back(request) -> HttpResponse:
    return redirect("wrap:checklist", production=request.production.slug)


def _rows(production) -> list[tuple[ChecklistItem, bool]]:
    today = production.today()
    return [(item, queries.is_overdue(item, today)) for item in queries.checklist_items(production)]


@production_view(Cap.WRAP_MANAGE)
def checklist(request) -> HttpResponse:
    production = request.production
    status = 200
    if request.method == "POST":
        form = ChecklistItemForm(request.POST, production=production)
        if form.is_valid():
            try:
                item = services.checklist_item_add(
                    actor=request.user, production=production, **form.cleaned_data
                )
            except services.ChecklistError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"“{item}” added to the wrap checklist.")
                return _back(request)
        status = 400
    else:
        if services.checklist_seed(actor=request.user, production=production):
            messages.info(request, "The wrap checklist starts from the usual list: edit it freely.")
        form = ChecklistItemForm(production=production)
    return render(
        request,
        "wrap/checklist.html",
        {"nav": "wrap", "form": form, "rows": _rows(production)},
        status=status,
    )


def _item(request, checklist_item_pk: int) -> ChecklistItem:
    return get_scoped_or_404(
        ChecklistItem.objects.filter(deleted_at__isnull=True), request, pk=checklist_item_pk
    )


@production_view(Cap.WRAP_MANAGE)
def checklist_item(request, checklist_item_pk: int) -> HttpResponse:
    item = _item(request, checklist_item_pk)
    status = 200
    if request.method == "POST":
        form = ChecklistItemForm(request.POST, production=request.production)
        if form.is_valid():
            try:
                services.checklist_item_update(actor=request.user, item=item, **form.cleaned_data)
            except services.ChecklistError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"“{form.cleaned_data['title']}” saved.")
                return _back(request)
        status = 400
    else:
        form = ChecklistItemForm(
            initial=ChecklistItemForm.initial_for(item), production=request.production
        )
    return render(
        request,
        "wrap/checklist_item.html",
        {"nav": "wrap", "form": form, "item": item},
        status=status,
    )


@production_view(Cap.WRAP_MANAGE)
@require_POST
def checklist_item_done(request, checklist_item_pk: int) -> HttpResponse:
    item = services.checklist_item_complete(
        actor=request.user, item=_item(request, checklist_item_pk)
    )
    messages.success(request, f"“{item}” done.")
    return _back(request)


@production_view(Cap.WRAP_MANAGE)
@require_POST
def checklist_item_reopen(request, checklist_item_pk: int) -> HttpResponse:
    item = services.checklist_item_reopen(
        actor=request.user, item=_item(request, checklist_item_pk)
    )
    messages.success(request, f"“{item}” is open again.")
    return _back(request)


@production_view(Cap.WRAP_MANAGE)
@require_POST
def checklist_item_delete(request, checklist_item_pk: int) -> HttpResponse:
    item = _item(request, checklist_item_pk)
    services.checklist_item_delete(actor=request.user, item=item)
    messages.success(request, f"“{item}” removed from the wrap checklist.")
    return _back(request)


urlpatterns = [
    path("", checklist, name="checklist"),
    path("<int:checklist_item_pk>/", checklist_item, name="checklist_item"),
    path("<int:checklist_item_pk>/done/", checklist_item_done, name="checklist_item_done"),
    path("<int:checklist_item_pk>/reopen/", checklist_item_reopen, name="checklist_item_reopen"),
    path("<int:checklist_item_pk>/remove/", checklist_item_delete, name="checklist_item_delete"),
]
