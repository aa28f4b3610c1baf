"""The rooms' pages under /p/<production>/office/rooms/: the rooms and what is booked, a
booking with its invitations, and the set-up tasks the PAs tick off."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.office.models import RoomBooking, RoomSetupTask

from . import queries, services
from .forms import BookingForm, RoomForm
from .rules import RoomError


def _rooms_page(request, *, room_form=None, status=200) -> HttpResponse:
    production = request.production
    return render(
        request,
        "office/rooms/rooms.html",
        {
            "nav": "office",
            "rooms": queries.rooms(production),
            "bookings": queries.upcoming(production),
            "tasks": queries.setup_tasks_open(production),
            "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
            "may_set_up": request.membership.can(Cap.OFFICE_RUNS),
            "room_form": room_form or RoomForm(),
        },
        status=status,
    )


@production_view(Cap.OFFICE_REQUEST)
def rooms_list(request) -> HttpResponse:
    return _rooms_page(request)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def rooms_add(request) -> HttpResponse:
    form = RoomForm(request.POST)
    if form.is_valid():
        try:
            room = services.room_save(
                actor=request.user, production=request.production, **form.cleaned_data
            )
        except RoomError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{room.name} added: {room.capacity} seats.")
            return redirect("office:rooms_list", production=request.production.slug)
    return _rooms_page(request, room_form=form, status=400)


@production_view(Cap.OFFICE_MANAGE)
def rooms_book(request) -> HttpResponse:
    production = request.production
    form = BookingForm(request.POST or None, production=production)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            starts, ends = form.times()
            try:
                booked = services.booking_create(
                    actor=request.user,
                    production=production,
                    room=form.cleaned_data["room"],
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    starts_at=starts,
                    ends_at=ends,
                    setup_notes=form.cleaned_data["setup_notes"],
                    people=form.cleaned_data["people"],
                    groups=form.cleaned_data["groups"],
                )
            except RoomError as exc:
                form.add_error(None, str(exc))
            else:
                booking = booked.booking
                sent = booking.invitees.count()
                messages.success(
                    request,
                    f"{booking.room.name} is booked for {booking.title}"
                    + (f"; the invitations are going to {sent} people." if sent else "."),
                )
                for warning in booked.warnings:
                    messages.warning(request, warning)
                return redirect(
                    "office:rooms_booking", production=production.slug, room_booking_pk=booking.pk
                )
        status = 400
    elif not queries.rooms(production).exists():
        messages.info(request, "Add the office's rooms first.")
        return redirect("office:rooms_list", production=production.slug)
    return render(request, "office/rooms/book.html", {"nav": "office", "form": form}, status=status)


@production_view(Cap.OFFICE_REQUEST)
def rooms_booking(request, room_booking_pk: int) -> HttpResponse:
    booking = get_scoped_or_404(queries.bookings(request.production), request, pk=room_booking_pk)
    invitees = list(booking.invitees.select_related("person"))
    states = queries.invitation_states(booking)
    return render(
        request,
        "office/rooms/booking.html",
        {
            "nav": "office",
            "booking": booking,
            "invitees": [(row, states.get(row.person_id)) for row in invitees],
            "task": RoomSetupTask.objects.filter(booking=booking).first(),
            "may_manage": request.membership.can(Cap.OFFICE_MANAGE),
        },
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def rooms_booking_cancel(request, room_booking_pk: int) -> HttpResponse:
    booking = get_scoped_or_404(RoomBooking, request, pk=room_booking_pk)
    services.booking_cancel(actor=request.user, booking=booking)
    messages.success(request, f"{booking.title} is cancelled; the room is free.")
    return redirect(
        "office:rooms_booking", production=request.production.slug, room_booking_pk=booking.pk
    )


@production_view(Cap.OFFICE_RUNS)
@require_POST
def rooms_task_done(request, task_pk: int) -> HttpResponse:
    task = get_scoped_or_404(RoomSetupTask, request, pk=task_pk)
    services.setup_task_done(actor=request.user, task=task)
    messages.success(request, f"{task.booking.room.name} is set up for {task.booking.title}.")
    back = "office:office" if request.POST.get("next") == "office" else "office:rooms_list"
    return redirect(back, production=request.production.slug)


urlpatterns = [
    path("", rooms_list, name="rooms_list"),
    path("add/", rooms_add, name="rooms_add"),
    path("book/", rooms_book, name="rooms_book"),
    path("<int:room_booking_pk>/", rooms_booking, name="rooms_booking"),
    path("<int:room_booking_pk>/cancel/", rooms_booking_cancel, name="rooms_booking_cancel"),
    path("tasks/<int:task_pk>/done/", rooms_task_done, name="rooms_task_done"),
]
