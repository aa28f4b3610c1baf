"""Writes for the office's rooms: rooms, bookings that refuse a double booking, a table read's
invitations, script and rehearsal days, and the set-up tasks for the PAs. One transaction each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Production
from callboard.distribution.models import Delivery
from callboard.distribution.services import channel_for, dispatch_create
from callboard.office.models import Room, RoomBooking, RoomInvitee, RoomSetupTask
from callboard.people.models import DistributionGroup, Person
from callboard.schedule.services import cast_rehearsal_mark, cast_rehearsal_unmark
from callboard.scripts.errors import ScriptError
from callboard.scripts.models import ScriptVersion
from callboard.scripts.services import script_distribute

from . import sending
from .rules import RoomError, booking_warnings, times_check

# The table read's script copies stay open this long after the read.
SCRIPT_DAYS_AFTER = 14


@dataclass
class Booked:
    booking: RoomBooking
    warnings: list[str] = field(default_factory=list)


def _clean(text: str, *, label: str, limit: int, required: bool = True) -> str:
    text = " ".join((text or "").split())
    if required and not text:
        raise RoomError(f"Give the {label}.")
    if len(text) > limit:
        raise RoomError(f"The {label} is {len(text)} characters long; {limit} fit.")
    return text


@transaction.atomic
def room_save(
    *,
    actor,
    production: Production,
    name: str,
    capacity: int,
    equipment: str = "",
    opens: dt.time = dt.time(8, 0),
    closes: dt.time = dt.time(19, 0),
    room: Room | None = None,
) -> Room:
    """A new room, or ``room`` changed; a name is used once per production."""
    name = _clean(name, label="room's name", limit=80)
    equipment = _clean(equipment, label="equipment", limit=300, required=False)
    if capacity is None or capacity < 1 or capacity > 1000:
        raise RoomError("A room seats between 1 and 1000 people.")
    if closes <= opens:
        raise RoomError("The office closes before it opens: check the hours.")
    same = Room.objects.filter(production=production, name__iexact=name)
    if room is not None:
        same = same.exclude(pk=room.pk)
    if same.exists():
        raise RoomError(f"There is a room called {name} already.")
    created = room is None
    room = room or Room(production=production)
    room.name, room.capacity, room.equipment = name, capacity, equipment
    room.opens, room.closes = opens, closes
    room.save()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=room,
        changes={"capacity": capacity, "equipment": equipment},
    )
    return room


def _invitees(
    production: Production, people: Iterable[Person], groups: Iterable[DistributionGroup]
) -> list[Person]:
    """Everyone picked and everyone each group reaches today, once each, in order; someone
    from another production's lists (or taken off this one's) is refused by name."""
    chosen: dict[int, Person] = {}
    for person in people:
        if person.production_id != production.pk or person.deleted_at is not None:
            raise RoomError(
                f"{person.full_name} is not on this production's cast or crew list: "
                "nothing was booked."
            )
        chosen.setdefault(person.pk, person)
    for group in groups:
        if group.production_id != production.pk:
            raise RoomError(f"The group {group.name} is not this production's: nothing was booked.")
        for person in group.recipients().order_by("last_name", "first_name"):
            chosen.setdefault(person.pk, person)
    return list(chosen.values())


def _clash(room: Room, starts: dt.datetime, ends: dt.datetime) -> RoomBooking | None:
    return (
        RoomBooking.objects.filter(
            room=room, cancelled_at__isnull=True, starts_at__lt=ends, ends_at__gt=starts
        )
        .order_by("starts_at")
        .first()
    )


def _span(booking: RoomBooking, zone) -> str:
    starts, ends = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
    return f"{starts:%a %b %-d, %-I:%M %p}–{ends:%-I:%M %p}"


def rehearsal_source(booking: RoomBooking) -> str:
    """How the DOOD's rehearsal days name the table read that put them there."""
    return f"office.booking:{booking.pk}"


@transaction.atomic
def booking_create(
    *,
    actor,
    production: Production,
    room: Room,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    setup_notes: str = "",
    people: Iterable[Person] = (),
    groups: Iterable[DistributionGroup] = (),
    message: str = "",
) -> Booked:
    """Book ``room``: refused when it is booked for any of that time (the room's row is locked
    first, so two bookings at once cannot both pass). Over capacity or outside the office's
    hours is booked with a warning. With invitees, each gets an e-mail with a calendar invite;
    a table read also sends them the current script (watermarked copies through the scripts
    app; the invitation carries the copy's link) and puts a paid rehearsal day (R) on the DOOD
    for each cast member. Set-up notes become a task for the PAs."""
    if kind not in RoomBooking.Kind.values:
        raise RoomError(
            "Choose what the booking is: a booking, a production meeting or a table read."
        )
    title = _clean(title, label="what the room is for", limit=200)
    setup_notes = (setup_notes or "").strip()
    if len(setup_notes) > 2000:
        raise RoomError("The set-up notes are too long: 2000 characters fit.")
    times_check(starts_at, ends_at)
    if room.production_id != production.pk:
        raise RoomError("That room is not this production's.")
    invitees = _invitees(production, people, groups)
    if kind == RoomBooking.Kind.TABLE_READ and not invitees:
        raise RoomError("Invite the cast (and whoever else reads) to the table read.")
    # The lock orders two bookings of this room: the second waits, then sees the first.
    room = Room.objects.select_for_update().get(pk=room.pk)
    clash = _clash(room, starts_at, ends_at)
    if clash is not None:
        raise RoomError(
            f"{room.name} is booked {_span(clash, production.tzinfo)} for {clash.title}: "
            "choose another time or room. Nothing was booked."
        )
    zone = production.tzinfo
    warnings = booking_warnings(
        room=room.name,
        capacity=room.capacity,
        people=len(invitees),
        opens=room.opens,
        closes=room.closes,
        starts=starts_at.astimezone(zone),
        ends=ends_at.astimezone(zone),
    )
    booking = RoomBooking.objects.create(
        production=production,
        room=room,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        setup_notes=setup_notes,
        booked_by=actor if actor is not None and actor.is_authenticated else None,
    )
    rows = RoomInvitee.objects.bulk_create(
        RoomInvitee(booking=booking, person=person) for person in invitees
    )
    if setup_notes:
        RoomSetupTask.objects.create(production=production, booking=booking, notes=setup_notes)
    if kind == RoomBooking.Kind.TABLE_READ:
        warnings += _table_read_prepare(actor=actor, booking=booking, rows=rows, message=message)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=booking,
        changes={
            "room": room.name,
            "when": _span(booking, zone),
            "kind": booking.get_kind_display(),
            "invitees": len(invitees),
        },
    )
    if invitees:
        unreachable = [p.full_name for p in invitees if channel_for(p)[0] == Delivery.Channel.NONE]
        if unreachable:
            warnings.append(f"No e-mail or text for {', '.join(unreachable)}: tell them yourself.")
        _invitations_send(actor=actor, booking=booking, people=invitees, key="invite")
    return Booked(booking, warnings)


def _table_read_prepare(*, actor, booking: RoomBooking, rows, message: str) -> list[str]:
    """The current script to every reader, and the rehearsal day on the DOOD for the cast."""
    warnings = []
    people = [row.person for row in rows]
    version = ScriptVersion.objects.filter(production=booking.production).first()
    if version is None:
        warnings.append("No script is uploaded yet: the invitations go without one.")
    else:
        days = (booking.ends_at - timezone.now()).days + SCRIPT_DAYS_AFTER
        try:
            booking.script_distribution = script_distribute(
                actor=actor,
                version=version,
                people=people,
                valid_days=max(days, SCRIPT_DAYS_AFTER),
                message=message
                or f"For the table read, {_span(booking, booking.production.tzinfo)}.",
            )
        except ScriptError as exc:
            warnings.append(f"The script was not sent: {exc}")
        booking.save(update_fields=["script_distribution"])
    day = timezone.localdate(booking.starts_at, booking.production.tzinfo)
    for row in rows:
        if row.person.kind != Person.Kind.CAST:
            continue
        if cast_rehearsal_mark(
            actor=actor, person=row.person, day=day, source=rehearsal_source(booking)
        ):
            row.rehearsal_marked = True
            row.save(update_fields=["rehearsal_marked"])
        else:
            warnings.append(
                f"{row.person.full_name} plays no role on the board yet: their rehearsal day "
                "is not on the DOOD."
            )
    return warnings


def _invitations_send(*, actor, booking: RoomBooking, people: list[Person], key: str) -> None:
    production = booking.production
    starts = booking.starts_at.astimezone(production.tzinfo)
    dispatch_create(
        actor=actor,
        production=production,
        kind=sending.KIND,
        object_id=booking.pk,
        key=f"room-{key}:{booking.pk}",
        subject=(
            f"{'Cancelled: ' if key == 'cancel' else ''}{booking.get_kind_display()}: "
            f"{booking.title} — {starts:%a %b %-d, %-I:%M %p}, {booking.room.name} "
            f"— {production.title}"
        ),
        people=people,
        valid_for=max(booking.ends_at - timezone.now(), dt.timedelta(0)) + dt.timedelta(days=14),
    )


@transaction.atomic
def booking_cancel(*, actor, booking: RoomBooking) -> RoomBooking:
    """The room freed, the rehearsal days it put on the DOOD taken off, its set-up task gone,
    and invitees sent a cancellation for the same calendar event. Twice is once."""
    booking = RoomBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.cancelled_at is not None:
        return booking
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["cancelled_at"])
    cast_rehearsal_unmark(
        actor=actor, production=booking.production, source=rehearsal_source(booking)
    )
    booking.invitees.update(rehearsal_marked=False)
    RoomSetupTask.objects.filter(booking=booking).delete()
    audit_record(
        actor=actor,
        production=booking.production,
        action=AuditEvent.Action.DELETE,
        obj=booking,
        changes={"cancelled": _span(booking, booking.production.tzinfo)},
    )
    people = [row.person for row in booking.invitees.select_related("person")]
    if people:
        _invitations_send(actor=actor, booking=booking, people=people, key="cancel")
    return booking


@transaction.atomic
def setup_task_done(*, actor, task: RoomSetupTask) -> RoomSetupTask:
    """A PA has set the room up; twice is once."""
    task = RoomSetupTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = actor if actor is not None and actor.is_authenticated else None
        task.save(update_fields=["done_at", "done_by"])
        audit_record(
            actor=actor,
            production=task.production,
            action=AuditEvent.Action.UPDATE,
            obj=task,
            changes={"done": True},
        )
    return task
