"""Time cards and payroll batches, as the time-card pages show them: a department head gets
their own departments' cards only (the week page's narrowing), and the deal and the pay
(rates, pay lines, totals) show only to a token whose role sees rates, with the "private"
scope; hours show to everyone who sees the card."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Schema

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404
from callboard.payroll import exports
from callboard.payroll.models import PayrollBatch, TimeCard
from callboard.payroll.queries import cards_for_member

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS, CalendarDate

router = Router(tags=["Payroll"])

ZERO = Decimal("0")


class MealOut(Schema):
    start: str
    end: str


class DayOut(Schema):
    """A day as entered (local "HH:MM" times, "" where not filled in yet), with the hours
    the pay engine worked out once the day has its call and wrap."""

    date: date
    call: str
    wrap: str
    meals: list[MealOut]
    note: str
    worked_hours: Decimal | None
    elapsed_hours: Decimal | None


class PayLineOut(Schema):
    kind: str
    hours: Decimal
    multiplier: Decimal
    rate: Decimal
    amount: Decimal
    why: str


class PayDayOut(Schema):
    date: date
    lines: list[PayLineOut]
    total: Decimal


class DealOut(Schema):
    rules: str
    rate: Decimal
    per: str
    guaranteed_hours: Decimal
    days_per_week: int
    kit_rental: Decimal | None
    kit_rental_per: str


class PayOut(Schema):
    """The pay engine's result for the card's complete days, line by line with its reason."""

    base_rate: Decimal | None
    days: list[PayDayOut]
    wages: Decimal
    penalties: Decimal
    kit_rental: Decimal
    gross: Decimal


class TimeCardOut(Schema):
    """``deal`` and ``pay`` are null unless the token sees rates (a role with them and the
    "private" scope)."""

    id: int
    person_id: int
    person: str
    week_start: date
    version: int
    status: str
    reason: str
    replaced_at: datetime | None
    position: str
    department: str
    union: str
    local: str
    account: str
    days: list[DayOut]
    worked_days: int
    worked_hours: Decimal
    submitted_at: datetime | None
    submitted_by: str
    approved_at: datetime | None
    reviewed_at: datetime | None
    batch_id: int | None
    batch_number: int | None
    deal: DealOut | None
    pay: PayOut | None
    created_at: datetime
    updated_at: datetime


def _days(card: TimeCard) -> list[dict]:
    worked = {d["date"]: d for d in card.pay.get("days", [])}
    rows = []
    for day in card.days:
        pay = worked.get(day["date"], {})
        rows.append(
            {
                "date": day["date"],
                "call": day.get("call", ""),
                "wrap": day.get("wrap", ""),
                "meals": [
                    {"start": m.get("start", ""), "end": m.get("end", "")}
                    for m in day.get("meals", [])
                ],
                "note": day.get("note", ""),
                "worked_hours": pay.get("worked_hours"),
                "elapsed_hours": pay.get("elapsed_hours"),
            }
        )
    return rows


def _pay(card: TimeCard) -> dict:
    pay = card.pay
    return {
        "base_rate": pay.get("base_rate"),
        "days": [
            {"date": d["date"], "lines": d["lines"], "total": d["total"]}
            for d in pay.get("days", [])
        ],
        "wages": card.wages,
        "penalties": card.penalties,
        "kit_rental": card.kit_total,
        "gross": card.gross,
    }


def card_out(card: TimeCard, show_pay: bool) -> dict:
    return {
        "id": card.pk,
        "person_id": card.person_id,
        "person": card.person.display_name,
        **{
            name: getattr(card, name)
            for name in (
                "week_start",
                "version",
                "status",
                "reason",
                "replaced_at",
                "position",
                "department",
                "union",
                "local",
                "account",
                "worked_days",
                "submitted_at",
                "submitted_by",
                "approved_at",
                "reviewed_at",
                "batch_id",
                "created_at",
                "updated_at",
            )
        },
        "days": _days(card),
        "worked_hours": sum((Decimal(d["worked_hours"]) for d in card.pay.get("days", [])), ZERO),
        "batch_number": card.batch.number if card.batch else None,
        "deal": (
            {
                name: getattr(card, name)
                for name in (
                    "rules",
                    "rate",
                    "per",
                    "guaranteed_hours",
                    "days_per_week",
                    "kit_rental",
                    "kit_rental_per",
                )
            }
            if show_pay
            else None
        ),
        "pay": _pay(card) if show_pay else None,
    }


class TimeCardFilter(ListParams):
    week_start: CalendarDate | None = None
    person_id: int | None = None
    status: Literal["draft", "submitted", "approved", "reviewed", "batched"] | None = None
    current: bool | None = None


TimeCardPage = page_schema(TimeCardOut)


def _cards(access):
    """The cards this token's member may see, as the week and card pages narrow them."""
    cards = TimeCard.objects.filter(production=access.production).select_related("person", "batch")
    return cards_for_member(access, cards)


@router.get("/{production}/timecards", response={200: TimeCardPage, **ERRORS})
def timecards_list(request, production: str, filters: Query[TimeCardFilter]):
    """Time cards in the order they changed, every version (``current`` for the live ones:
    a corrected card's earlier versions have ``replaced_at``)."""
    access = need(request, Cap.TIMECARDS_VIEW)
    rows = _cards(access)
    if filters.week_start:
        rows = rows.filter(week_start=filters.week_start)
    if filters.person_id:
        rows = rows.filter(person_id=filters.person_id)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.current is not None:
        rows = rows.filter(replaced_at__isnull=filters.current)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    show_pay = access.can(Cap.PEOPLE_RATES)
    return {"items": [card_out(c, show_pay) for c in live], "next_cursor": next_cursor}


@router.get("/{production}/timecards/{card_id}", response={200: TimeCardOut, **ERRORS})
def timecard_detail(request, production: str, card_id: int):
    access = need(request, Cap.TIMECARDS_VIEW)
    card = get_scoped_or_404(_cards(access), request, pk=card_id)
    return card_out(card, access.can(Cap.PEOPLE_RATES))


class TotalsOut(Schema):
    wages: Decimal
    penalties: Decimal
    kit_total: Decimal
    gross: Decimal


class PayrollBatchOut(Schema):
    """``totals`` is null unless the token sees rates."""

    id: int
    number: int
    status: Literal["open", "closed"]
    note: str
    created_at: datetime
    closed_at: datetime | None
    card_ids: list[int]
    totals: TotalsOut | None
    updated_at: datetime


PayrollBatchPage = page_schema(PayrollBatchOut)


def batch_out(batch: PayrollBatch, show_pay: bool) -> dict:
    cards = list(batch.cards.all())
    return {
        "id": batch.pk,
        "number": batch.number,
        "status": "closed" if batch.closed_at else "open",
        "note": batch.note,
        "created_at": batch.created_at,
        "closed_at": batch.closed_at,
        "card_ids": sorted(c.pk for c in cards),
        "totals": exports.totals(cards) if show_pay else None,
        "updated_at": batch.updated_at,
    }


def _batches(access):
    return PayrollBatch.objects.filter(production=access.production).prefetch_related("cards")


@router.get("/{production}/payroll-batches", response={200: PayrollBatchPage, **ERRORS})
def payroll_batches_list(request, production: str, params: Query[ListParams]):
    """Payroll batches (the batches page: the office's, payroll's and the UPM's)."""
    access = need(request, Cap.TIMECARDS_MANAGE)
    live, _, next_cursor = cursor_page(_batches(access), params, deleted=None)
    show_pay = access.can(Cap.PEOPLE_RATES)
    return {"items": [batch_out(b, show_pay) for b in live], "next_cursor": next_cursor}


@router.get("/{production}/payroll-batches/{batch_id}", response={200: PayrollBatchOut, **ERRORS})
def payroll_batch_detail(request, production: str, batch_id: int):
    access = need(request, Cap.TIMECARDS_MANAGE)
    batch = get_scoped_or_404(_batches(access), request, pk=batch_id)
    return batch_out(batch, access.can(Cap.PEOPLE_RATES))
