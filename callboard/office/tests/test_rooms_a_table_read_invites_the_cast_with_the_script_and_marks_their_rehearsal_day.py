"""A table read booked in the conference room: each invitee gets one e-mail through
distribution with a calendar invite (METHOD:REQUEST, the booking's own UID, the room as
LOCATION, the production's zone) and their own watermarked script copy's link; the cast are on
a paid rehearsal day (R on the DOOD); cancelling sends METHOD:CANCEL and takes the R off."""

import datetime as dt
import re

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.registry import composer_for
from callboard.office.models import RoomBooking
from callboard.office.rooms import services
from callboard.office.rooms.sending import KIND
from callboard.schedule.dood import Calendar, ElementDays, build_dood
from callboard.schedule.models import Element
from callboard.scripts.models import ScriptCopy

from .rooms_helpers import at, build

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 2)


@pytest.fixture
def table_read(production, coordinator, django_capture_on_commit_callbacks):
    room, cast, crew = build(production)
    with django_capture_on_commit_callbacks(execute=True):
        booked = services.booking_create(
            actor=coordinator,
            production=production,
            room=room,
            kind=RoomBooking.Kind.TABLE_READ,
            title="Table read, episode 1",
            starts_at=at(production, DAY, 10),
            ends_at=at(production, DAY, 12, 30),
            setup_notes="12 chairs round the table, the screen, coffee and pastries",
            people=[*cast, crew],
        )
    return booked, cast, crew


def test_each_reader_gets_one_invitation_with_their_own_script_link(table_read):
    booked, cast, crew = table_read
    assert booked.warnings == []
    invites = OutboundEmail.objects.filter(subject__startswith="Table read:")
    assert sorted(e.to for e in invites) == [
        "ana@example.test",
        "bob@example.test",
        "dee@example.test",
    ]
    bob = invites.get(to="bob@example.test")
    assert "When: Tuesday March 2, 10:00 AM–12:30 PM (America/Los_Angeles)" in bob.body
    assert "Where: Conference Room" in bob.body
    assert re.search(r"/l/script/\S+", bob.body)
    # The link is Bob's own watermarked copy, made and sent by the script distribution.
    copy = ScriptCopy.objects.get(person=cast[0])
    assert copy.made_at and copy.watermark == "BOB ACTOR"
    assert copy.distribution == booked.booking.script_distribution
    dispatch = Dispatch.objects.get(kind=KIND)
    assert dispatch.deliveries.filter(sent_at__isnull=False).count() == 3
    assert Dispatch.objects.get(kind="script_copy").deliveries.count() == 3


def test_the_script_link_in_the_invitation_opens_the_readers_copy(table_read, client):
    booked, _, _ = table_read
    body = OutboundEmail.objects.get(subject__startswith="Table read:", to="bob@example.test").body
    response = client.get(re.search(r"(/l/script/\S+)", body).group(1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_invite_is_an_ical_request_in_the_productions_zone(table_read):
    booked, _, _ = table_read
    dispatch = Dispatch.objects.get(kind=KIND)
    delivery = dispatch.deliveries.select_related("person", "grant").first()
    message = composer_for(KIND)(dispatch)(delivery)
    name, ics, mime = message.attachments[0]
    text = ics.decode()
    assert (name, mime) == ("invite.ics", "text/calendar")
    assert "METHOD:REQUEST" in text
    uid = f"UID:callboard-office-{booked.booking.production_id}-booking-{booked.booking.pk}@"
    assert uid in text
    assert "LOCATION:Conference Room" in text
    assert "DTSTART;TZID=America/Los_Angeles:20270302T100000" in text
    assert "DTEND;TZID=America/Los_Angeles:20270302T123000" in text
    assert "BEGIN:VTIMEZONE" in text
    assert 'ATTENDEE;CN="Bob Actor"' in text.replace("\r\n ", "")


def test_the_cast_are_on_a_rehearsal_day_on_the_dood_and_the_crew_are_not(table_read):
    booked, cast, crew = table_read
    assert {row.person_id for row in booked.booking.invitees.filter(rehearsal_marked=True)} == {
        p.pk for p in cast
    }
    bob = Element.objects.get(person=cast[0])
    assert bob.event_dates("rehearsal") == {DAY}
    # What the DOOD builder makes of it: R that day, a paid day (SAG-AFTRA).
    row = build_dood(
        Calendar(
            days=[DAY, DAY + dt.timedelta(days=1)], shoot_days={}, days_off=set(), holidays=set()
        ),
        [
            ElementDays(
                id="1",
                name="BOB",
                work=frozenset(),
                rehearsal=frozenset(bob.event_dates("rehearsal")),
            )
        ],
    )[0]
    assert row.codes[DAY] == "R" and row.paid == 1


def test_booking_it_again_sends_nothing_twice(table_read, production, coordinator):
    booked, cast, crew = table_read
    assert Delivery.objects.filter(dispatch__kind=KIND).count() == 3
    from callboard.distribution.services import dispatch_create

    _, created = dispatch_create(
        actor=coordinator,
        production=production,
        kind=KIND,
        object_id=booked.booking.pk,
        key=f"room-invite:{booked.booking.pk}",
        subject="again",
        people=[*cast, crew],
        valid_for=dt.timedelta(days=1),
    )
    assert not created and Delivery.objects.filter(dispatch__kind=KIND).count() == 3


def test_cancelling_sends_a_cancel_for_the_same_event_and_takes_the_rehearsal_off(
    table_read, coordinator, django_capture_on_commit_callbacks
):
    booked, cast, _ = table_read
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(actor=coordinator, booking=booked.booking)
        services.booking_cancel(actor=coordinator, booking=booked.booking)
    assert OutboundEmail.objects.filter(subject__startswith="Cancelled: Table read:").count() == 3
    assert Element.objects.get(person=cast[0]).event_dates("rehearsal") == set()
    dispatch = Dispatch.objects.get(key=f"room-cancel:{booked.booking.pk}")
    delivery = dispatch.deliveries.select_related("person", "grant").first()
    ics = composer_for(KIND)(dispatch)(delivery).attachments[0][1].decode()
    assert "METHOD:CANCEL" in ics and "SEQUENCE:1" in ics
    assert f"-booking-{booked.booking.pk}@" in ics
