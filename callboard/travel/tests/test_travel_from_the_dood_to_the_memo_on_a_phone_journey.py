"""Issue 19's journey in one browser test: the coordinator books a performer's trip from the
legs the schedule proposes (her DOOD travel day: fly in, hotel, fly out), the checks have
nothing to say; the airline moves the flight in to the morning of her call and the Travel page
says she lands too late; the coordinator sends the memo, and the performer opens it on her
phone — each flight in its own airports' times — and confirms. Screenshots go to $SHOTS."""

import os
import re

import pytest

from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.distribution.models import Delivery
from callboard.people.models import Person
from callboard.schedule.models import Element
from callboard.travel.models import Booking
from callboard.travel.services import travel_profile_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"travel-{name}.png"), full_page=True)


def save(page):
    with page.expect_navigation():
        page.click("button:has-text('Save')")


def test_a_trip_booked_from_the_dood_checked_and_its_memo_read_on_a_phone(
    browser_page,
    live_server,
    production,
    shooting,  # noqa: F811
):
    publish_despite(make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1)))
    donna = Person.objects.get(production=production, first_name="Donna")
    travel_profile_save(
        actor=None, person=donna, local_hire=False, home_airports="JFK",
        cabin_required="coach", passport_expires=None,
    )  # fmt: skip
    role = Element.objects.get(person=donna)
    role.events = [
        {"name": "travel", "date": "2026-12-09"},
        {"name": "travel", "date": "2026-12-12"},
    ]
    role.save()
    add_member(production, Role.COORDINATOR, user=make_user("poc@example.test", name="Pat Kim"))
    base = f"{live_server.url}/p/{production.slug}/travel"

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "poc@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base}/")
    page.fill("input[name=airport]", "lax")
    page.fill("input[name=hotel]", "The Standard")
    with page.expect_navigation():
        page.click("form:has(input[name=airport]) button")
    trip = page.locator(f"#trip-{donna.pk}")
    assert "fly in Wed 9 Dec" in trip.inner_text() and "fly out Sat 12 Dec" in trip.inner_text()
    shot(page, "1-proposed")

    # Fly in, from the proposed leg: the date and LAX are already on the form.
    trip.locator("a:text('Book flight')").first.click()
    assert page.input_value("#id_destination") == "LAX"
    assert page.input_value("#id_starts_local") == "2026-12-09T08:00"
    page.fill("#id_carrier", "DL")
    page.fill("#id_number", "402")
    page.fill("#id_origin", "JFK")
    page.fill("#id_ends_local", "2026-12-09T11:30")
    page.fill("#id_cost", "412.80")
    save(page)
    page.goto(f"{base}/")
    page.locator(f"#trip-{donna.pk} a:text('Book hotel')").click()
    assert page.input_value("#id_hotel") == "The Standard"
    assert page.input_value("#id_check_out") == "2026-12-12"
    page.fill("#id_nightly_rate", "249.00")
    save(page)
    page.goto(f"{base}/")
    page.locator(f"#trip-{donna.pk} a:text('Book flight')").click()
    assert page.input_value("#id_origin") == "LAX"
    page.fill("#id_carrier", "DL")
    page.fill("#id_number", "403")
    page.fill("#id_destination", "JFK")
    page.fill("#id_starts_local", "2026-12-12T13:00")
    page.fill("#id_ends_local", "2026-12-12T21:25")
    save(page)
    page.goto(f"{base}/")
    assert page.locator(f"#trip-{donna.pk} .ok").count() == 3  # every leg booked
    assert page.is_visible("text=The checks found nothing")
    shot(page, "2-booked")

    # The airline moves the flight in to the morning of her first day: too late for her call.
    inbound = Booking.objects.get(number="402")
    page.goto(f"{base}/bookings/{inbound.pk}/")
    page.fill("#id_starts_local", "2026-12-10T06:00")
    page.fill("#id_ends_local", "2026-12-10T09:20")
    save(page)
    page.goto(f"{base}/")
    late = page.locator(".finding.late_arrival").inner_text()
    assert "Late for the call" in late and "DL 402 lands at LAX 9:20 AM" in late
    shot(page, "3-late-flight")

    # The memo goes to her, and she reads it on her phone.
    page.goto(f"{base}/people/{donna.pk}/")
    with page.expect_navigation():
        page.click("button:has-text('Send memo')")
    body = OutboundEmail.objects.get(to=donna.email).body
    link = re.search(r"https?://[^/\s]+(/l/memo/[^/\s]+/)", body).group(1)
    page.context.clear_cookies()  # the traveller has no account
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{link}")
    assert page.is_visible("text=Departs JFK Thu 10 Dec 6:00 AM EST · Arrives LAX 9:20 AM PST")
    assert page.is_visible("text=Departs LAX Sat 12 Dec 1:00 PM PST · Arrives JFK 9:25 PM EST")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the memo scrolls sideways on a phone ({width}px)"
    shot(page, "4-memo-on-a-phone")
    with page.expect_navigation():
        page.click("button:has-text('I have it')")
    assert Delivery.objects.get(person=donna).confirmed_at is not None
