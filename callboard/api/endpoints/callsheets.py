"""Published call sheets (each version as it went out: the frozen sheet, never the draft) and
who has each one: its deliveries, and the one write an integration needs, a copy's status."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued, sheet_dispatches
from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404
from callboard.distribution.models import Delivery
from callboard.distribution.queries import delivery_status
from callboard.distribution.services import delivery_confirm, delivery_doubt_settle
from callboard.people.columns import can_see

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS, WRITE_ERRORS, BodyIn, WallClock

router = Router(tags=["Call sheets"])


class SheetTimesOut(Schema):
    """As printed: "7:00 AM", or "" when the sheet gives none."""

    crew_call: str = ""
    shooting_call: str = ""
    breakfast: str = ""
    lunch: str = ""
    second_meal: str = ""
    est_wrap: str = ""


class LocationOut(Schema):
    name: str = ""
    address: str = ""
    basecamp: str = ""
    crew_parking: str = ""
    notes: str = ""


class HospitalOut(Schema):
    name: str = ""
    address: str = ""
    phone: str = ""


class SceneLineOut(Schema):
    scene: str = ""
    int_ext: str = ""
    set: str = ""
    description: str = ""
    dn: str = ""
    dn_word: str = ""
    pages: str = ""
    cast: list[str] = []
    location: str = ""


class CastCallOut(Schema):
    id: str = ""  # the cast ID on the board
    actor: str = ""
    character: str = ""
    status: str = ""  # SW, W, WF, SWF, H, R, TR, FT, W/N...
    pickup: str = ""
    makeup: str = ""
    on_set: str = ""
    remarks: str = ""


class CallSheetOut(Schema):
    id: int
    scenario_id: int
    day_number: int
    days_total: str  # "Day 3 of 24", as printed
    date: date
    number: int
    version: int
    published_at: datetime
    crew_call: WallClock
    times: SheetTimesOut
    locations: list[LocationOut]
    hospital: HospitalOut
    scenes: list[SceneLineOut]
    total_pages: str
    cast: list[CastCallOut]
    changes: list[str]  # what this version changed from the one before
    updated_at: datetime


class CrewCallOut(Schema):
    position: str = ""
    name: str = ""
    call: str = ""
    phone: str | None = None  # as the crew list's rules show it to this token


class CrewDepartmentOut(Schema):
    department: str
    people: list[CrewCallOut]


class KeyStaffOut(Schema):
    role: str = ""
    name: str = ""
    phone: str | None = None


class PersonalCallOut(Schema):
    person_id: int
    call: str  # as sent to them: "7:00 AM", "O/C", "N/W"...
    working: bool


class CallSheetDetailOut(CallSheetOut):
    key_staff: list[KeyStaffOut]
    crew: list[CrewDepartmentOut]
    calls: list[PersonalCallOut]
    background: list[dict]
    department_notes: list[dict]
    notes: str
    walkies: list[dict]
    weather: dict
    safety: dict


CallSheetPage = page_schema(CallSheetOut)


def _published(production):
    return CallSheet.objects.filter(
        production=production, status=CallSheet.Status.PUBLISHED
    ).select_related("production")


def _sheet_out(sheet: CallSheet, document: dict) -> dict:
    return {
        "id": sheet.pk,
        "scenario_id": sheet.scenario_id,
        "day_number": sheet.day_number,
        "days_total": document.get("sheet", {}).get("day_of", ""),
        "date": sheet.date,
        "number": sheet.number,
        "version": sheet.version,
        "published_at": sheet.published_at,
        "crew_call": sheet.crew_call,
        "times": document.get("times", {}),
        "locations": document.get("locations", []),
        "hospital": document.get("hospital", {}),
        "scenes": document.get("scenes", []),
        "total_pages": document.get("total_pages", ""),
        "cast": document.get("cast", []),
        "changes": sheet.changes,
        "updated_at": sheet.updated_at,
    }


class CallSheetFilter(ListParams):
    scenario_id: int | None = None


@router.get("/{production}/callsheets", response={200: CallSheetPage, **ERRORS})
def callsheets_list(request, production: str, filters: Query[CallSheetFilter]):
    """Every published version of every day's call sheet, as it went out, in the order they
    were published. A version is never changed once published: a change is the next one."""
    access = need(request, Cap.SCHEDULE_VIEW)
    rows = _published(access.production)
    if filters.scenario_id:
        rows = rows.filter(scenario_id=filters.scenario_id)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    return {
        "items": [_sheet_out(s, issued(s).document) for s in live],
        "deleted": [],
        "next_cursor": next_cursor,
    }


def _published_sheet(request, sheet_id: int) -> CallSheet:
    return get_scoped_or_404(
        CallSheet.objects.filter(status=CallSheet.Status.PUBLISHED).select_related("production"),
        request,
        pk=sheet_id,
    )


@router.get("/{production}/callsheets/{sheet_id}", response={200: CallSheetDetailOut, **ERRORS})
def callsheet_detail(request, production: str, sheet_id: int):
    """One published version whole: the front, the crew's calls by department (phone numbers
    as the crew list shows them to this token) and each person's call as sent to them."""
    access = need(request, Cap.SCHEDULE_VIEW)
    sheet = _published_sheet(request, sheet_id)
    sent = issued(sheet)
    document = sent.document
    phones = can_see(access, kind="crew", name="phone")  # the sheet lists crew only

    def phone(entry: dict) -> str | None:
        return entry.get("phone", "") if phones else None

    return {
        **_sheet_out(sheet, document),
        "key_staff": [{**k, "phone": phone(k)} for k in document.get("key_staff", [])],
        "crew": [
            {
                "department": group.get("department", ""),
                "people": [{**p, "phone": phone(p)} for p in group.get("people", [])],
            }
            for group in document.get("crew", [])
        ],
        "calls": [
            {"person_id": pk, "call": call.text, "working": call.working}
            for pk, call in sorted(sent.calls.items())
        ],
        "background": document.get("background", []),
        "department_notes": document.get("department_notes", []),
        "notes": document.get("notes", ""),
        "walkies": document.get("walkies", []),
        "weather": document.get("weather", {}),
        "safety": document.get("safety", {}),
    }


# --------------------------------------------------------------------------- deliveries


class DeliveryOut(Schema):
    """One recipient's copy. ``status`` is the who-has-it page's (confirmed, opened, sent,
    sending, in-doubt, failed, no-contact); ``state`` the furthest step reached."""

    id: int
    person_id: int | None
    person: str
    department: str | None  # the crew member's department; None for cast
    character: str | None  # the cast member's character; None for crew
    channel: str  # email, sms, none
    address: str | None  # null where the crew list's rules hide it from this token
    status: str
    state: str
    attempts: int
    error: str
    queued_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    bounced_at: datetime | None
    in_doubt_at: datetime | None
    opened_at: datetime | None
    confirmed_at: datetime | None
    updated_at: datetime


DeliveryPage = page_schema(DeliveryOut)
_DELIVERY_PLAIN = (
    "id",
    "person_id",
    "channel",
    "attempts",
    "error",
    "queued_at",
    "sent_at",
    "delivered_at",
    "bounced_at",
    "in_doubt_at",
    "opened_at",
    "confirmed_at",
    "updated_at",
)


def _delivery_out(delivery: Delivery, access) -> dict:
    person = delivery.person
    field = "phone" if delivery.channel == Delivery.Channel.SMS else "email"
    shown = person is None or can_see(access, kind=person.kind, name=field)
    return {
        **{name: getattr(delivery, name) for name in _DELIVERY_PLAIN},
        "person": delivery.recipient_label,
        "department": person.department.name if person and person.department else None,
        "character": (person.character or None) if person and person.kind == "cast" else None,
        "address": delivery.address if shown else None,
        "status": delivery_status(delivery),
        "state": delivery.state,
    }


def _deliveries(sheet: CallSheet):
    return Delivery.objects.filter(dispatch__in=sheet_dispatches(sheet)).select_related(
        "person", "person__department"
    )


@router.get(
    "/{production}/callsheets/{sheet_id}/deliveries", response={200: DeliveryPage, **ERRORS}
)
def callsheet_deliveries_list(request, production: str, sheet_id: int, params: Query[ListParams]):
    """Who was sent this version and how far each copy got, in the order copies changed."""
    access = need(request, Cap.CALLSHEETS_PUBLISH)
    sheet = _published_sheet(request, sheet_id)
    live, _, next_cursor = cursor_page(_deliveries(sheet), params, deleted=None)
    return {
        "items": [_delivery_out(d, access) for d in live],
        "deleted": [],
        "next_cursor": next_cursor,
    }


def _delivery(request, sheet_id: int, delivery_id: int) -> Delivery:
    sheet = _published_sheet(request, sheet_id)
    delivery = (
        _deliveries(sheet)
        .select_related("dispatch", "dispatch__production")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        raise Http404("No such copy of this call sheet.")
    return delivery


@router.get(
    "/{production}/callsheets/{sheet_id}/deliveries/{delivery_id}",
    response={200: DeliveryOut, **ERRORS},
)
def callsheet_delivery_detail(request, production: str, sheet_id: int, delivery_id: int):
    access = need(request, Cap.CALLSHEETS_PUBLISH)
    return _delivery_out(_delivery(request, sheet_id, delivery_id), access)


class DeliveryStatusIn(BodyIn):
    """``confirmed``: the recipient has the sheet and confirmed it (an integration that
    delivered it its own way says so), as their tap on the phone page does; once confirmed,
    asking again changes nothing. ``sent``: a copy in doubt (its sending run died) did
    arrive, as the who-has-it page settles it; only a copy in doubt can be marked sent."""

    status: Literal["confirmed", "sent"]


@router.patch(
    "/{production}/callsheets/{sheet_id}/deliveries/{delivery_id}",
    response={200: DeliveryOut, **WRITE_ERRORS},
)
def callsheet_delivery_update(
    request, production: str, sheet_id: int, delivery_id: int, payload: DeliveryStatusIn
):
    """Move a copy's status forward; a status never goes back (422, nothing changed)."""
    access = need(request, Cap.CALLSHEETS_PUBLISH)
    delivery = _delivery(request, sheet_id, delivery_id)
    if payload.status == "confirmed":
        delivery_confirm(delivery=delivery, actor=access.user)
    elif delivery.confirmed_at is not None:
        raise ValidationError(
            {"status": [f"{delivery.recipient_label} confirmed already: a status never goes back."]}
        )
    elif not delivery_doubt_settle(actor=access.user, delivery=delivery, sent=True):
        raise ValidationError(
            {
                "status": [
                    f"{delivery.recipient_label}'s copy is {delivery.state}, not in doubt: only a "
                    "copy in doubt is marked sent. Nothing was changed."
                ]
            }
        )
    return _delivery_out(_delivery(request, sheet_id, delivery_id), access)
