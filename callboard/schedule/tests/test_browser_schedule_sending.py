"""A coordinator publishes White, moves three scenes, publishes Blue, sees what moved and
sends it to the department heads and the cast; a cast member's phone page says REVISED with
their changed days, and their calendar feed shows the new days (issue 22)."""

import re
from datetime import date

import pytest
from icalendar import Calendar

from callboard.callsheets.calendar import calendar_link
from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, log_in, make_user
from callboard.people.models import Person
from callboard.schedule.models import Element, Strip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _move(scenario, scene: str, to_day: int):
    """Move a scene's strip to the end of a day (0-based), as dragging it on the board does."""
    pk = Strip.objects.get(production=scenario.production, scene_number=scene).pk
    layout = scenario.layout
    for day in layout["days"]:
        if pk in day:
            day.remove(pk)
    layout["days"][to_day].append(pk)
    scenario.layout = layout
    scenario.save()


def test_a_blue_schedule_reaches_the_cast_on_their_phones_and_calendars(
    browser_page, live_server, small_board, tmp_path
):
    production = small_board.production
    add_member(production, Role.COORDINATOR, make_user("sched@example.test"))
    mae = Person.objects.create(
        production=production, kind=Person.Kind.CAST, first_name="Mae", last_name="West",
        email="mae@example.test", character="MARY",
    )  # fmt: skip
    Element.objects.filter(production=production, name="MARY").update(person=mae)
    Person.objects.create(
        production=production, first_name="Dana", last_name="Grip", email="dana@example.test",
        is_department_head=True,
    )  # fmt: skip
    Person.objects.create(production=production, first_name="Lou", email="lou@example.test")
    page = browser_page
    log_in(page, live_server, "sched@example.test", production)
    publish = f"{live_server.url}/p/{production.slug}/schedule/scenarios/{small_board.pk}/publish/"

    page.goto(publish)
    page.click("button:has-text('Publish White version')")
    page.wait_for_selector("text=Published: White")

    # Three scenes move: 5 to day 1, 1 to day 2, 2 to day 3 (Mary now works days 1-3).
    _move(small_board, "5", 0)
    _move(small_board, "1", 1)
    _move(small_board, "2", 2)
    page.goto(publish)
    page.click("button:has-text('Publish Blue version')")
    page.wait_for_selector("text=Published: Blue revision")

    page.click("#compare-versions button:has-text('What moved')")
    page.wait_for_selector("#moved-days >> li:has-text('Sc. 5 moved: day 3 → day 1')")
    assert page.is_visible("#moved-days >> li:has-text('Sc. 1 moved: day 1 → day 2')")
    assert page.is_visible("#moved-cast >> text=MARY")

    page.click("a.button:text-is('Versions')")
    page.click("#version-2 a:text-is('2')")
    page.check("label:has-text('Department heads') >> input")
    page.check("label:has-text('Cast') >> input")
    page.click("#version-send button:has-text('Send')")
    page.wait_for_selector("text=Sending Blue revision")
    assert page.is_visible("#version-deliveries >> text=Mae West")
    assert page.is_visible("#version-deliveries >> text=Dana Grip")
    assert not page.is_visible("#version-deliveries >> text=Lou")  # not a head, not cast

    body = OutboundEmail.objects.get(to="mae@example.test").body
    link = re.search(r"https?://\S+(/l/schedule/\S+)", body).group(1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{link}")
    page.wait_for_selector("text=REVISED — Blue revision")
    assert page.is_visible("text=Sc. 5 moved from day 3 to day 1")
    assert page.is_visible("#my-days >> text=Your days (3)")
    assert "2, 3 → 1, 2, 3" in page.inner_text("#what-moved")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    page.click("button:has-text('Got it')")
    page.wait_for_selector("text=You confirmed you have it")

    feed_path = "/l/" + calendar_link(mae).split("/l/", 1)[1]
    feed = page.request.get(f"{live_server.url}{feed_path}").body()
    days = sorted(e.decoded("dtstart") for e in Calendar.from_ical(feed).walk("VEVENT"))
    assert days == [date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)]
