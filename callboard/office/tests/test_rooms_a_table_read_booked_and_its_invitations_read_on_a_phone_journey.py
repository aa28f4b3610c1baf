"""Issue 20's rooms in one browser test: the coordinator adds the conference room from the
Office page, books a table read with the cast and the director invited and the set-up noted;
booking the same hour again is refused by name; the invitations land in the outbox, and Bob,
on his phone, reads his with the link to his own script copy; a PA ticks the set-up off on the
Office page on hers. Screenshots go to $SHOTS."""

import os
import re

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, log_in, make_user
from callboard.office.models import RoomBooking, RoomSetupTask
from callboard.schedule.models import Element

from .rooms_helpers import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"rooms-{name}.png"), full_page=True)


def test_a_table_read_booked_and_its_invitation_read_on_a_phone(
    browser_page, live_server, production
):
    room, cast, director = build(production)
    room.delete()  # the coordinator adds it on the page
    add_member(production, Role.COORDINATOR, user=make_user("poc@example.test", name="Pat Kim"))
    add_member(production, Role.CREW, user=make_user("bob@example.test", name="Bob Actor"))
    add_member(production, Role.PA, user=make_user("pa@example.test", name="Pia Assist"))
    base = f"{live_server.url}/p/{production.slug}/office"

    page = browser_page
    log_in(page, live_server, "poc@example.test", production)
    page.goto(f"{base}/")
    page.click("#office-rooms h2 a:text('Rooms')")
    page.fill("#id_name", "Conference Room")
    page.fill("#id_capacity", "12")
    page.fill("#id_equipment", "Screen, speakerphone")
    with page.expect_navigation():
        page.click("button:text('Add the room')")
    assert "Conference Room added: 12 seats." in page.inner_text(".messages")

    def book(title, start, end):
        page.click("a:text('Book a room')")
        page.select_option("#id_kind", "table_read")
        page.fill("#id_title", title)
        page.fill("#id_day", "2027-03-02")
        page.fill("#id_starts", start)
        page.fill("#id_ends", end)
        page.select_option("#id_people", [str(p.pk) for p in (*cast, director)])
        page.fill("#id_setup_notes", "Twelve chairs, name cards, the screen on, coffee at 9:30")
        with page.expect_navigation():
            page.click("button:text('Book it')")

    book("Table read, episode 1", "10:00", "12:30")
    assert "the invitations are going to 3 people" in page.inner_text(".messages")
    invited = page.inner_text("table")
    assert "Bob Actor" in invited and "Dee Rector" in invited
    assert invited.count("R") >= 2  # the cast's rehearsal day on the DOOD
    shot(page, "1-booked")
    assert Element.objects.get(person=cast[0]).event_dates("rehearsal")

    page.goto(f"{base}/rooms/")
    book("Casting session", "11:00", "12:00")
    assert "Conference Room is booked Tue Mar 2, 10:00 AM–12:30 PM for Table read, episode 1" in (
        page.inner_text(".problems")
    )
    shot(page, "2-double-booking-refused")
    assert RoomBooking.objects.count() == 1

    # Bob, on his phone, finds the invitation in the outbox with his script link.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "bob@example.test", production)
    page.goto(f"{live_server.url}/outbox/")
    page.click("a:text('Table read: Table read, episode 1')")
    body = page.inner_text("main")
    assert "When: Tuesday March 2, 10:00 AM–12:30 PM" in body
    assert re.search(r"/l/script/\S+", body), body
    shot(page, "3-invitation-on-a-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the page is {width}px wide on a 390px phone"
    assert OutboundEmail.objects.filter(subject__contains="Table read, episode 1").count() == 3

    # A PA on her phone sets the room up and says so on the Office page.
    page.context.clear_cookies()
    log_in(page, live_server, "pa@example.test", production)
    page.goto(f"{base}/rooms/")
    assert "Twelve chairs, name cards" in page.inner_text("main")
    shot(page, "4-rooms-on-a-phone")
    width = page.evaluate("document.querySelector('main').scrollWidth")
    assert width <= PHONE["width"], f"the rooms page is {width}px wide on a 390px phone"
    with page.expect_navigation():
        page.click("button:text('Set up — done')")
    assert "Conference Room is set up for Table read, episode 1." in page.inner_text(".messages")
    assert RoomSetupTask.objects.get().done_at is not None
    shot(page, "5-set-up-done")
