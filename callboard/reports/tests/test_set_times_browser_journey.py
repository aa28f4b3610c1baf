"""Issue 18, item 1, on a phone: the 2nd AD starts the day, records crew call by Now, a late
first shot typed with its reason, lunch out (grace) typed and lunch in by Now, and wrap typed;
first shot, lunch and wrap each send their status report, which the outbox shows."""

import os

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import PASSWORD, add_member, make_user
from callboard.people.models import DistributionGroup
from callboard.people.testing import make_person
from callboard.reports.models import SetTime
from callboard.reports.services import report_settings_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def record(page, kind, *, time="", now=False, **checks):
    card = page.locator(f"#t-{kind}")
    for field, value in checks.items():
        if field == "note":
            card.locator("input[name=note]").fill(value)
        else:
            card.locator(f"input[name={field}]").check()
    if now:
        with page.expect_navigation():
            card.locator("button.now").click()
    else:
        card.locator("input[name=time]").fill(time)
        with page.expect_navigation():
            card.locator("button:text('Record')").click()


def test_a_day_from_call_to_wrap_on_a_phone(browser_page, live_server, day_one, on_set):
    production = day_one.production
    upm = make_person(production, first_name="Una", last_name="Upm")
    group = DistributionGroup.objects.create(production=production, name="UPM", kind="custom")
    group.members.set([upm])
    report_settings_update(
        actor=None, production=production, status_group=group, status_by_text=False,
        report_group=None, tolerance_minutes=6, credit_parts=False,
    )  # fmt: skip
    second_ad = make_user("secondad@example.test", name="Sam Second")
    second_ad.is_staff = True  # reads the whole outbox
    second_ad.save()
    add_member(production, Role.SECOND_AD, user=second_ad)
    on_set(2026, 12, 10, 15, 0)  # 7:00 AM in Los Angeles

    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "secondad@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
    page.click("nav >> text=On set")
    shot(page, "set-1-today")
    with page.expect_navigation():
        page.click("text=Start the main unit's day")

    record(page, "crew_call", now=True)
    assert page.locator("#t-crew_call .at").inner_text() == "7:00 AM"
    record(page, "first_shot", time="8:25")  # late, no reason: refused, kept
    assert page.is_visible("text=more than an hour after call")
    assert page.locator("#t-first_shot input[name=time]").input_value() == "8:25"
    shot(page, "set-2-late-first-shot-refused")
    record(page, "first_shot", time="8:25", note="Camera truck late")
    assert page.is_visible("text=Why: Camera truck late")
    record(page, "meal_out", time="12:40", grace="on")
    on_set(2026, 12, 10, 21, 10)  # 1:10 PM
    record(page, "meal_in", now=True)
    assert page.locator("#t-meal_in .at").inner_text() == "1:10 PM"
    record(page, "camera_wrap", time="19:42")
    shot(page, "set-3-wrapped")
    assert SetTime.objects.filter(report__production=production).count() == 5
    assert page.viewport_size["width"] == 390
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"

    page.click("text=Status reports sent")
    assert page.locator("section.card h2").all_inner_texts() == [
        "First shot",
        "Lunch",
        "Camera wrap",
    ]
    shot(page, "set-4-status-reports")
    page.goto(f"{live_server.url}/outbox/")
    for subject in (
        "FIRST SHOT: 8:25 AM",
        "LUNCH: 12:40 PM – 1:10 PM",
        "CAMERA WRAP: 7:42 PM",
    ):
        assert page.is_visible(f"text={subject}"), subject
    shot(page, "set-5-outbox")
    wrap = OutboundEmail.objects.get(to=upm.email, subject__endswith="CAMERA WRAP: 7:42 PM")
    assert "Camera truck late" in wrap.body and "(grace called)" in wrap.body
