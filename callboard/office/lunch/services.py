"""Writes for lunch orders: restaurants and their menus, the lunch budget, opening a lunch
and sending its links, a person's order (and their dietary notes), and coding the lunch to
the budget through accounting's services. Each function is one transaction; nothing is saved
when anything is wrong."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Production
from callboard.core.timefmt import time_of_day
from callboard.core.vault import seal
from callboard.people.models import Department, DistributionGroup, Person, Vendor

from ..models import Diet, Lunch, LunchOrder, LunchOrderLine, LunchSettings, MenuItem, Restaurant
from . import sheet
from .queries import LUNCH_KIND, budget_for, order_total, sheet_document

MAX_PRICE = Decimal("10000")


class LunchError(ValueError):
    """A step that cannot be taken; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def _money(value, what: str, *, allow_none: bool = False) -> Decimal | None:
    if value in (None, "") and allow_none:
        return None
    try:
        amount = Decimal(str(value).strip().lstrip("$").replace(",", ""))
    except (InvalidOperation, ValueError):
        raise LunchError(f"{what}: “{value}” is not an amount.") from None
    if not amount.is_finite():
        raise LunchError(f"{what}: “{value}” is not an amount.")
    if amount < 0:
        raise LunchError(f"{what} cannot be negative.")
    if amount >= MAX_PRICE:
        raise LunchError(f"{what} is more than lunch costs.")
    return amount.quantize(sheet.CENT)


@transaction.atomic
def restaurant_add(*, actor, production: Production, vendor: Vendor) -> Restaurant:
    """A vendor the office orders lunch from (the same vendor twice is the one restaurant)."""
    if vendor.production_id != production.pk or vendor.deleted_at is not None:
        raise LunchError("Choose one of this production's vendors.")
    restaurant, created = Restaurant.objects.get_or_create(production=production, vendor=vendor)
    if created:
        audit_record(
            actor=actor, production=production, action=AuditEvent.Action.CREATE,
            obj=restaurant, changes={"vendor": vendor.name},
        )  # fmt: skip
    return restaurant


@transaction.atomic
def menu_item_save(
    *, actor, restaurant: Restaurant, name: str, price, item: MenuItem | None = None
) -> MenuItem:
    """Add an item to a restaurant's menu, or change one's name or price (orders placed keep
    the price they were placed at)."""
    name = " ".join((name or "").split())[:120]
    if not name:
        raise LunchError("Name the item.")
    amount = _money(price, f"The price of {name}")
    clash = restaurant.menu.filter(name__iexact=name).exclude(pk=item.pk if item else None)
    if clash.exists():
        raise LunchError(f"{name} is already on the menu.")
    before = {"name": item.name, "price": str(item.price)} if item else {}
    if item is None:
        item = MenuItem.objects.create(restaurant=restaurant, name=name, price=amount)
    else:
        if item.restaurant_id != restaurant.pk:
            raise LunchError("That item is not on this restaurant's menu.")
        item.name, item.price = name, amount
        item.save(update_fields=["name", "price"])
    audit_record(
        actor=actor, production=restaurant.production,
        action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE, obj=item,
        changes={"before": before, "name": name, "price": str(amount)},
    )  # fmt: skip
    return item


@transaction.atomic
def menu_item_retire(*, actor, item: MenuItem) -> None:
    if item.retired_at is None:
        item.retired_at = timezone.now()
        item.save(update_fields=["retired_at"])
        audit_record(
            actor=actor, production=item.restaurant.production,
            action=AuditEvent.Action.DELETE, obj=item, changes={"name": item.name},
        )  # fmt: skip


@transaction.atomic
def lunch_budget_save(*, actor, production: Production, amount) -> LunchSettings:
    budget = _money(amount, "The per-person budget", allow_none=True)
    settings_row, _ = LunchSettings.objects.update_or_create(
        production=production, defaults={"per_person_budget": budget}
    )
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.UPDATE,
        obj=settings_row, changes={"per_person_budget": str(budget) if budget else ""},
    )  # fmt: skip
    return settings_row


@transaction.atomic
def lunch_open(
    *,
    actor,
    production: Production,
    restaurant: Restaurant,
    on: date,
    cutoff: time,
    departments: list[Department] = (),
    groups: list[DistributionGroup] = (),
    people: list[Person] = (),
) -> Lunch:
    """A lunch for a date from a restaurant, ordered until the cut-off (on that date, the
    production's clock), for everyone in the departments and groups and the people picked."""
    problems = []
    if restaurant.production_id != production.pk:
        problems.append("Choose one of this production's restaurants.")
    elif not restaurant.menu.filter(retired_at__isnull=True).exists():
        problems.append(f"{restaurant} has no menu yet: add its items first.")
    if any(d.production_id != production.pk for d in departments) or any(
        g.production_id != production.pk for g in groups
    ):
        problems.append("Choose this production's departments and groups.")
    if any(p.production_id != production.pk for p in people):
        problems.append("Choose people on this production.")
    moment = timezone.make_aware(datetime.combine(on, cutoff), production.tzinfo)
    if moment <= timezone.now():
        problems.append(f"The cut-off, {time_of_day(cutoff)} on {on:%b %-d}, has passed.")
    invited: dict[int, Person] = {p.pk: p for p in people}
    if not problems:
        active = Person.objects.filter(production=production).active()
        for person in active.filter(department__in=list(departments)):
            invited[person.pk] = person
        for group in groups:
            for person in group.recipients():
                invited[person.pk] = person
        if not invited:
            problems.append("Say who is in: departments, a group or people.")
    if problems:
        raise LunchError("Nothing was saved.", problems)
    who = ", ".join(
        [d.name for d in departments]
        + [g.name for g in groups]
        + ([f"{len(people)} picked"] if people else [])
    )
    lunch = Lunch.objects.create(
        production=production, restaurant=restaurant, date=on, cutoff=moment,
        who=who[:300], created_by=actor,
    )  # fmt: skip
    lunch.invited.set(invited.values())
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=lunch,
        changes={"restaurant": str(restaurant), "date": str(on), "cutoff": str(cutoff),
                 "who": who, "people": len(invited)},
    )  # fmt: skip
    return lunch


@transaction.atomic
def lunch_links_send(*, actor, lunch: Lunch) -> int:
    """Each person in the lunch who has not had their link yet gets it (e-mail or text, through
    distribution: tracked, in the background, once). The count sent now: a second click sends
    nothing more; people added since get theirs."""
    from callboard.distribution.models import Delivery
    from callboard.distribution.services import dispatch_create

    lunch = Lunch.objects.select_for_update().get(pk=lunch.pk)
    if lunch.cutoff <= timezone.now():
        raise LunchError("The cut-off has passed: there is nothing left to order.")
    sent = Delivery.objects.filter(
        dispatch__kind=LUNCH_KIND, dispatch__object_id=lunch.pk
    ).values_list("person_id", flat=True)
    people = list(lunch.invited.exclude(pk__in=list(sent)).order_by("pk"))
    if not people:
        return 0
    ids = ",".join(str(p.pk) for p in people)
    dispatch_create(
        actor=actor,
        production=lunch.production,
        kind=LUNCH_KIND,
        object_id=lunch.pk,
        key=f"{LUNCH_KIND}:{lunch.pk}:{hashlib.sha256(ids.encode()).hexdigest()[:16]}",
        subject=f"Lunch {lunch.date:%a %b %-d} from {lunch.restaurant} — order by "
        f"{time_of_day(timezone.localtime(lunch.cutoff, lunch.production.tzinfo))}",
        people=people,
        notify=actor,
        # The link orders until the cut-off and shows the order for the rest of the day.
        valid_for=max(lunch.cutoff - timezone.now(), timedelta(0)) + timedelta(days=1),
    )
    return len(people)


def lunch_sheet_read(*, actor, lunch: Lunch, where: str) -> dict:
    """The order sheet for the office (``where``: "page" or "PDF"). Its dietary notes are
    private: the read is in the audit log, once per sheet, naming whose notes were shown."""
    doc = sheet_document(lunch)
    whose = [label["name"] for label in doc["labels"] if label["allergies"] or label["preferences"]]
    if whose:
        audit_record(
            actor=actor, production=lunch.production, action=AuditEvent.Action.UPDATE,
            obj=lunch, changes={"viewed_private": f"dietary notes ({where}): {', '.join(whose)}"},
        )  # fmt: skip
    return doc


def _parse_lines(lunch: Lunch, lines: list[tuple[int, int]]) -> list[tuple[MenuItem, int]]:
    menu = {i.pk: i for i in lunch.restaurant.menu.filter(retired_at__isnull=True)}
    problems, parsed = [], []
    for item_id, quantity in lines:
        item = menu.get(item_id)
        if item is None:
            problems.append(f"That item is not on {lunch.restaurant}'s menu.")
            continue
        problem = sheet.quantity_problem(item.name, quantity)
        if problem:
            problems.append(problem)
        parsed.append((item, quantity))
    if not lines:
        problems.append("Choose at least one item.")
    if problems:
        raise LunchError("Nothing was saved.", problems)
    return parsed


@transaction.atomic
def lunch_order_place(
    *,
    lunch: Lunch,
    person: Person,
    lines: list[tuple[int, int]],
    note: str = "",
    allergies: str | None = None,
    preferences: str | None = None,
    actor=None,
) -> tuple[LunchOrder, str]:
    """A person's order (replacing the one they placed before), with their dietary notes kept
    on them when given; (the order, the over-budget warning or ''). Refused after the cut-off,
    for anyone not in, for an item not on the menu and a quantity outside 1–99."""
    lunch = (
        Lunch.objects.select_for_update(of=("self",)).select_related("production").get(pk=lunch.pk)
    )
    if lunch.cutoff <= timezone.now():
        local = timezone.localtime(lunch.cutoff, lunch.production.tzinfo)
        raise LunchError(f"The cut-off was {time_of_day(local)}; ask the office.")
    # Someone taken off the production since the links went out orders no more.
    if not lunch.invited.filter(pk=person.pk, deleted_at__isnull=True).exists():
        raise LunchError("You are not on this lunch order; ask the office.")
    parsed = _parse_lines(lunch, lines)
    order, created = LunchOrder.objects.get_or_create(lunch=lunch, person=person)
    order.note = " ".join((note or "").split())[:200]
    order.save(update_fields=["note", "updated_at"])
    order.lines.all().delete()
    LunchOrderLine.objects.bulk_create(
        LunchOrderLine(order=order, item=item, quantity=quantity, price=item.price)
        for item, quantity in parsed
    )
    if allergies is not None or preferences is not None:
        _diet_save(person, allergies or "", preferences or "")
    total = order_total(order)
    audit_record(
        actor=actor, actor_label="" if actor else person.display_name,
        production=lunch.production,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=order,
        changes={"items": [f"{q} × {i.name}" for i, q in parsed], "total": str(total)},
    )  # fmt: skip
    return order, sheet.over_budget(total, budget_for(lunch.production))


def _diet_save(person: Person, allergies: str, preferences: str) -> None:
    Diet.objects.update_or_create(
        person=person,
        defaults={
            "allergies_sealed": seal(" ".join(allergies.split())[:500]),
            "preferences_sealed": seal(" ".join(preferences.split())[:500]),
        },
    )


@transaction.atomic
def lunch_order_withdraw(*, lunch: Lunch, person: Person, actor=None) -> None:
    lunch = (
        Lunch.objects.select_for_update(of=("self",)).select_related("production").get(pk=lunch.pk)
    )
    if lunch.cutoff <= timezone.now():
        local = timezone.localtime(lunch.cutoff, lunch.production.tzinfo)
        raise LunchError(f"The cut-off was {time_of_day(local)}; ask the office.")
    order = LunchOrder.objects.filter(lunch=lunch, person=person).first()
    if order is not None:
        audit_record(
            actor=actor, actor_label="" if actor else person.display_name,
            production=lunch.production, action=AuditEvent.Action.DELETE, obj=order,
        )  # fmt: skip
        order.delete()


@transaction.atomic
def lunch_charge(
    *,
    actor,
    lunch: Lunch,
    how: str,
    account_code: str,
    tax,
    tip,
    paid_by: Person | None = None,
) -> tuple[object, list[str]]:
    """Code the lunch to the budget once: a PO to the restaurant ("po") or a petty-cash
    receipt ("petty_cash", paid by a person), the food, tax and tip on the account given;
    (the PO or receipt, accounting's warnings)."""
    from callboard.accounting.services import (
        AccountingError,
        LineInput,
        ReceiptLineInput,
        po_create,
        receipt_add,
    )

    lunch = (
        Lunch.objects.select_for_update(of=("self",))
        .select_related("restaurant__vendor")
        .get(pk=lunch.pk)
    )
    if lunch.purchase_order_id or lunch.receipt_id:
        raise LunchError("This lunch is already coded to the budget.")
    tax_amount = _money(tax, "The tax", allow_none=True) or Decimal("0.00")
    tip_amount = _money(tip, "The tip", allow_none=True) or Decimal("0.00")
    food = sum((order_total(o) for o in lunch.orders.all()), Decimal("0.00"))
    if not food:
        raise LunchError("Nobody has ordered: there is nothing to pay for.")
    what = f"Lunch {lunch.date:%b %-d} — {lunch.orders.count()} orders"
    parts = [(what, food), ("Sales tax", tax_amount), ("Tip", tip_amount)]
    parts = [(d, a) for d, a in parts if a > 0]
    code = (account_code or "").strip()
    try:
        if how == "po":
            made, warnings = po_create(
                actor=actor, production=lunch.production, vendor=lunch.restaurant.vendor,
                description=what,
                lines=[LineInput(code, d, Decimal(1), a) for d, a in parts],
            )  # fmt: skip
            lunch.purchase_order = made
        elif how == "petty_cash":
            if paid_by is None or paid_by.production_id != lunch.production_id:
                raise LunchError("Say who paid from petty cash.")
            made, warnings = receipt_add(
                production=lunch.production, person=paid_by, on=lunch.date,
                vendor_name=lunch.restaurant.vendor.name, actor=actor,
                lines=[ReceiptLineInput(code, d, a) for d, a in parts],
            )  # fmt: skip
            lunch.receipt = made
        else:
            raise LunchError("Choose a PO to the restaurant or petty cash.")
    except AccountingError as exc:
        raise LunchError(str(exc), exc.problems) from exc
    except IntegrityError as exc:  # pragma: no cover - the row lock above orders two clicks
        raise LunchError("This lunch is already coded to the budget.") from exc
    lunch.tax, lunch.tip = tax_amount, tip_amount
    lunch.save(update_fields=["purchase_order", "receipt", "tax", "tip"])
    audit_record(
        actor=actor, production=lunch.production, action=AuditEvent.Action.UPDATE, obj=lunch,
        changes={"coded": how, "account": code, "food": str(food), "tax": str(tax_amount),
                 "tip": str(tip_amount)},
    )  # fmt: skip
    return made, warnings
