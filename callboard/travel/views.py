"""Travel's pages: the show's travel (every traveller's bookings, what the checks found), one
traveller's page (their terms and bookings), and a booking's form."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.once import AlreadySaved
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import production_view
from callboard.people.models import Person

from . import checks, listviews, memoviews, queries, services
from .forms import BookingForm, TravelProfileForm
from .models import Booking, PerDiemRate, TravelProfile
from .scoutviews import urlpatterns as scout_urls
from .services import TravelError


def _local(moment, zone: str) -> str:
    if moment is None:
        return ""
    here = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return f"{here:%a %-d %b %-I:%M %p} {here.tzname()}"


def _row(booking: Booking) -> dict:
    """A booking as the lists print it: each end in its own place's time."""
    if booking.kind == Booking.Kind.HOTEL:
        when = f"{booking.check_in:%a %-d %b} – {booking.check_out:%a %-d %b}"
        nights = (booking.check_out - booking.check_in).days
        detail = f"{nights} night{'s' if nights != 1 else ''}"
        if booking.room_type:
            detail += f", {booking.room_type}"
    else:
        when = f"{_local(booking.starts_at, booking.starts_tz)} → "
        when += _local(booking.ends_at, booking.ends_tz)
        detail = booking.cabin.capitalize() if booking.kind == Booking.Kind.FLIGHT else ""
        if booking.kind != Booking.Kind.FLIGHT:
            detail = " → ".join(p for p in (booking.pickup_place, booking.dropoff_place) if p)
    return {"booking": booking, "when": when, "detail": detail}


@production_view(Cap.TRAVEL_VIEW)
def travel(request) -> HttpResponse:
    """Everyone travelling, their bookings in order, and every finding of the checks."""
    production = request.production
    bookings = (
        queries.live_bookings(production)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "starts_at", "check_in")
    )
    by_person: dict = defaultdict(list)
    held_rooms = []
    for booking in bookings:
        (by_person[booking.person] if booking.person else held_rooms).append(_row(booking))
    people, held = queries.travellers(production)  # read once: the checks and the trips
    memos = queries.memo_states(production, by_person)
    findings = checks.findings(people, held)
    found_for: dict = defaultdict(list)
    for finding in findings:
        found_for[finding.traveller_id].append(finding)
    return render(
        request,
        "travel/travel.html",
        {
            "travellers": [
                {
                    "person": person,
                    "rows": rows,
                    "findings": found_for.get(person.pk, []),
                    "memo": memos[person.pk],
                }
                for person, rows in by_person.items()
            ],
            "held_rooms": held_rooms,
            "trips": queries.trips(production, people),
            "settings": queries.travel_settings(production),
            "findings": findings,
            # Flown travellers with no call on any call sheet: "lands in time" was not checked.
            "uncalled": sorted(t.name for t in people if t.flights and not t.calls),
            "may_book": request.membership.can(Cap.TRAVEL_MANAGE),
            "people": Person.objects.active().filter(production=production),
            "kinds": Booking.Kind.choices,
        },
    )


@production_view(Cap.TRAVEL_VIEW)
def traveller(request, person_pk: int) -> HttpResponse:
    production = request.production
    person = get_object_or_404(Person, pk=person_pk, production=production)
    profile = TravelProfile.objects.filter(person=person).first()
    status = 200
    if request.method == "POST":
        if not request.membership.can(Cap.TRAVEL_MANAGE):
            return HttpResponse("Your role does not book travel.", status=403)
        form = TravelProfileForm(request.POST)
        if form.is_valid():
            try:
                services.travel_profile_save(actor=request.user, person=person, **form.cleaned_data)
            except TravelError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{person.display_name}'s travel terms are saved.")
                return redirect("travel:traveller", production=production.slug, person_pk=person.pk)
        status = 400
    else:
        form = TravelProfileForm(
            initial={
                "local_hire": profile.local_hire if profile else False,
                "home_airports": profile.home_airports if profile else "",
                "cabin_required": profile.cabin_required if profile else "",
                "passport_expires": profile.passport_expires if profile else None,
            }
        )
    bookings = queries.live_bookings(production).filter(person=person)
    findings = [f for f in queries.travel_findings(production) if f.traveller_id == person.pk]
    return render(
        request,
        "travel/traveller.html",
        {
            "person": person,
            "form": form,
            "rows": [_row(b) for b in bookings],
            "findings": findings,
            "may_book": request.membership.can(Cap.TRAVEL_MANAGE),
            "kinds": Booking.Kind.choices,
            "memo": queries.memo_state(production, person),
        },
        status=status,
    )


@production_view(Cap.TRAVEL_MANAGE)
def booking_edit(request, booking_pk: int | None = None) -> HttpResponse:
    """A new booking (?kind=flight&person=12) or a change to one."""
    production = request.production
    booking = None
    if booking_pk is not None:
        booking = get_object_or_404(Booking, pk=booking_pk, production=production)
        kind = booking.kind
    else:
        kind = request.GET.get("kind") or request.POST.get("kind") or Booking.Kind.FLIGHT
        if kind not in Booking.Kind.values:
            kind = Booking.Kind.FLIGHT
    status = 200
    if request.method == "POST":
        form = BookingForm(request.POST, production=production)
        if form.is_valid():
            try:
                saved = services.booking_save(
                    actor=request.user,
                    production=production,
                    kind=kind,
                    values=form.cleaned_data,
                    booking=booking,
                    once=form.cleaned_data["once"],
                )
            except TravelError as exc:
                form.add_error(None, str(exc))
            except AlreadySaved as exc:
                return _already_saved(request, exc.object_id)
            else:
                messages.success(request, f"{saved.get_kind_display()} saved: {saved.title}.")
                if saved.person_id:
                    return redirect(
                        "travel:traveller", production=production.slug, person_pk=saved.person_id
                    )
                return redirect("travel:travel", production=production.slug)
        status = 400
    elif booking is not None:
        form = BookingForm(initial=BookingForm.initial_for(booking), production=production)
    else:
        form = BookingForm(initial=_proposed(request, kind), production=production)
    shown = {
        Booking.Kind.FLIGHT: (
            "person", "status", "carrier", "number", "origin", "destination", "starts_local",
            "ends_local", "cabin", "seat", "record_locator",
        ),
        Booking.Kind.HOTEL: (
            "person", "status", "hotel", "room_type", "check_in", "check_out", "nightly_rate",
        ),
        Booking.Kind.CAR: (
            "person", "status", "carrier", "vehicle", "driver", "pickup_place", "zone",
            "starts_local", "dropoff_place", "ends_local",
        ),
        Booking.Kind.TRANSFER: (
            "person", "status", "vehicle", "driver", "pickup_place", "zone", "starts_local",
            "dropoff_place", "ends_local",
        ),
    }[kind]  # fmt: skip
    common = ("confirmation", "cost", "account_code", "notes")
    return render(
        request,
        "travel/booking.html",
        {
            "form": form,
            "booking": booking,
            "kind": kind,
            "kind_label": Booking.Kind(kind).label,
            "fields": [form[name] for name in (*shown, *common)],
            "paying": queries.paying_lines(booking) if booking and booking.cost else None,
        },
        status=status,
    )


def _already_saved(request, booking_pk: int | None) -> HttpResponse:
    """The same new-booking form posted again (a double click): the booking the first post
    made, not a second one."""
    production = request.production
    first = Booking.objects.filter(pk=booking_pk, production=production).first()
    messages.info(request, "That booking was already saved: it is booked once.")
    if first is not None and first.person_id:
        return redirect("travel:traveller", production=production.slug, person_pk=first.person_id)
    return redirect("travel:travel", production=production.slug)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def booking_cancel(request, booking_pk: int) -> HttpResponse:
    production = request.production
    booking = get_object_or_404(Booking, pk=booking_pk, production=production)
    try:
        services.booking_cancel(
            actor=request.user, booking=booking, reason=request.POST.get("reason", "")
        )
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Cancelled: {booking.title}.")
    if booking.person_id:
        return redirect("travel:traveller", production=production.slug, person_pk=booking.person_id)
    return redirect("travel:travel", production=production.slug)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def booking_paid(request, booking_pk: int) -> HttpResponse:
    """Link a booking to the invoice or receipt line that paid for it: its cost leaves the
    commitments (the ledger has it), so the cost report does not count it twice."""
    from callboard.accounting.models import InvoiceLine, ReceiptLine

    production = request.production
    booking = get_object_or_404(Booking, pk=booking_pk, production=production)
    kind, _, line_id = request.POST.get("line", "").partition(":")
    model = {"invoice": InvoiceLine, "receipt": ReceiptLine}.get(kind)
    scope = {"invoice": "invoice__production", "receipt": "receipt__production"}.get(kind)
    line = None
    if model is not None and id_param(line_id) is not None:
        line = model.objects.filter(pk=id_param(line_id), **{scope: production}).first()
    try:
        if line is None:
            raise TravelError("Choose the invoice or receipt line that paid for it.")
        services.booking_actualise(actor=request.user, booking=booking, **{f"{kind}_line": line})
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Paid: the cost report has it as actual, not committed.")
    return redirect("travel:booking", production=production.slug, booking_pk=booking.pk)


def _proposed(request, kind: str) -> dict:
    """A new booking's form, started from a proposed leg of a trip (the Travel page's Book
    links): who, and the dates and places the schedule gives; the office types the rest."""
    initial = {"person": id_param(request.GET.get("person"))}
    for name in ("origin", "destination", "hotel"):
        initial[name] = text_param(request.GET.get(name), 200)
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return initial
    if kind == Booking.Kind.HOTEL:
        initial["check_in"] = day
        with contextlib.suppress(ValueError):
            initial["check_out"] = dt.date.fromisoformat(request.GET.get("until", ""))
    else:
        initial["starts_local"] = dt.datetime.combine(day, dt.time(8, 0))
    return initial


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def travel_settings(request) -> HttpResponse:
    try:
        services.travel_settings_save(
            actor=request.user,
            production=request.production,
            airport=request.POST.get("airport", ""),
            hotel=request.POST.get("hotel", ""),
        )
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The show's airport and hotel are saved.")
    return redirect("travel:travel", production=request.production.slug)


@production_view(Cap.TRAVEL_VIEW)
def per_diem(request) -> HttpResponse:
    """Each distant hire's per diem by workweek and the rates by city; the office asks for a
    week's per diem as a check request (paid beside wages, never in the overtime base)."""
    production = request.production
    may_book = request.membership.can(Cap.TRAVEL_MANAGE)
    if request.method == "POST":
        if not may_book:
            return HttpResponse("Your role does not book travel.", status=403)
        action = request.POST.get("action")
        try:
            if action == "account":
                services.per_diem_account_set(
                    actor=request.user,
                    production=production,
                    account_code=request.POST.get("account_code", ""),
                )
                messages.success(request, "The per diem account is saved.")
            elif action == "rate":
                services.per_diem_rate_save(
                    actor=request.user,
                    production=production,
                    city=request.POST.get("city", ""),
                    **{
                        name: _amount(request.POST.get(name), name)
                        for name in ("daily", "breakfast", "lunch", "dinner")
                    },
                    travel_day_percent=_percent(request.POST.get("travel_day_percent")),
                )
                messages.success(request, "The rate is saved.")
            else:
                person = get_object_or_404(
                    Person, pk=id_param(request.POST.get("person")), production=production
                )
                try:
                    week = dt.date.fromisoformat(request.POST.get("week", ""))
                except ValueError:
                    raise TravelError("Choose a week.") from None
                payment = services.per_diem_request(
                    actor=request.user, production=production, person=person, week_start=week
                )
                messages.success(
                    request,
                    f"Check request {payment.check_request.number} asks for "
                    f"${payment.amount:,.2f}: {person.display_name}'s per diem.",
                )
        except TravelError as exc:
            messages.error(request, str(exc))
        return redirect("travel:per_diem", production=production.slug)
    return render(
        request,
        "travel/per_diem.html",
        {
            "rows": queries.per_diem_weeks(production),
            "rates": PerDiemRate.objects.filter(production=production),
            "settings": queries.travel_settings(production),
            "may_book": may_book,
        },
    )


def _percent(text: str | None) -> int:
    typed = (text or "").strip().rstrip("%") or "75"
    if not typed.isdigit():
        raise TravelError("The travel days' percentage is a whole number (75).")
    return int(typed)


def _amount(text: str | None, what: str) -> Decimal:
    try:
        value = Decimal((text or "0").replace("$", "").replace(",", "").strip() or "0")
    except InvalidOperation:
        raise TravelError(f"The {what} amount is not a number.") from None
    if not value.is_finite():
        raise TravelError(f"The {what} amount is not a number.")
    return value


app_name = "travel"
urlpatterns = [
    path("", travel, name="travel"),
    path("settings/", travel_settings, name="settings"),
    path("per-diem/", per_diem, name="per_diem"),
    path("people/<int:person_pk>/", traveller, name="traveller"),
    path("bookings/new/", booking_edit, name="booking_new"),
    path("bookings/<int:booking_pk>/", booking_edit, name="booking"),
    path("bookings/<int:booking_pk>/cancel/", booking_cancel, name="booking_cancel"),
    path("bookings/<int:booking_pk>/paid/", booking_paid, name="booking_paid"),
    *memoviews.urlpatterns,
    *scout_urls,
    *listviews.urlpatterns,  # the rooming list, the movement list, the travel report
]
