"""Reads for the office's rooms: what is booked, what waits to be set up, who got the invitation."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils import timezone

from callboard.core.models import Production
from callboard.distribution.models import Delivery
from callboard.office.models import Room, RoomBooking, RoomSetupTask

from . import sending


def rooms(production: Production) -> QuerySet[Room]:
    return Room.objects.filter(production=production)


def bookings(production: Production) -> QuerySet[RoomBooking]:
    return RoomBooking.objects.filter(production=production).select_related("room")


def upcoming(production: Production) -> QuerySet[RoomBooking]:
    """Bookings not over yet and not cancelled, soonest first, with their invitees counted."""
    return (
        bookings(production)
        .filter(cancelled_at__isnull=True, ends_at__gte=timezone.now())
        .annotate(people=Count("invitees"))
        .order_by("starts_at", "id")
    )


def day_bookings(production: Production, day: dt.date) -> QuerySet[RoomBooking]:
    zone = production.tzinfo
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    return upcoming(production).filter(
        starts_at__lt=start + dt.timedelta(days=1), ends_at__gt=start
    )


def setup_tasks_open(production: Production) -> QuerySet[RoomSetupTask]:
    """Rooms to set up for bookings still ahead (or on now), soonest first."""
    return (
        RoomSetupTask.objects.filter(
            production=production,
            done_at__isnull=True,
            booking__cancelled_at__isnull=True,
            booking__ends_at__gte=timezone.now(),
        )
        .select_related("booking__room")
        .order_by("booking__starts_at", "id")
    )


def invitation_states(booking: RoomBooking) -> dict[int, Delivery]:
    """Each invitee's invitation (person pk -> delivery), for who has it."""
    deliveries = Delivery.objects.filter(
        dispatch__production=booking.production,
        dispatch__kind=sending.KIND,
        dispatch__object_id=booking.pk,
        dispatch__key=f"room-invite:{booking.pk}",
    )
    return {d.person_id: d for d in deliveries}
