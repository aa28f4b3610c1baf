"""A booking's set-up notes (chairs, screen, catering) are a task on the Office page: the PAs
see it beside today's bookings and tick it off; crew see the rooms but neither book nor tick;
another show's members see nothing."""

import datetime as dt

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.office.models import RoomBooking, RoomSetupTask
from callboard.office.rooms import services

from .rooms_helpers import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked_today(production):
    room, _, _ = build(production, script=False)
    now = dt.datetime.now(tz=production.tzinfo)
    start = now.replace(hour=22, minute=0, second=0, microsecond=0)
    if start <= now:  # after 10 pm: the end of today still has an hour
        start = now + dt.timedelta(minutes=5)
    return services.booking_create(
        actor=None,
        production=production,
        room=room,
        kind=RoomBooking.Kind.BOOKING,
        title="Production meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=50),
        setup_notes="Twelve chairs, the screen, coffee",
    ).booking


def test_the_pa_sees_the_set_up_on_the_office_page_and_ticks_it_off(
    client, production, booked_today
):
    pa = add_member(production, Role.PA)
    client.force_login(pa)
    page = client.get(f"/p/{production.slug}/office/").content.decode()
    assert "Conference Room — Production meeting" in page
    assert "Set up Conference Room" in page and "Twelve chairs, the screen, coffee" in page
    task = RoomSetupTask.objects.get()
    done = client.post(
        f"/p/{production.slug}/office/rooms/tasks/{task.pk}/done/", {"next": "office"}
    )
    assert done.status_code == 302 and done["Location"] == f"/p/{production.slug}/office/"
    task.refresh_from_db()
    assert task.done_at and task.done_by == pa
    assert "Twelve chairs" not in client.get(f"/p/{production.slug}/office/").content.decode()


def test_crew_see_the_rooms_but_neither_book_nor_tick(client, production, booked_today):
    client.force_login(add_member(production, Role.CREW))
    assert client.get(f"/p/{production.slug}/office/rooms/").status_code == 200
    assert client.get(f"/p/{production.slug}/office/rooms/book/").status_code == 403
    task = RoomSetupTask.objects.get()
    assert (
        client.post(f"/p/{production.slug}/office/rooms/tasks/{task.pk}/done/").status_code == 403
    )
    cancel = f"/p/{production.slug}/office/rooms/{booked_today.pk}/cancel/"
    assert client.post(cancel).status_code == 403
    task.refresh_from_db()
    assert task.done_at is None


def test_another_shows_coordinator_reaches_none_of_it(client, production, booked_today):
    other = make_production("Another Show")
    client.force_login(add_member(other, Role.COORDINATOR))
    task = RoomSetupTask.objects.get()
    for url in (
        f"/p/{production.slug}/office/rooms/",
        f"/p/{production.slug}/office/rooms/{booked_today.pk}/",
    ):
        assert client.get(url).status_code == 404
    # Their own show's URL with this show's ids finds nothing either.
    assert client.get(f"/p/{other.slug}/office/rooms/{booked_today.pk}/").status_code == 404
    assert client.post(f"/p/{other.slug}/office/rooms/tasks/{task.pk}/done/").status_code == 404
    assert client.post(f"/p/{other.slug}/office/rooms/{booked_today.pk}/cancel/").status_code == 404
    assert RoomBooking.objects.get().cancelled_at is None


def test_the_coordinator_adds_a_room_and_a_bad_one_is_refused(coordinator_client, production):
    url = f"/p/{production.slug}/office/rooms/add/"
    fields = {"name": "Writers' Room", "capacity": 10, "opens": "08:00", "closes": "19:00"}
    assert coordinator_client.post(url, fields).status_code == 302
    again = coordinator_client.post(url, {**fields, "name": "writers' room"})
    assert again.status_code == 400
    assert "There is a room called writers&#x27; room already." in again.content.decode()
    backwards = coordinator_client.post(
        url, {**fields, "name": "B", "opens": "19:00", "closes": "08:00"}
    )
    assert "The office closes before it opens" in backwards.content.decode()
    assert production.rooms.count() == 1
