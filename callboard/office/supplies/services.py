"""The writes for supplies and issued items, each one transaction: the catalogue, stock counts,
departments' requests and filling them, ordering from a vendor (a PO through accounting's
services), receiving an order, and issuing and taking back walkies, keys, cards and the rest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from callboard.accounting import services as accounting
from callboard.accounting.queries import accounts_for
from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.models import AuditEvent, Production
from callboard.core.once import once_claim, once_done
from callboard.people.models import Department, Person, Vendor

from ..models import IssuedItem, StockCount, Supply, SupplyOrderLine, SupplyRequest
from . import queries
from .stock import number_key

MAX_COUNT = 1_000_000  # more than any office shelf holds: a typo
MAX_UNIT_COST = Decimal("100000")
SUPPLY_FIELDS = ["name", "vendor", "unit", "unit_cost", "reorder_level", "account_code"]


class SuppliesError(ValueError):
    """A step that cannot be taken; nothing was written."""


def _audit(actor, production, action, obj, changes=None) -> None:
    audit_record(actor=actor, production=production, action=action, obj=obj, changes=changes)


@transaction.atomic
def supply_save(
    *,
    actor,
    production: Production,
    name: str,
    vendor: Vendor | None,
    unit: str,
    unit_cost: Decimal,
    reorder_level: int,
    account_code: str,
    supply: Supply | None = None,
) -> Supply:
    """Add a supply to the catalogue, or change one (the stock changes only by counts,
    requests filled and orders received)."""
    name = " ".join((name or "").split())[:120]
    if not name:
        raise SuppliesError("Name the supply.")
    if vendor is not None and vendor.production_id != production.pk:
        raise SuppliesError("Choose one of this production's vendors.")
    if unit_cost is None or not unit_cost.is_finite() or not 0 <= unit_cost < MAX_UNIT_COST:
        raise SuppliesError("The unit cost is an amount from $0 to $99,999.99.")
    if reorder_level is None or not 0 <= reorder_level < MAX_COUNT:
        raise SuppliesError("The reorder level is a whole number, 0 or more.")
    account_code = (account_code or "").strip()
    if account_code and not accounts_for(production, [account_code]):
        raise SuppliesError(f"Account “{account_code}” is not in the chart of accounts.")
    clash = Supply.objects.filter(production=production, name__iexact=name)
    if supply is not None:
        clash = clash.exclude(pk=supply.pk)
    if clash.exists():
        raise SuppliesError(f"“{name}” is already in the catalogue.")
    values = {
        "name": name,
        "vendor": vendor,
        "unit": " ".join((unit or "").split())[:30] or "each",
        "unit_cost": unit_cost.quantize(Decimal("0.01")),
        "reorder_level": reorder_level,
        "account_code": account_code,
    }
    if supply is None:
        supply = Supply.objects.create(production=production, **values)
        _audit(actor, production, AuditEvent.Action.CREATE, supply, snapshot(supply, SUPPLY_FIELDS))
        return supply
    supply = Supply.objects.select_for_update().get(pk=supply.pk, production=production)
    before = snapshot(supply, SUPPLY_FIELDS)
    for field, value in values.items():
        setattr(supply, field, value)
    supply.save()
    _audit(
        actor,
        production,
        AuditEvent.Action.UPDATE,
        supply,
        diff(before, snapshot(supply, SUPPLY_FIELDS)),
    )
    return supply


@transaction.atomic
def stock_count_record(*, actor, supply: Supply, counted: int, note: str = "") -> StockCount:
    """What is on the shelf now: it replaces the stock; the count joins the history."""
    if counted is None or counted < 0:
        raise SuppliesError("A count cannot be below zero: count what is on the shelf (0 or more).")
    if counted >= MAX_COUNT:
        raise SuppliesError("That count is more than any shelf holds: check the number.")
    supply = Supply.objects.select_for_update().get(pk=supply.pk)
    count = StockCount.objects.create(
        supply=supply,
        counted=counted,
        previous=supply.stock,
        counted_by=actor,
        note=" ".join((note or "").split())[:200],
    )
    _audit(
        actor,
        supply.production,
        AuditEvent.Action.UPDATE,
        supply,
        {"stock": [supply.stock, counted]},
    )
    supply.stock = counted
    supply.save(update_fields=["stock"])
    return count


@transaction.atomic
def supply_request_create(
    *,
    actor,
    production: Production,
    supply: Supply,
    quantity: int,
    department: Department | None = None,
    note: str = "",
    once: str = "",
) -> SupplyRequest:
    """A department asks the office for a supply. ``once``: the form's one-time token (a double
    click asks once: AlreadySaved names the first request)."""
    if supply.production_id != production.pk:
        raise SuppliesError("Choose a supply from this office's catalogue.")
    if department is not None and department.production_id != production.pk:
        raise SuppliesError("Choose one of this production's departments.")
    if quantity is None or not 1 <= quantity < MAX_COUNT:
        raise SuppliesError("Ask for 1 or more.")
    claim = once_claim(production=production, user=actor, token=once, purpose="office.supply")
    request = SupplyRequest.objects.create(
        production=production,
        supply=supply,
        quantity=quantity,
        department=department,
        note=" ".join((note or "").split())[:200],
        requested_by=actor,
    )
    once_done(claim, request)
    _audit(
        actor,
        production,
        AuditEvent.Action.CREATE,
        request,
        {"supply": supply.name, "quantity": quantity},
    )
    return request


def _handle(actor, request: SupplyRequest) -> SupplyRequest:
    request = SupplyRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != SupplyRequest.Status.OPEN:
        raise SuppliesError(f"This request was already {request.get_status_display().lower()}.")
    request.handled_by, request.handled_at = actor, timezone.now()
    return request


@transaction.atomic
def supply_request_fill(*, actor, request: SupplyRequest) -> SupplyRequest:
    """Hand it over: the quantity leaves the stock (refused when the shelf has too few)."""
    request = _handle(actor, request)
    supply = Supply.objects.select_for_update().get(pk=request.supply_id)
    if supply.stock < request.quantity:
        raise SuppliesError(
            f"Only {supply.stock} {supply.unit} of {supply.name} on the shelf for "
            f"{request.quantity} asked: count the shelf or wait for the order."
        )
    Supply.objects.filter(pk=supply.pk).update(stock=F("stock") - request.quantity)
    request.status = SupplyRequest.Status.FILLED
    request.save(update_fields=["status", "handled_by", "handled_at"])
    _audit(actor, request.production, AuditEvent.Action.UPDATE, request, {"status": "filled"})
    return request


@transaction.atomic
def supply_request_decline(*, actor, request: SupplyRequest) -> SupplyRequest:
    request = _handle(actor, request)
    request.status = SupplyRequest.Status.DECLINED
    request.save(update_fields=["status", "handled_by", "handled_at"])
    _audit(actor, request.production, AuditEvent.Action.UPDATE, request, {"status": "declined"})
    return request


@transaction.atomic
def supplies_order(*, actor, production: Production, vendor: Vendor):
    """The reorder list for one vendor becomes a PO to that vendor (accounting's draft, sent
    for approval: once approved it commits its total to the budget). Returns the PO and the
    budget's warnings."""
    # The vendor's supplies are locked before the list is read: two clicks at once wait their
    # turn, and the second finds everything already on order (one PO, not two).
    list(Supply.objects.select_for_update().filter(production=production, vendor=vendor))
    lines = queries.reorder_list(production).get(vendor)
    if not lines:
        raise SuppliesError(f"Nothing of {vendor.name}'s is under its reorder level.")
    uncoded = [line.supply.name for line in lines if not line.supply.account_code]
    if uncoded:
        raise SuppliesError(f"Give an account code to {', '.join(uncoded)} before ordering.")
    try:
        po, warnings = accounting.po_create(
            actor=actor,
            production=production,
            vendor=vendor,
            description="Office supplies",
            lines=[
                accounting.LineInput(
                    account_code=line.supply.account_code,
                    description=f"{line.supply.name} ({line.supply.unit})",
                    quantity=Decimal(line.quantity),
                    rate=line.supply.unit_cost,
                )
                for line in lines
            ],
        )
        accounting.po_submit(actor=actor, po=po)
    except accounting.AccountingError as exc:
        raise SuppliesError(" ".join(exc.problems)) from exc
    SupplyOrderLine.objects.bulk_create(
        SupplyOrderLine(supply=line.supply, po=po, quantity=line.quantity) for line in lines
    )
    return po, warnings


@transaction.atomic
def supply_order_receive(*, actor, line: SupplyOrderLine) -> SupplyOrderLine:
    """The order arrived: its quantity joins the stock."""
    line = (
        SupplyOrderLine.objects.select_for_update(of=("self",))
        .select_related("supply")
        .get(pk=line.pk)
    )
    if line.received_at:
        raise SuppliesError("That order was already received.")
    line.received_at = timezone.now()
    line.save(update_fields=["received_at"])
    Supply.objects.filter(pk=line.supply_id).update(stock=F("stock") + line.quantity)
    _audit(
        actor,
        line.supply.production,
        AuditEvent.Action.UPDATE,
        line.supply,
        {"received": line.quantity, "po": line.po.code},
    )
    return line


@transaction.atomic
def item_issue(
    *,
    actor,
    production: Production,
    kind: str,
    number: str,
    person: Person,
    issued_on: date,
    description: str = "",
) -> IssuedItem:
    """Hand an item to someone on the production; the same item is refused while it is out."""
    if kind not in IssuedItem.Kind.values:
        raise SuppliesError(
            "Choose what is issued: a walkie, key, parking pass, badge, laptop, phone or card."
        )
    number = " ".join((number or "").split())[:60]
    key = number_key(number)
    if not key:
        raise SuppliesError("Give its number or serial.")
    if person is None or person.production_id != production.pk or person.deleted_at:
        raise SuppliesError("Issue it to someone on this production's lists.")
    if issued_on is None:
        raise SuppliesError("Give the date it was issued.")
    label = IssuedItem.Kind(kind).label.lower()
    holder = (
        IssuedItem.objects.filter(
            production=production, kind=kind, number_key=key, returned_on__isnull=True
        )
        .select_related("person")
        .first()
    )
    if holder is not None:
        raise SuppliesError(
            f"{label.capitalize()} {holder.number} is out with {holder.person.display_name} "
            f"since {holder.issued_on:%b %-d}: take it back first."
        )
    try:
        with transaction.atomic():
            item = IssuedItem.objects.create(
                production=production,
                kind=kind,
                number=number,
                number_key=key,
                description=" ".join((description or "").split())[:120],
                person=person,
                issued_on=issued_on,
                issued_by=actor,
            )
    except IntegrityError as exc:  # issued by someone else in the same moment
        raise SuppliesError(f"That {label} was just issued to someone else.") from exc
    _audit(
        actor,
        production,
        AuditEvent.Action.CREATE,
        item,
        {"to": person.full_name, "on": issued_on.isoformat()},
    )
    return item


@transaction.atomic
def item_return(
    *, actor, item: IssuedItem, returned_on: date, state: str, note: str = ""
) -> IssuedItem:
    """Back to the office (or reported lost) on a day, in a state."""
    item = IssuedItem.objects.select_for_update().get(pk=item.pk)
    if item.returned_on is not None:
        raise SuppliesError(f"{item} already came back on {item.returned_on:%b %-d}.")
    if state not in IssuedItem.State.values:
        raise SuppliesError("Say what state it came back in: good, damaged or lost.")
    if returned_on is None:
        raise SuppliesError("Give the date it came back.")
    if returned_on < item.issued_on:
        raise SuppliesError(
            f"It cannot come back on {returned_on:%b %-d, %Y}, before it was issued "
            f"({item.issued_on:%b %-d, %Y})."
        )
    item.returned_on, item.returned_state = returned_on, state
    item.return_note, item.received_by = " ".join((note or "").split())[:200], actor
    item.save(update_fields=["returned_on", "returned_state", "return_note", "received_by"])
    _audit(
        actor,
        item.production,
        AuditEvent.Action.UPDATE,
        item,
        {"returned": returned_on.isoformat(), "state": state},
    )
    return item
