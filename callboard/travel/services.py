"""Writes for travel. Each function is one transaction and audited; every rule a booking must
keep is checked here, before anything is saved (the pages only show what these say)."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.models import AuditEvent
from callboard.core.once import once_claim, once_done

from . import airports, checks, exports, lists, memo, queries, scoutroute
from .models import (
    Booking,
    PerDiemPayment,
    PerDiemRate,
    RoomingListSend,
    Scout,
    ScoutRider,
    ScoutStop,
    ScoutVan,
    SentScout,
    TravelMemo,
    TravelProfile,
    TravelSettings,
)

# What a booking of each kind keeps; anything else typed on the form is not saved for it.
KIND_FIELDS = {
    Booking.Kind.FLIGHT: (
        "carrier", "number", "origin", "destination", "cabin", "seat", "record_locator",
        "starts_at", "ends_at", "starts_tz", "ends_tz",
    ),
    Booking.Kind.HOTEL: ("hotel", "room_type", "nightly_rate", "check_in", "check_out"),
    Booking.Kind.CAR: (
        "carrier", "vehicle", "driver", "pickup_place", "dropoff_place",
        "starts_at", "ends_at", "starts_tz", "ends_tz",
    ),
    Booking.Kind.TRANSFER: (
        "vehicle", "driver", "pickup_place", "dropoff_place",
        "starts_at", "ends_at", "starts_tz", "ends_tz",
    ),
}  # fmt: skip
COMMON_FIELDS = ("person_id", "status", "confirmation", "cost", "account_code", "notes")
AUDITED = ("kind", *COMMON_FIELDS, *{f for fields in KIND_FIELDS.values() for f in fields})


class TravelError(ValueError):
    """A booking or a traveller's terms that cannot be saved as typed; the message says why."""


def _money(value: Decimal | None, what: str) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise TravelError(f"The {what} is not an amount in dollars and cents.")
    if value >= Decimal("1e10"):
        raise TravelError(f"The {what} is too large to be a booking's.")
    return value


def _account_code(production, code: str) -> str:
    from callboard.accounting.models import Account

    code = code.strip()
    if code and not Account.objects.filter(production=production, code=code).exists():
        raise TravelError(f"{code} is not an account in the production's chart of accounts.")
    return code


def _nonexistent(typed: dt.datetime, zone: ZoneInfo) -> bool:
    """A wall-clock time the zone skips (2:30 AM on the night the clocks go forward)."""
    there = typed.replace(tzinfo=zone)
    return there.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != typed


def _timed(values: dict, production, kind: str) -> dict:
    """Departure and arrival (or pick-up and drop-off) as instants, each typed as the local
    time of its place: a flight's at its airports, a car's or transfer's in the production's
    zone, or the zone the office chose for where the car is picked up."""
    starts, ends = values.get("starts_local"), values.get("ends_local")
    if starts is None or ends is None:
        raise TravelError("Give both times: when it starts and when it ends.")
    if kind == Booking.Kind.FLIGHT:
        start_zone = airports.airport(values["origin"]).tz
        end_zone = airports.airport(values["destination"]).tz
    else:
        # A car or a transfer happens where it is picked up: the production's zone unless the
        # office says it is elsewhere (a car to JFK from the traveller's home is New York's).
        zone_name = (values.get("zone") or "").strip() or production.time_zone
        if zone_name not in zoneinfo.available_timezones():
            raise TravelError(f"“{zone_name[:40]}” is not a time zone (America/New_York).")
        start_zone = end_zone = ZoneInfo(zone_name)
    for typed, zone in ((starts, start_zone), (ends, end_zone)):
        if _nonexistent(typed, zone):
            raise TravelError(
                f"{typed:%-I:%M %p} on {typed:%a %-d %b} does not exist in {zone.key} (the "
                "clocks go forward that night): check the time."
            )
    return {
        "starts_at": starts.replace(tzinfo=start_zone),
        "ends_at": ends.replace(tzinfo=end_zone),
        "starts_tz": start_zone.key,
        "ends_tz": end_zone.key,
    }


def _flight(values: dict) -> dict:
    try:
        origin = airports.airport(values.get("origin", ""))
        destination = airports.airport(values.get("destination", ""))
    except airports.AirportError as exc:
        raise TravelError(str(exc)) from None
    if origin.code == destination.code:
        raise TravelError(f"The flight leaves from and lands at {origin.code}.")
    number = (values.get("number") or "").strip().upper()
    carrier = (values.get("carrier") or "").strip()
    if not carrier or not number:
        raise TravelError("A flight needs its airline and flight number (AA 123).")
    if values.get("cabin", "") not in ("", *checks.CABINS):
        raise TravelError(f"{values['cabin']!r} is not a class of travel.")
    return {
        "origin": origin.code,
        "destination": destination.code,
        "number": number,
        "carrier": carrier,
    }


def _cleaned(production, kind: str, values: dict) -> dict:
    """The booking's fields from what was typed, or TravelError saying what is wrong."""
    if kind not in Booking.Kind.values:
        raise TravelError(f"{kind!r} is not a kind of booking.")
    person = values.get("person")
    if person is not None and person.production_id != production.pk:
        raise TravelError("That traveller is not on this production.")
    if person is None and kind != Booking.Kind.HOTEL:
        raise TravelError("Choose who travels (only a hotel room may be held for nobody yet).")
    if values.get("status", Booking.Status.BOOKED) not in (
        Booking.Status.PROPOSED,
        Booking.Status.BOOKED,
    ):
        raise TravelError(
            "Choose proposed or booked (a booking is cancelled with its Cancel button, saying why)."
        )
    for name in ("starts_local", "ends_local", "check_in", "check_out"):
        value = values.get(name)
        if value is not None and not 1900 <= value.year <= 2200:
            raise TravelError(f"{value.year} is not a year a booking can be in.")
    fields = {
        "person_id": person.pk if person else None,
        "status": values.get("status", Booking.Status.BOOKED),
        "confirmation": (values.get("confirmation") or "").strip(),
        "cost": _money(values.get("cost"), "cost"),
        "account_code": _account_code(production, values.get("account_code") or ""),
        "notes": (values.get("notes") or "").strip(),
    }
    typed = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if kind == Booking.Kind.HOTEL:
        check_in, check_out = typed.get("check_in"), typed.get("check_out")
        if check_in is None or check_out is None:
            raise TravelError("Give the check-in and check-out dates.")
        if check_out <= check_in:
            raise TravelError("The check-out is not after the check-in.")
        if not typed.get("hotel"):
            raise TravelError("Name the hotel.")
        typed["nightly_rate"] = _money(typed.get("nightly_rate"), "nightly rate")
    else:
        if kind == Booking.Kind.FLIGHT:
            typed.update(_flight(typed))
        typed.update(_timed(typed, production, kind))
        if kind == Booking.Kind.FLIGHT:
            errors = checks.flight_errors(_as_check_flight(typed))
            if errors:
                raise TravelError(errors[0])
        elif typed["ends_at"] <= typed["starts_at"]:
            raise TravelError("It ends before it starts.")
    for name in KIND_FIELDS[kind]:
        value = typed.get(name)
        fields[name] = "" if value is None and name not in _NULLABLE else value
    return fields


_NULLABLE = {"starts_at", "ends_at", "check_in", "check_out", "nightly_rate"}


def _as_check_flight(values: dict) -> checks.Flight:
    return checks.Flight(
        ref="new",
        name=f"{values['carrier']} {values['number']}",
        origin=values["origin"],
        destination=values["destination"],
        departs=values["starts_at"],
        arrives=values["ends_at"],
    )


@transaction.atomic
def booking_save(
    *, actor, production, kind: str, values: dict, booking: Booking | None = None, once: str = ""
) -> Booking:
    """A new booking, or a change to one. ``values`` holds what was typed, parsed to Python
    values: ``person`` (a Person), ``starts_local``/``ends_local`` (naive local datetimes),
    dates, Decimals and text. Nothing is saved unless all of it holds. ``once``: the new
    booking form's one-time token; the same form saved again raises AlreadySaved (naming the
    booking the first save made) rather than booking it twice."""
    if booking is not None:
        booking = Booking.objects.select_for_update().get(pk=booking.pk, production=production)
        kind = booking.kind
        if booking.status == Booking.Status.CANCELLED:
            raise TravelError("That booking is cancelled: book it again as a new booking.")
    claim = None
    if booking is None:
        claim = once_claim(production=production, user=actor, token=once, purpose="travel.booking")
    fields = _cleaned(production, kind, values)
    if booking is None:
        booking = Booking.objects.create(
            production=production, kind=kind, created_by=actor, **fields
        )
        once_done(claim, booking)
        audit_record(
            actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=booking,
            changes=snapshot(booking, list(AUDITED)),
        )  # fmt: skip
        return booking
    before = snapshot(booking, list(AUDITED))
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=booking,
        changes=diff(before, snapshot(booking, list(AUDITED))),
    )  # fmt: skip
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str) -> Booking:
    reason = (reason or "").strip()
    if not reason:
        raise TravelError("Say why the booking is cancelled (the traveller's memo says it).")
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CANCELLED:
        raise TravelError("That booking is already cancelled.")
    booking.status = Booking.Status.CANCELLED
    booking.notes = f"{booking.notes}\nCancelled: {reason}".strip()
    booking.save(update_fields=["status", "notes", "updated_at"])
    audit_record(
        actor=actor, production=booking.production, action=AuditEvent.Action.UPDATE, obj=booking,
        changes={"reason": reason},
    )  # fmt: skip
    return booking


@transaction.atomic
def travel_profile_save(
    *,
    actor,
    person,
    local_hire: bool,
    home_airports: str,
    cabin_required: str,
    passport_expires: dt.date | None,
) -> TravelProfile:
    codes = []
    for code in (home_airports or "").replace(",", " ").split():
        try:
            codes.append(airports.airport(code).code)
        except airports.AirportError as exc:
            raise TravelError(str(exc)) from None
    if cabin_required not in ("", *checks.CABINS):
        raise TravelError(f"{cabin_required!r} is not a class of travel.")
    profile, _ = TravelProfile.objects.select_for_update().get_or_create(
        person=person, defaults={"production": person.production}
    )
    fields = ["local_hire", "home_airports", "cabin_required", "passport_expires"]
    before = snapshot(profile, fields)
    profile.local_hire = local_hire
    profile.home_airports = " ".join(dict.fromkeys(codes))
    profile.cabin_required = cabin_required
    profile.passport_expires = passport_expires
    profile.save()
    audit_record(
        actor=actor, production=person.production, action=AuditEvent.Action.UPDATE, obj=profile,
        changes=diff(before, snapshot(profile, fields)),
    )  # fmt: skip
    return profile


@transaction.atomic
def per_diem_rate_save(
    *,
    actor,
    production,
    city: str,
    daily: Decimal,
    breakfast: Decimal = Decimal("0"),
    lunch: Decimal = Decimal("0"),
    dinner: Decimal = Decimal("0"),
    travel_day_percent: int = 75,
) -> PerDiemRate:
    city = (city or "").strip()
    if not city:
        raise TravelError("Name the city the rate is for.")
    amounts = {
        name: _money(value, f"{name} amount")
        for name, value in (
            ("daily", daily),
            ("breakfast", breakfast),
            ("lunch", lunch),
            ("dinner", dinner),
        )
    }
    if amounts["daily"] >= Decimal("10000"):
        raise TravelError("A daily per diem rate is under $10,000.")
    if amounts["breakfast"] + amounts["lunch"] + amounts["dinner"] > amounts["daily"]:
        raise TravelError("The meals add up to more than the daily rate.")
    if not 0 <= travel_day_percent <= 100:
        raise TravelError("A travel day is paid between 0% and 100% of the rate.")
    rate, created = PerDiemRate.objects.update_or_create(
        production=production,
        city=city,
        defaults={**amounts, "travel_day_percent": travel_day_percent},
    )
    audit_record(
        actor=actor, production=production,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=rate,
        changes={k: str(v) for k, v in amounts.items()},
    )  # fmt: skip
    return rate


@transaction.atomic
def travel_settings_save(*, actor, production, airport: str, hotel: str) -> TravelSettings:
    """The show's airport (a real IATA code, or none) and its hotel, for proposed bookings."""
    code = ""
    if (airport or "").strip():
        try:
            code = airports.airport(airport).code
        except airports.AirportError as exc:
            raise TravelError(str(exc)) from None
    settings, _ = TravelSettings.objects.select_for_update().get_or_create(production=production)
    before = snapshot(settings, ["airport", "hotel"])
    settings.airport, settings.hotel = code, (hotel or "").strip()[:200]
    settings.save()
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=settings,
        changes=diff(before, snapshot(settings, ["airport", "hotel"])),
    )  # fmt: skip
    return settings


def _memo_link_lasts(document: dict) -> dt.timedelta:
    """A memo's link works until two weeks after its last segment (at least thirty days)."""
    ends = [
        dt.datetime.fromisoformat(s["ends"]) if s.get("ends") else
        dt.datetime.combine(dt.date.fromisoformat(s["check_out"]), dt.time(), tzinfo=dt.UTC)
        for s in document["segments"]
    ]  # fmt: skip
    left = max(ends) - dt.datetime.now(dt.UTC) + dt.timedelta(days=14)
    return max(left, dt.timedelta(days=30))


@transaction.atomic
def travel_memo_send(*, actor, production, person) -> tuple[TravelMemo, bool]:
    """Send the traveller their memo as it stands, through distribution (tracked like a call
    sheet, in the background once this commits): version 1 the first time, the next version
    listing what changed when a booking changed since the last one was sent. (the memo, sent
    now?): when nothing changed since the last version — a double-click, a second tab — that
    version is returned and nothing more is sent."""
    from callboard.distribution.models import Delivery
    from callboard.distribution.services import channel_for, dispatch_create
    from callboard.people.models import Person

    if person.production_id != production.pk:
        raise TravelError("That traveller is not on this production.")
    # One send at a time per traveller: the second of two clicks waits here, then finds the
    # first one's version and sends nothing.
    person = Person.objects.select_for_update().get(pk=person.pk)
    document = queries.memo_document(production, person)
    last = TravelMemo.objects.filter(person=person).order_by("-version").first()
    said = memo.fingerprint(document)
    if last is not None and last.fingerprint == said:
        return last, False
    if not document["segments"] and last is None:
        raise TravelError(f"{person.display_name} has no bookings: there is no memo to send.")
    if channel_for(person)[0] == Delivery.Channel.NONE:
        raise TravelError(
            f"{person.display_name} has no e-mail, and no phone with texts agreed: "
            "add one on their crew-list entry, then send the memo."
        )
    version = last.version + 1 if last else 1
    changes = memo.changes_between(last.document if last else None, document)
    sent = TravelMemo.objects.create(
        production=production,
        person=person,
        version=version,
        document={**document, "version": version, "changes": changes},
        fingerprint=said,
        changes=changes,
        sent_by=actor,
    )
    dispatch_create(
        actor=actor,
        production=production,
        kind=queries.MEMO_KIND,
        object_id=sent.pk,
        key=f"{queries.MEMO_KIND}:{person.pk}:v{version}",
        subject=f"{'REVISED ' if version > 1 else ''}Travel memo — {person.display_name} — "
        f"{production.title}" + (f" (version {version})" if version > 1 else ""),
        people=[person],
        notify=actor,
        valid_for=_memo_link_lasts(document) if document["segments"] else dt.timedelta(days=30),
    )
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=sent,
        changes={"version": version, "to": person.display_name, "changed": changes},
    )  # fmt: skip
    return sent, True


HOTEL_VENDOR_CATEGORY = "Travel & hotels"


@transaction.atomic
def hotel_email_set(*, actor, production, hotel: str, email: str):
    """The hotel's reservations e-mail, kept on the vendor list (the hotel becomes a vendor
    under Travel & hotels when it is not one yet): where its rooming list is sent."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from callboard.people.services import vendor_create, vendor_update

    try:
        name = lists.rooming_list(production, hotel or "").hotel  # a hotel someone is booked at
    except lists.ListError as exc:
        raise TravelError(str(exc)) from None
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise TravelError(f"“{email[:80]}” is not an e-mail address.") from None
    vendor = queries.hotel_vendor(production, name)
    if vendor is None:
        # The reservations desk is its contact (a vendor always has a main contact).
        return vendor_create(
            actor=actor,
            production=production,
            name=name,
            email=email,
            new_category=HOTEL_VENDOR_CATEGORY,
            contacts=[{"name": "Reservations", "title": "Reservations", "email": email}],
        )
    # The vendor's categories and contacts are kept as they are (an update replaces both).
    contacts = [
        {"id": c.pk, "name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
        for c in vendor.contacts.all()
    ]
    return vendor_update(
        actor=actor,
        vendor=vendor,
        categories=list(vendor.categories.all()),
        contacts=contacts,
        email=email,
    )


@transaction.atomic
def rooming_list_send(*, actor, production, hotel: str) -> tuple[RoomingListSend, bool]:
    """Send the hotel its rooming list as it stands (the PDF and the spreadsheet) through
    distribution, to the reservations e-mail on the vendor list, in the background once this
    commits. (the version, sent now?): when the list says what the last version sent said —
    a double click, a second tab — that version is returned and nothing more is sent; a
    changed list is sent as the next version."""
    from django.core.files.base import ContentFile
    from django.utils.text import slugify

    from callboard.core.models import Production
    from callboard.distribution.services import message_send

    # One send at a time per production: the second of two clicks waits here, then finds the
    # first one's version and sends nothing.
    production = Production.objects.select_for_update().get(pk=production.pk)
    try:
        rooms = lists.rooming_list(production, hotel)
    except lists.ListError as exc:
        raise TravelError(str(exc)) from None
    key = queries.hotel_key(rooms.hotel)
    said = lists.rooming_fingerprint(rooms)
    last = RoomingListSend.objects.filter(production=production, hotel_key=key).first()
    if last is not None and last.fingerprint == said:
        return last, False
    address = queries.vendor_reservations_address(queries.hotel_vendor(production, rooms.hotel))
    if not address:
        raise TravelError(
            f"There is no reservations e-mail for {rooms.hotel}: give it, then send the list."
        )
    version = last.version + 1 if last else 1
    sent = RoomingListSend(
        production=production,
        hotel=rooms.hotel,
        hotel_key=key,
        version=version,
        fingerprint=said,
        address=address,
        sent_by=actor,
    )
    name = f"{slugify(production.title) or 'show'}-rooming-list-{slugify(rooms.hotel)}-v{version}"
    sent.pdf.save(f"{name}.pdf", ContentFile(exports.rooming_pdf(production, rooms)), save=False)
    sent.xlsx.save(f"{name}.xlsx", ContentFile(exports.rooming_xlsx(production, rooms)), save=False)
    sent.save()
    revised = f"REVISED rooming list (version {version})" if version > 1 else "Rooming list"
    message_send(
        actor=actor,
        production=production,
        kind=queries.ROOMING_KIND,
        object_id=sent.pk,
        # The hotel by its hash: a key is short, a hotel's name may not be.
        key=f"{queries.ROOMING_KIND}:{hashlib.sha256(key.encode()).hexdigest()[:16]}:v{version}",
        subject=f"{revised} — {rooms.hotel} — {production.title}",
        address=address,
    )
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=sent,
        changes={"version": version, "hotel": rooms.hotel, "to": address},
    )  # fmt: skip
    return sent, True


@transaction.atomic
def per_diem_request(*, actor, production, person, week_start: dt.date) -> PerDiemPayment:
    """Ask accounting for a traveller's per diem of one workweek as a check request, coded to
    the production's per diem account: once per person and week (a second ask is told which
    check request already has it)."""
    from callboard.accounting.services import AccountingError, check_request_create
    from callboard.accounting.services.purchasing import InvoiceLineInput
    from callboard.people.models import Person

    if person.production_id != production.pk:
        raise TravelError("That traveller is not on this production.")
    account = queries.travel_settings(production).per_diem_account
    if not account:
        raise TravelError("Choose the per diem account on the Per diem page first.")
    # One ask at a time per traveller: the second of two clicks waits here, then is told.
    Person.objects.select_for_update().get(pk=person.pk)
    existing = PerDiemPayment.objects.filter(person=person, week_start=week_start).first()
    if existing is not None:
        raise TravelError(
            f"{person.display_name}'s per diem for the week of {week_start:%a %-d %b} is "
            f"already on check request {existing.check_request.number}."
        )
    rows = [r for r in queries.per_diem_weeks(production) if r["person"].pk == person.pk]
    weeks = {w["start"]: w for r in rows for w in r["weeks"]}
    week = weeks.get(week_start)
    if week is None or week["amount"] <= 0:
        raise TravelError(f"{person.display_name} has no per diem for that week.")
    try:
        request = check_request_create(
            actor=actor,
            production=production,
            payee=person.full_name,
            reason=f"Per diem ({rows[0]['city']}), week of {week_start:%a %-d %b %Y}",
            lines=[InvoiceLineInput(account, "Per diem", week["amount"])],
        )
    except AccountingError as exc:
        raise TravelError(" ".join(getattr(exc, "problems", None) or [str(exc)])) from None
    payment = PerDiemPayment.objects.create(
        production=production,
        person=person,
        week_start=week_start,
        amount=week["amount"],
        check_request=request,
    )
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=payment,
        changes={"amount": str(week["amount"]), "check_request": request.number},
    )  # fmt: skip
    return payment


@transaction.atomic
def per_diem_account_set(*, actor, production, account_code: str) -> TravelSettings:
    code = _account_code(production, account_code or "")
    settings, _ = TravelSettings.objects.select_for_update().get_or_create(production=production)
    before = snapshot(settings, ["per_diem_account"])
    settings.per_diem_account = code
    settings.save()
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=settings,
        changes=diff(before, snapshot(settings, ["per_diem_account"])),
    )  # fmt: skip
    return settings


# --------------------------------------------------------------------------- cost posting


@transaction.atomic
def booking_actualise(*, actor, booking: Booking, invoice_line=None, receipt_line=None) -> Booking:
    """The booking's cost is now actual: the approved invoice line or the card receipt line
    that paid it. From then on the cost report has it in the ledger, not as a commitment."""
    from callboard.accounting.models import Invoice, Receipt

    if (invoice_line is None) == (receipt_line is None):
        raise TravelError("Choose the invoice line or the receipt line that paid for it (one).")
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CANCELLED:
        raise TravelError("That booking is cancelled: nothing of it is paid as booked.")
    if invoice_line is not None:
        invoice = Invoice.objects.get(pk=invoice_line.invoice_id)  # its status as it is now
        if invoice.production_id != booking.production_id:
            raise TravelError("That invoice is not this production's.")
        if invoice.voided_at is not None:
            raise TravelError(f"Invoice {invoice.number} is void.")
        if invoice.status not in (Invoice.Status.APPROVED, Invoice.Status.BATCHED):
            raise TravelError(
                f"Invoice {invoice.number} is not approved yet: until it is, the booking stays "
                "a commitment."
            )
        paid_by = f"invoice {invoice.number}, line {invoice_line.description}"
    else:
        receipt = Receipt.objects.get(pk=receipt_line.receipt_id)
        if receipt.production_id != booking.production_id:
            raise TravelError("That receipt is not this production's.")
        if receipt.voided_at is not None:
            raise TravelError(f"The receipt from {receipt.vendor_name} is void.")
        paid_by = f"receipt {receipt.vendor_name} {receipt.date}, line {receipt_line.description}"
    booking.invoice_line = invoice_line
    booking.receipt_line = receipt_line
    booking.save(update_fields=["invoice_line", "receipt_line", "updated_at"])
    audit_record(
        actor=actor, production=booking.production, action=AuditEvent.Action.UPDATE, obj=booking,
        changes={"paid_by": paid_by},
    )  # fmt: skip
    return booking


# --------------------------------------------------------------------------- scouts


def _scout_fields(production, values: dict) -> dict:
    from callboard.locations.coordinates import CoordinatesError, parse_coordinates

    when, call = values.get("date"), values.get("call_time")
    if when is None:
        raise TravelError("Give the scout's date.")
    if call is None:
        raise TravelError("Give the call time (when the vans leave the meeting place).")
    kind = values.get("kind") or Scout.Kind.SCOUT
    if kind not in Scout.Kind.values:
        raise TravelError(f"{kind!r} is not a kind of scout.")
    meeting = (values.get("meeting_place") or "").strip()
    if not meeting:
        raise TravelError("Say where everyone meets (the office, a parking lot).")
    try:
        point = parse_coordinates(values.get("meeting_coordinates") or "")
    except CoordinatesError as exc:
        raise TravelError(f"The meeting place's coordinates: {exc}") from None
    minutes = values.get("lunch_minutes")
    minutes = 45 if minutes is None else minutes
    if not 0 < minutes <= 180:
        raise TravelError("Lunch lasts between 1 and 180 minutes.")
    return {
        "date": when,
        "kind": kind,
        "call_time": call,
        "meeting_place": meeting[:200],
        "meeting_latitude": point[0] if point else None,
        "meeting_longitude": point[1] if point else None,
        "lunch_place": (values.get("lunch_place") or "").strip()[:200],
        "lunch_time": values.get("lunch_time"),
        "lunch_minutes": minutes,
        "notes": (values.get("notes") or "").strip(),
    }


SCOUT_AUDITED = [
    "date", "kind", "call_time", "meeting_place", "meeting_latitude", "meeting_longitude",
    "lunch_place", "lunch_time", "lunch_minutes", "notes",
]  # fmt: skip


def _scout_changed(scout: Scout) -> None:
    """A change to a scout whose version was sent makes a new version, so the next send goes
    out again (changes before the first send stay version 1)."""
    from callboard.distribution.models import Dispatch

    version = Scout.objects.filter(pk=scout.pk).values_list("version", flat=True).get()
    sent = Dispatch.objects.filter(
        production_id=scout.production_id, key=f"scout:{scout.pk}:v{version}"
    ).exists()
    if sent:
        Scout.objects.filter(pk=scout.pk).update(version=F("version") + 1)


def _scout_locked(scout: Scout) -> Scout:
    scout = Scout.objects.select_for_update().get(pk=scout.pk)
    if scout.deleted_at is not None:
        raise TravelError("That scout was removed.")
    return scout


@transaction.atomic
def scout_save(*, actor, production, values: dict, scout: Scout | None = None) -> Scout:
    """A new scout day, or a change to one's date, call, meeting place, lunch and notes."""
    fields = _scout_fields(production, values)
    if scout is None:
        scout = Scout.objects.create(production=production, created_by=actor, **fields)
        audit_record(
            actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=scout,
            changes=snapshot(scout, SCOUT_AUDITED),
        )  # fmt: skip
        return scout
    scout = _scout_locked(scout)
    before = snapshot(scout, SCOUT_AUDITED)
    for name, value in fields.items():
        setattr(scout, name, value)
    scout.save()
    changes = diff(before, snapshot(scout, SCOUT_AUDITED))
    if changes:
        _scout_changed(scout)
        audit_record(
            actor=actor, production=production, action=AuditEvent.Action.UPDATE, obj=scout,
            changes=changes,
        )  # fmt: skip
    scout.refresh_from_db()
    return scout


@transaction.atomic
def scout_remove(*, actor, scout: Scout) -> None:
    scout = _scout_locked(scout)
    scout.deleted_at = timezone.now()
    scout.save(update_fields=["deleted_at", "updated_at"])
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.DELETE, obj=scout
    )


def _stop_time(arrives, minutes) -> tuple:
    if minutes is None:
        minutes = 30
    if not 0 < minutes <= 12 * 60:
        raise TravelError("A stop lasts between 1 minute and 12 hours.")
    return arrives, minutes


@transaction.atomic
def scout_stop_add(
    *, actor, scout: Scout, location, arrives: dt.time | None = None, minutes: int | None = 30
) -> ScoutStop:
    scout = _scout_locked(scout)
    if location.production_id != scout.production_id or location.deleted_at is not None:
        raise TravelError("Choose one of this production's locations.")
    if scout.stops.filter(location=location).exists():
        raise TravelError(f"{location.name} is already a stop on this scout.")
    arrives, minutes = _stop_time(arrives, minutes)
    last = scout.stops.order_by("-position").values_list("position", flat=True).first()
    stop = ScoutStop.objects.create(
        scout=scout,
        location=location,
        position=(last or 0) + 1,
        arrives=arrives,
        minutes=minutes,
    )
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"stop": location.name, "arrives": str(arrives or ""), "minutes": minutes},
    )  # fmt: skip
    return stop


@transaction.atomic
def scout_stop_update(
    *, actor, stop: ScoutStop, arrives: dt.time | None, minutes: int | None
) -> ScoutStop:
    scout = _scout_locked(stop.scout)
    stop = ScoutStop.objects.get(pk=stop.pk, scout=scout)
    arrives, minutes = _stop_time(arrives, minutes)
    before = snapshot(stop, ["arrives", "minutes"])
    stop.arrives, stop.minutes = arrives, minutes
    stop.save(update_fields=["arrives", "minutes"])
    changes = diff(before, snapshot(stop, ["arrives", "minutes"]))
    if changes:
        _scout_changed(scout)
        audit_record(
            actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
            changes={"stop": stop.location.name, **changes},
        )  # fmt: skip
    return stop


@transaction.atomic
def scout_stop_remove(*, actor, stop: ScoutStop) -> None:
    scout = _scout_locked(stop.scout)
    name = stop.location.name
    ScoutStop.objects.filter(pk=stop.pk, scout=scout).delete()
    _scout_stops_renumber(scout, list(scout.stops.values_list("pk", flat=True)))
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.DELETE, obj=scout,
        changes={"stop": name},
    )  # fmt: skip


def _scout_stops_renumber(scout: Scout, order: list[int]) -> None:
    stops = {s.pk: s for s in scout.stops.all()}
    for position, pk in enumerate(order, start=1):
        stops[pk].position = position
    ScoutStop.objects.bulk_update(list(stops.values()), ["position"])


@transaction.atomic
def scout_stop_move(*, actor, stop: ScoutStop, by: int) -> None:
    """One place earlier (``by`` -1) or later (+1) in the route."""
    scout = _scout_locked(stop.scout)
    order = list(scout.stops.values_list("pk", flat=True))
    here = order.index(stop.pk)
    there = min(max(here + (1 if by > 0 else -1), 0), len(order) - 1)
    if here == there:
        return
    order[here], order[there] = order[there], order[here]
    _scout_stops_renumber(scout, order)
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"stop": stop.location.name, "position": [here + 1, there + 1]},
    )  # fmt: skip


@transaction.atomic
def scout_order_farthest_first(*, actor, scout: Scout) -> scoutroute.Ordered:
    """The stops reordered farthest from the meeting place first (as the crow flies); stops
    whose location has no coordinates keep their order at the end (the result names them)."""
    scout = _scout_locked(scout)
    if scout.meeting_latitude is None:
        raise TravelError(
            "Give the meeting place's coordinates (paste them from a map) to order the stops "
            "by distance."
        )
    stops = list(scout.stops.select_related("location"))
    if not stops:
        raise TravelError("There are no stops to order yet.")
    ordered = scoutroute.farthest_first(
        (scout.meeting_latitude, scout.meeting_longitude),
        [
            scoutroute.Place(s.pk, s.location.name, s.location.latitude, s.location.longitude)
            for s in stops
        ],
    )
    _scout_stops_renumber(scout, ordered.refs)
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"order": "farthest first", "stops": [p.name for p, _ in ordered.placed]},
    )  # fmt: skip
    return ordered


@transaction.atomic
def scout_van_save(
    *, actor, scout: Scout, name: str, driver: str = "", van: ScoutVan | None = None
) -> ScoutVan:
    scout = _scout_locked(scout)
    name, driver = (name or "").strip()[:60], (driver or "").strip()[:120]
    if not name:
        raise TravelError("Name the van (Van 1, the Sprinter).")
    clash = scout.vans.filter(name__iexact=name)
    if van is not None:
        clash = clash.exclude(pk=van.pk)
    if clash.exists():
        raise TravelError(f"There is already a van called {name} on this scout.")
    if van is None:
        van = ScoutVan.objects.create(scout=scout, name=name, driver=driver)
    else:
        van = ScoutVan.objects.get(pk=van.pk, scout=scout)
        van.name, van.driver = name, driver
        van.save()
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"van": name, "driver": driver},
    )  # fmt: skip
    return van


@transaction.atomic
def scout_van_remove(*, actor, van: ScoutVan) -> None:
    scout = _scout_locked(van.scout)
    riders = list(van.riders.select_related("person"))
    van.delete()
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.DELETE, obj=scout,
        changes={"van": van.name, "riders": [r.person.display_name for r in riders]},
    )  # fmt: skip


@transaction.atomic
def scout_rider_add(*, actor, van: ScoutVan, person) -> ScoutRider:
    """``person`` rides in ``van``; someone already in a van of this scout is refused (take
    them out of that one first)."""
    scout = _scout_locked(van.scout)
    if person.production_id != scout.production_id or person.deleted_at is not None:
        raise TravelError("Choose someone on this production.")
    already = scout.riders.filter(person=person).select_related("van").first()
    if already is not None:
        where = "this van" if already.van_id == van.pk else already.van.name
        raise TravelError(f"{person.display_name} already rides in {where}.")
    rider = ScoutRider.objects.create(scout=scout, van=van, person=person)
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"van": van.name, "person": person.display_name},
    )  # fmt: skip
    return rider


@transaction.atomic
def scout_rider_remove(*, actor, rider: ScoutRider) -> None:
    scout = _scout_locked(rider.scout)
    rider.delete()
    _scout_changed(scout)
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.DELETE, obj=scout,
        changes={"van": rider.van.name, "person": rider.person.display_name},
    )  # fmt: skip


@transaction.atomic
def scout_stop_report(
    *, actor, stop: ScoutStop, notes: str = "", photos: list[tuple[str, bytes]] = ()
) -> ScoutStop:
    """What the scout found at a stop goes back into the location: the notes appended to the
    location's notes under the scout's date, each photo one of its photo documents (through
    the locations services). All of it or nothing: a bad photo saves none of it."""
    from callboard.locations import services as locations

    notes = (notes or "").strip()
    if not notes and not photos:
        raise TravelError("Write a note or add a photo from the stop.")
    scout = _scout_locked(stop.scout)
    stop = ScoutStop.objects.select_related("location").get(pk=stop.pk, scout=scout)
    location = stop.location
    heading = f"{scout.get_kind_display()} {scout.date:%a %-d %b %Y}"
    try:
        for filename, data in photos:
            locations.document_add(
                actor=actor,
                location=location,
                kind="photo",
                filename=filename,
                data=data,
                title=f"{heading}: {filename}"[:200],
            )
        if notes:
            stop.notes = f"{stop.notes}\n{notes}".strip()
            stop.save(update_fields=["notes"])
            location.refresh_from_db()
            locations.location_update(
                actor=actor,
                location=location,
                notes=f"{location.notes}\n\n{heading}: {notes}".strip(),
            )
    except locations.LocationError as exc:
        raise TravelError(" ".join(exc.problems)) from None
    audit_record(
        actor=actor, production=scout.production, action=AuditEvent.Action.UPDATE, obj=scout,
        changes={"stop": location.name, "notes": notes, "photos": len(photos)},
    )  # fmt: skip
    return stop


@transaction.atomic
def scout_send(*, actor, scout: Scout) -> tuple[int, bool]:
    """The scout schedule (PDF and a phone page through a signed link) to everyone riding in
    a van: (how many, sent now?). Keyed by the scout and its version: a double click, or two
    at once, is one send; a changed scout is a new version and goes again."""
    from callboard.distribution.services import dispatch_create

    from . import scoutsending

    scout = _scout_locked(scout)
    people = [r.person for r in scout.riders.select_related("person").order_by("pk")]
    if not people:
        raise TravelError("Nobody rides in a van yet: put the attendees in the vans first.")
    if not scout.stops.exists():
        raise TravelError("The scout has no stops yet.")
    dispatch, created = dispatch_create(
        actor=actor,
        production=scout.production,
        kind=scoutsending.KIND,
        object_id=scout.pk,
        key=f"scout:{scout.pk}:v{scout.version}",
        people=people,
        subject=f"{scout.get_kind_display()} — {scout.date:%a %b %-d} — "
        f"{scout.production.title} (v{scout.version})",
        valid_for=dt.timedelta(days=max((scout.date - timezone.localdate()).days, 0) + 14),
    )
    if created:  # what each rider's link opens from now on, whatever the scout becomes
        SentScout.objects.create(
            scout=scout,
            version=scout.version,
            document=queries.scout_document(scout),
            dispatch=dispatch,
            sent_by=actor,
        )
    return len(people), created
