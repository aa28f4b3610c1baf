"""Lunch orders' pages under /p/<production>/office/lunch/: the office's lunches, restaurants
and menus, one lunch's order sheet (who ordered what, with dietary notes, who has not), its
links, PDF and coding to the budget; a member's own order; and the order page through the
signed link a person is sent (no account)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.distribution.links import delivery_by_link
from callboard.people.models import Person

from ..models import Lunch, Restaurant
from . import queries, services, sheet, sheetpdf
from .forms import BudgetForm, ChargeForm, LunchOpenForm, MenuItemForm, OrderForm, RestaurantForm
from .services import LunchError


def _refuse(request, exc: LunchError) -> None:
    for problem in exc.problems:
        messages.error(request, problem)


def _to(request, name: str, **kwargs):
    return redirect(f"office:{name}", production=request.production.slug, **kwargs)


@production_view(Cap.OFFICE_REQUEST)
def lunch_list(request) -> HttpResponse:
    """The office's lunches, restaurants and budget; a member's lunches open to order."""
    person = queries.person_of(request.production, request.user)
    context = {
        "mine": list(queries.open_lunches_for(person)) if person else [],
        "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
    }
    if context["may_manage"]:
        lunches = list(queries.lunches_of(request.production)[:30])
        for lunch in lunches:
            lunch.ordered = len(lunch.orders.all())
            lunch.invited_count = len(lunch.invited.all())
        context |= {
            "lunches": lunches,
            "restaurants": Restaurant.objects.filter(production=request.production),
            "budget_form": BudgetForm(
                initial={"amount": queries.budget_for(request.production) or ""}
            ),
        }
    return render(request, "office/lunch/list.html", context)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def lunch_budget(request) -> HttpResponse:
    form = BudgetForm(request.POST)
    if form.is_valid():
        try:
            services.lunch_budget_save(
                actor=request.user, production=request.production,
                amount=form.cleaned_data["amount"],
            )  # fmt: skip
            messages.success(request, "The per-person lunch budget is saved.")
        except LunchError as exc:
            _refuse(request, exc)
    return _to(request, "lunch_list")


@production_view(Cap.OFFICE_MANAGE)
def lunch_restaurants(request) -> HttpResponse:
    form = RestaurantForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        try:
            restaurant = services.restaurant_add(
                actor=request.user, production=request.production,
                vendor=form.cleaned_data["vendor"],
            )  # fmt: skip
        except LunchError as exc:
            _refuse(request, exc)
        else:
            return _to(request, "lunch_menu", restaurant_pk=restaurant.pk)
    restaurants = Restaurant.objects.filter(production=request.production).select_related("vendor")
    return render(
        request, "office/lunch/restaurants.html", {"restaurants": restaurants, "form": form}
    )


@production_view(Cap.OFFICE_MANAGE)
def lunch_menu(request, restaurant_pk: int) -> HttpResponse:
    """A restaurant's menu: items typed once with their prices, changed or taken off."""
    restaurant = get_scoped_or_404(Restaurant, request, pk=restaurant_pk)
    form = MenuItemForm()
    if request.method == "POST":
        item = None
        if request.POST.get("item"):
            item = restaurant.menu.filter(pk=request.POST["item"]).first()
            if item is None:
                raise Http404("No such item on this menu.")
        try:
            if request.POST.get("action") == "retire" and item is not None:
                services.menu_item_retire(actor=request.user, item=item)
                messages.success(request, f"{item.name} is off the menu.")
                return _to(request, "lunch_menu", restaurant_pk=restaurant.pk)
            form = MenuItemForm(request.POST)
            if form.is_valid():
                saved = services.menu_item_save(
                    actor=request.user, restaurant=restaurant, item=item,
                    name=form.cleaned_data["name"], price=form.cleaned_data["price"],
                )  # fmt: skip
                messages.success(request, f"{saved.name} at ${saved.price} is on the menu.")
                return _to(request, "lunch_menu", restaurant_pk=restaurant.pk)
        except LunchError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
    return render(
        request,
        "office/lunch/menu.html",
        {
            "restaurant": restaurant,
            "items": restaurant.menu.filter(retired_at__isnull=True),
            "form": form,
        },
    )


@production_view(Cap.OFFICE_MANAGE)
def lunch_new(request) -> HttpResponse:
    today = request.production.today()
    form = LunchOpenForm(
        request.POST or None,
        production=request.production,
        initial={"date": today, "cutoff": "10:30"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lunch = services.lunch_open(
                actor=request.user, production=request.production,
                restaurant=data["restaurant"], on=data["date"], cutoff=data["cutoff"],
                departments=list(data["departments"]), groups=list(data["groups"]),
                people=list(data["people"]),
            )  # fmt: skip
        except LunchError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "The lunch is open: send everyone their link.")
            return _to(request, "lunch_detail", lunch_pk=lunch.pk)
    return render(request, "office/lunch/new.html", {"form": form})


def _lunch(request, lunch_pk: int) -> Lunch:
    return get_scoped_or_404(
        Lunch.objects.select_related("production", "restaurant__vendor"), request, pk=lunch_pk
    )


@production_view(Cap.OFFICE_MANAGE)
def lunch_detail(request, lunch_pk: int) -> HttpResponse:
    """The order sheet on screen, for the office: with dietary notes and who has not ordered."""
    lunch = _lunch(request, lunch_pk)
    invited, sent = lunch.invited.count(), queries.links_sent(lunch)
    return render(
        request,
        "office/lunch/detail.html",
        {
            "lunch": lunch,
            "doc": services.lunch_sheet_read(actor=request.user, lunch=lunch, where="page"),
            "is_open": lunch.cutoff > timezone.now(),
            "links": {"sent": sent, "invited": invited, "unsent": invited - sent},
            "charge_form": ChargeForm(production=request.production),
        },
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def lunch_send(request, lunch_pk: int) -> HttpResponse:
    lunch = _lunch(request, lunch_pk)
    try:
        count = services.lunch_links_send(actor=request.user, lunch=lunch)
    except LunchError as exc:
        _refuse(request, exc)
    else:
        if count:
            messages.success(request, f"Links are on their way to {count} people.")
        else:
            messages.info(request, "Everyone in already has their link: nothing more was sent.")
    return _to(request, "lunch_detail", lunch_pk=lunch.pk)


@production_view(Cap.OFFICE_MANAGE)
def lunch_sheet_pdf(request, lunch_pk: int) -> HttpResponse:
    lunch = _lunch(request, lunch_pk)
    doc = services.lunch_sheet_read(actor=request.user, lunch=lunch, where="PDF")
    response = HttpResponse(sheetpdf.sheet_pdf(doc), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lunch-{lunch.date:%Y-%m-%d}.pdf"'
    return response


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def lunch_charge(request, lunch_pk: int) -> HttpResponse:
    lunch = _lunch(request, lunch_pk)
    form = ChargeForm(request.POST, production=request.production)
    if not form.is_valid():
        messages.error(request, "Give the account and how it was paid.")
        return _to(request, "lunch_detail", lunch_pk=lunch.pk)
    data = form.cleaned_data
    try:
        made, warnings = services.lunch_charge(
            actor=request.user, lunch=lunch, how=data["how"], account_code=data["account_code"],
            tax=data["tax"], tip=data["tip"], paid_by=data["paid_by"],
        )  # fmt: skip
    except LunchError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, f"The lunch is coded to {data['account_code']}: {made}.")
        for warning in warnings:
            messages.warning(request, str(warning))
    return _to(request, "lunch_detail", lunch_pk=lunch.pk)


def _order_page(request, *, lunch: Lunch, person: Person, template: str, extra: dict):
    """The order form for one person on one lunch, on the page or through their link."""
    form = OrderForm(request.POST or None)
    warning = ""
    if request.method == "POST":
        lines = form.lines()
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.POST.get("action") == "withdraw":
                    services.lunch_order_withdraw(
                        lunch=lunch, person=person, actor=extra.get("actor")
                    )
                    messages.success(request, "Your order is withdrawn.")
                else:
                    _, warning = services.lunch_order_place(
                        lunch=lunch, person=person, lines=lines, note=data["note"],
                        allergies=data["allergies"], preferences=data["preferences"],
                        actor=extra.get("actor"),
                    )  # fmt: skip
                    messages.success(request, "Your order is in.")
                    if warning:
                        messages.warning(request, f"Your order {warning} The office will see it.")
                return redirect(request.path)
            except LunchError as exc:
                for problem in exc.problems:
                    form.add_error(None, problem)
    order = queries.own_order(lunch, person)
    chosen = {ln.item_id: ln.quantity for ln in order.lines.all()} if order else {}
    typed = {
        int(m.group(1)): v for k, v in request.POST.items() if (m := re.match(r"^q_(\d{1,9})$", k))
    }
    allergies, preferences = queries.diet_of(person)
    if request.method != "POST":
        form = OrderForm(
            initial={
                "note": order.note if order else "",
                "allergies": allergies,
                "preferences": preferences,
            }
        )
    menu = [
        (item, typed.get(item.pk, chosen.get(item.pk, "")))
        for item in lunch.restaurant.menu.filter(retired_at__isnull=True)
    ]
    total = queries.order_total(order) if order else None
    return render(
        request,
        template,
        {
            "lunch": lunch,
            "person": person,
            "form": form,
            "menu": menu,
            "order": order,
            "total": total,
            "over": sheet.over_budget(total, queries.budget_for(lunch.production))
            if total is not None
            else "",
            "cutoff": queries.cutoff_text(lunch),
            "is_open": lunch.cutoff > timezone.now(),
            **extra,
        },
    )


@production_view(Cap.OFFICE_REQUEST)
def lunch_order(request, lunch_pk: int) -> HttpResponse:
    """A signed-in member's own order on a lunch they are in."""
    lunch = _lunch(request, lunch_pk)
    person = queries.person_of(request.production, request.user)
    if person is None or not lunch.invited.filter(pk=person.pk).exists():
        raise Http404("You are not on this lunch order.")
    return _order_page(
        request, lunch=lunch, person=person, template="office/lunch/order.html",
        extra={"actor": request.user},
    )  # fmt: skip


urlpatterns = [
    path("", lunch_list, name="lunch_list"),
    path("budget/", lunch_budget, name="lunch_budget"),
    path("restaurants/", lunch_restaurants, name="lunch_restaurants"),
    path("restaurants/<int:restaurant_pk>/", lunch_menu, name="lunch_menu"),
    path("new/", lunch_new, name="lunch_new"),
    path("<int:lunch_pk>/", lunch_detail, name="lunch_detail"),
    path("<int:lunch_pk>/send/", lunch_send, name="lunch_send"),
    path("<int:lunch_pk>/sheet.pdf", lunch_sheet_pdf, name="lunch_sheet_pdf"),
    path("<int:lunch_pk>/charge/", lunch_charge, name="lunch_charge"),
    path("<int:lunch_pk>/order/", lunch_order, name="lunch_order"),
]


# Through the person's signed link ----------------------------------------------------------


def lunch_by_link(request, token: str) -> HttpResponse:
    """The person's phone page: the menu, their order and dietary notes, until the cut-off."""
    from callboard.distribution.services import delivery_opened

    delivery, refusal = delivery_by_link(
        request, token, kind=queries.LUNCH_KIND, what="a lunch order"
    )
    if refusal is not None:
        return refusal
    if request.method == "GET":
        delivery_opened(delivery=delivery)
    lunch = Lunch.objects.select_related("production", "restaurant__vendor").get(
        pk=delivery.dispatch.object_id
    )
    return _order_page(
        request, lunch=lunch, person=delivery.person, template="office/lunch/order_by_link.html",
        extra={"token": token},
    )  # fmt: skip


link_urlpatterns = [
    path("lunch/<str:token>/", lunch_by_link, name="office_lunch_by_link"),
]
