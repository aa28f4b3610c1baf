"""Travel bookings (flights, hotels, cars, ground transfers) as the travel pages list them,
and the one write an agency's system needs: a booking's status, through the services the
booking page and its Cancel button use (the same checks, the same audit)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404
from callboard.travel import services
from callboard.travel.forms import BookingForm
from callboard.travel.models import Booking

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS, WRITE_ERRORS, BodyIn

router = Router(tags=["Travel"])


class BookingOut(Schema):
    """Times are instants; ``starts_tz``/``ends_tz`` name the zone each end happens in (a
    flight's airports), as the pages print them. Hotels have ``check_in``/``check_out``
    instead. Fields that do not apply to a kind are empty."""

    id: int
    kind: Literal["flight", "hotel", "car", "transfer"]
    status: Literal["proposed", "booked", "cancelled"]
    person_id: int | None
    traveller: str | None
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    starts_tz: str
    ends_tz: str
    check_in: date | None
    check_out: date | None
    carrier: str
    number: str
    origin: str
    destination: str
    cabin: str
    seat: str
    record_locator: str
    hotel: str
    room_type: str
    nightly_rate: Decimal | None
    pickup_place: str
    dropoff_place: str
    driver: str
    vehicle: str
    confirmation: str
    cost: Decimal | None
    account_code: str
    notes: str
    created_at: datetime
    updated_at: datetime


_FIELDS = [n for n in BookingOut.model_fields if n not in ("id", "traveller", "title")]


def booking_out(booking: Booking) -> dict:
    return {
        "id": booking.pk,
        "traveller": booking.person.display_name if booking.person else None,
        "title": booking.title,
        **{name: getattr(booking, name) for name in _FIELDS},
    }


class BookingFilter(ListParams):
    kind: Literal["flight", "hotel", "car", "transfer"] | None = None
    status: Literal["proposed", "booked", "cancelled"] | None = None
    person_id: int | None = None


BookingPage = page_schema(BookingOut)


@router.get("/{production}/bookings", response={200: BookingPage, **ERRORS})
def bookings_list(request, production: str, filters: Query[BookingFilter]):
    """Every booking in the order they changed, cancelled ones included (with their status:
    a booking is cancelled, never deleted)."""
    access = need(request, Cap.TRAVEL_VIEW)
    rows = Booking.objects.filter(production=access.production).select_related("person")
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.person_id:
        rows = rows.filter(person_id=filters.person_id)
    live, _, next_cursor = cursor_page(rows, filters, deleted=None)
    return {"items": [booking_out(b) for b in live], "next_cursor": next_cursor}


@router.get("/{production}/bookings/{booking_id}", response={200: BookingOut, **ERRORS})
def booking_detail(request, production: str, booking_id: int):
    need(request, Cap.TRAVEL_VIEW)
    booking = get_scoped_or_404(Booking.objects.select_related("person"), request, pk=booking_id)
    return booking_out(booking)


class BookingStatusIn(BodyIn):
    """``booked`` (the agency confirmed it; with its confirmation number if given) or
    ``proposed``; ``cancelled`` needs the reason, which the traveller's memo gives. A
    cancelled booking is not booked again: book it anew."""

    status: Literal["proposed", "booked", "cancelled"]
    confirmation: str | None = Field(None, max_length=40)
    reason: str | None = Field(None, max_length=300)


def _refused(message: str) -> ValidationError:
    return ValidationError({"status": [message]})


@router.post(
    "/{production}/bookings/{booking_id}/status", response={200: BookingOut, **WRITE_ERRORS}
)
def booking_status_set(request, production: str, booking_id: int, payload: BookingStatusIn):
    """Set a booking's status (needs the write scope and a role that books travel)."""
    access = need(request, Cap.TRAVEL_MANAGE)
    booking = get_scoped_or_404(Booking, request, pk=booking_id)
    if booking.status == Booking.Status.CANCELLED:
        raise _refused("That booking is cancelled: book it again as a new booking.")
    if payload.status == Booking.Status.CANCELLED:
        if payload.confirmation is not None:
            raise ValidationError({"confirmation": ["A cancellation changes only the status."]})
        try:
            services.booking_cancel(actor=access.user, booking=booking, reason=payload.reason or "")
        except services.TravelError as exc:
            raise ValidationError({"reason": [str(exc)]}) from exc
    else:
        if payload.reason is not None:
            raise ValidationError({"reason": ["Only a cancellation takes a reason."]})
        confirmation = (
            booking.confirmation if payload.confirmation is None else payload.confirmation
        )
        if payload.status == booking.status and confirmation.strip() == booking.confirmation:
            raise _refused(f"That booking is {booking.status} already.")
        _save_status(access, booking, payload.status, confirmation)
    booking = Booking.objects.select_related("person").get(pk=booking.pk)
    return booking_out(booking)


def _save_status(access, booking: Booking, status: str, confirmation: str) -> None:
    """The booking as its page would post it, with the new status (and confirmation): the
    booking form reads it and the page's service saves it, so every rule of a booking holds."""
    data = {
        name: value for name, value in BookingForm.initial_for(booking).items() if value is not None
    }
    data.update(status=status, confirmation=confirmation)
    form = BookingForm(data=data, production=access.production)
    if not form.is_valid():
        raise ValidationError(
            {
                field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        )
    try:
        services.booking_save(
            actor=access.user,
            production=access.production,
            kind=booking.kind,
            values=form.cleaned_data,
            booking=booking,
        )
    except services.TravelError as exc:
        raise _refused(str(exc)) from exc
