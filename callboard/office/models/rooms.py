"""Conference rooms of the production office, their bookings (a table read or production
meeting is a booking with invitees) and the set-up tasks a booking leaves for the PAs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from callboard.core.models import Production


class Room(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=80)
    capacity = models.PositiveSmallIntegerField(help_text="seats")
    equipment = models.CharField(max_length=300, blank=True, help_text="screen, phone, whiteboard")
    # The office's hours for this room: a booking outside them is allowed, with a warning.
    opens = models.TimeField(default=dt.time(8, 0))
    closes = models.TimeField(default=dt.time(19, 0))

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="room_name_unique"),
        ]

    def __str__(self):
        return self.name


class RoomBooking(models.Model):
    class Kind(models.TextChoices):
        BOOKING = "booking", "Booking"
        MEETING = "meeting", "Production meeting"
        TABLE_READ = "table_read", "Table read"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="room_bookings"
    )
    # A room with bookings goes only with its production (RESTRICT lets that cascade through).
    room = models.ForeignKey(Room, on_delete=models.RESTRICT, related_name="bookings")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.BOOKING)
    title = models.CharField("what for", max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    setup_notes = models.TextField("set-up notes", blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The script sent to a table read's invitees (the scripts app's watermarked copies).
    script_distribution = models.ForeignKey(
        "scripts.Distribution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="room_booking_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.room}"

    @property
    def has_invitees(self) -> bool:
        return self.kind != self.Kind.BOOKING


class RoomInvitee(models.Model):
    booking = models.ForeignKey(RoomBooking, on_delete=models.CASCADE, related_name="invitees")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # A cast member at a table read: a paid rehearsal day (R) put on the DOOD for them.
    rehearsal_marked = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "person"], name="room_invitee_once"),
        ]

    def __str__(self):
        return str(self.person)


class RoomSetupTask(models.Model):
    """What the PAs set up before a booking (chairs, screen, catering): a task on the Office
    page, done by a PA."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="room_setup_tasks"
    )
    booking = models.OneToOneField(RoomBooking, on_delete=models.CASCADE, related_name="setup")
    notes = models.TextField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["booking__starts_at", "id"]

    def __str__(self):
        return f"Set up {self.booking.room} for {self.booking.title}"
