"""Bad bookings: a room booked twice, an end before its start, an invitee from another
production: a clear message and nothing saved. Over capacity or outside the office's hours is
booked, with a warning."""

import datetime as dt

import pytest

from callboard.core.models import OutboundEmail
from callboard.core.testing import make_production
from callboard.distribution.models import Dispatch
from callboard.office.models import RoomBooking, RoomInvitee, RoomSetupTask
from callboard.office.rooms import services
from callboard.office.rooms.rules import RoomError
from callboard.people.testing import make_person

from .rooms_helpers import at, build

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 2)


def book(production, room, start, end, **fields):
    fields.setdefault("kind", RoomBooking.Kind.BOOKING)
    fields.setdefault("title", "Production meeting")
    return services.booking_create(
        actor=None,
        production=production,
        room=room,
        starts_at=at(production, DAY, *start),
        ends_at=at(production, DAY, *end),
        **fields,
    )


def nothing_more_saved(bookings: int):
    assert RoomBooking.objects.count() == bookings
    assert RoomSetupTask.objects.count() == 0
    assert RoomInvitee.objects.count() == 0
    assert not Dispatch.objects.filter(kind="office_room_invite").exists()


def test_a_room_booked_for_an_overlapping_time_is_refused_by_name(production):
    room, _, _ = build(production, script=False)
    book(production, room, (10, 0), (11, 0), title="Concept meeting")
    with pytest.raises(RoomError) as refused:
        book(production, room, (10, 30), (12, 0), setup_notes="12 chairs")
    assert str(refused.value) == (
        "Conference Room is booked Tue Mar 2, 10:00 AM–11:00 AM for Concept meeting: "
        "choose another time or room. Nothing was booked."
    )
    nothing_more_saved(1)
    # Back to back is fine: the first ends as the second starts.
    assert book(production, room, (11, 0), (12, 0)).booking.pk


def test_a_cancelled_booking_frees_the_room(production):
    room, _, _ = build(production, script=False)
    first = book(production, room, (10, 0), (11, 0)).booking
    services.booking_cancel(actor=None, booking=first)
    assert book(production, room, (10, 0), (11, 0)).booking.pk


def test_an_end_before_its_start_is_refused(production):
    room, _, _ = build(production, script=False)
    with pytest.raises(RoomError, match=r"ends \(9:00 AM\) before it starts \(10:00 AM\)"):
        book(production, room, (10, 0), (9, 0))
    nothing_more_saved(0)


def test_an_invitee_from_another_production_is_refused_and_nothing_is_sent(production):
    room, (bob, _), _ = build(production, script=False)
    stranger = make_person(make_production("Another Show"), first_name="Sam", last_name="Else")
    with pytest.raises(RoomError, match="Sam Else is not on this production's cast or crew list"):
        book(
            production,
            room,
            (10, 0),
            (11, 0),
            kind=RoomBooking.Kind.MEETING,
            people=[bob, stranger],
            setup_notes="Coffee",
        )
    nothing_more_saved(0)


def test_over_capacity_and_after_hours_are_booked_with_warnings(production):
    room, people, crew = build(production, script=False)
    extra = make_person(production, first_name="Eve", last_name="Extra")
    booked = book(
        production,
        room,
        (18, 30),
        (20, 0),
        kind=RoomBooking.Kind.MEETING,
        people=[*people, crew, extra],
    )
    assert booked.booking.pk
    assert booked.warnings == [
        "4 people are invited and Conference Room seats 3: bring chairs or choose a bigger room.",
        "This is outside the office's hours for Conference Room (8:00 AM–7:00 PM): "
        "make sure someone opens up.",
    ]


def test_the_booking_page_refuses_a_person_not_on_the_lists(production, coordinator_client):
    room, (bob, _), _ = build(production, script=False)
    stranger = make_person(make_production("Another Show"), first_name="Sam", last_name="Else")
    response = coordinator_client.post(
        f"/p/{production.slug}/office/rooms/book/",
        {
            "room": room.pk,
            "kind": "meeting",
            "title": "Prep meeting",
            "day": "2027-03-02",
            "starts": "10:00",
            "ends": "11:00",
            "people": [bob.pk, stranger.pk],
        },
    )
    assert response.status_code == 400
    assert "is not on this production&#x27;s lists: nothing was booked" in response.content.decode()
    assert "Sam Else" not in response.content.decode()  # another show's people stay unseen
    nothing_more_saved(0)
    assert not OutboundEmail.objects.exists()


def test_the_booking_page_says_the_room_is_taken(production, coordinator_client):
    room, _, _ = build(production, script=False)
    book(production, room, (10, 0), (11, 0), title="Concept meeting")
    response = coordinator_client.post(
        f"/p/{production.slug}/office/rooms/book/",
        {
            "room": room.pk,
            "kind": "booking",
            "title": "Casting",
            "day": "2027-03-02",
            "starts": "10:15",
            "ends": "10:45",
        },
    )
    assert response.status_code == 400
    assert "Conference Room is booked Tue Mar 2, 10:00 AM–11:00 AM for Concept meeting" in (
        response.content.decode()
    )
    assert RoomBooking.objects.count() == 1
