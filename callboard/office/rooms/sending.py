"""What an invitee of a meeting or table read gets: when and where in a few lines, the calendar
invite (iCal METHOD:REQUEST, the booking's own UID, the room as LOCATION, the production's
zone), and for a table read the link to their own watermarked copy of the script. A cancelled
booking sends the same event as METHOD:CANCEL."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message
from callboard.office.models import RoomBooking

from .invite import Invitation, invitation_ics

KIND = "office_room_invite"


def booking_invitation(booking: RoomBooking) -> Invitation:
    production = booking.production
    zone = production.tzinfo
    people = [row.person for row in booking.invitees.select_related("person")]
    organizer = booking.booked_by
    return Invitation(
        uid=f"callboard-office-{production.pk}-booking-{booking.pk}@callboard",
        summary=f"{booking.get_kind_display()}: {booking.title} — {production.title}",
        starts=booking.starts_at.astimezone(zone),
        ends=booking.ends_at.astimezone(zone),
        location=", ".join(x for x in (booking.room.name, production.office_address) if x),
        description=booking.title,
        organizer_name=f"{production.title} production office",
        organizer_email=production.office_email or (organizer.email if organizer else ""),
        attendees=[(p.full_name, p.email) for p in people if p.email],
        # A cancellation outranks the invitation it cancels.
        sequence=1 if booking.cancelled_at else 0,
        stamp=booking.cancelled_at or booking.created_at,
    )


def composer(dispatch):
    booking = RoomBooking.objects.select_related("room", "production", "booked_by").get(
        pk=dispatch.object_id
    )
    production = booking.production
    cancelled = booking.cancelled_at is not None
    ics = invitation_ics(booking_invitation(booking), cancel=cancelled)
    zone = production.tzinfo
    starts, ends = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
    when = f"{starts:%A %B %-d, %-I:%M %p}–{ends:%-I:%M %p} ({production.time_zone})"
    copies = (
        {c.person_id: c for c in booking.script_distribution.copies.select_related("grant")}
        if booking.script_distribution_id and not cancelled
        else {}
    )
    what = booking.get_kind_display().lower()

    def compose(delivery) -> Message:
        person = delivery.person
        hello = f"Hello {person.preferred_name or person.first_name},\n\n" if person else ""
        if cancelled:
            body = (
                f'{hello}The {what} "{booking.title}" on {when} in {booking.room.name} is '
                "cancelled. The attached update takes it off your calendar.\n\n"
                f"{production.title} production office"
            )
            text = (
                f"{production.title}: CANCELLED {what} {booking.title}, "
                f"{starts:%a %b %-d %-I:%M %p}."
            )
            return Message(dispatch.subject, body, text, [("cancel.ics", ics, "text/calendar")])
        copy = copies.get(delivery.person_id)
        script = ""
        if copy is not None:
            link = settings.SITE_URL + reverse("script_copy_by_link", args=[link_token(copy.grant)])
            script = (
                f"Your own copy of the script for the read (your name on every page; the "
                f"link is yours alone):\n{link}\n\n"
            )
        body = (
            f"{hello}You are invited to the {what}: {booking.title}.\n\n"
            f"When: {when}\nWhere: {booking.room.name}"
            f"{f', {production.office_address}' if production.office_address else ''}\n\n"
            f"{script}"
            "The calendar invitation is attached: open it to add it to your calendar.\n\n"
            f"{production.title} production office"
        )
        text = (
            f"{production.title}: {what} {booking.title}, {starts:%a %b %-d %-I:%M %p}, "
            f"{booking.room.name}."
        )
        return Message(dispatch.subject, body, text, [("invite.ics", ics, "text/calendar")])

    return compose
