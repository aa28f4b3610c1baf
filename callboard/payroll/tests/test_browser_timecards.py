"""A time card from entry to payroll: the office sends the week's cards, the crew member
corrects and signs theirs on a phone, the department head approves it, the coordinator
cannot accept it over its open flags until payroll overrides them with a reason, batches it,
and payroll's CSV carries the engine's figures."""

import csv
import io
import re
from datetime import date, time
from decimal import Decimal

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.payroll.models import TimeCard
from callboard.people.models import Department

from .helpers import person_with_deal, publish_sheet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_card_from_the_phone_to_the_payroll_batch(browser_page, live_server):
    production = make_production("Time Card Show")
    add_member(production, Role.COORDINATOR, make_user("coord@example.test"))
    add_member(production, Role.DEPARTMENT_HEAD, make_user("keygrip@example.test"))
    add_member(production, Role.PAYROLL, make_user("payroll@example.test"))
    grip = Department.objects.get(production=production, name="Grip")
    person_with_deal(
        production,
        first_name="Kay",
        last_name="Grip",
        email="keygrip@example.test",
        department=grip,
        is_department_head=True,
        rate=None,
    )
    crew = person_with_deal(
        production,
        first_name="Ann",
        last_name="Lee",
        email="ann@example.test",
        department=grip,
        position="Best Boy Grip",
    )
    publish_sheet(
        production, date(2026, 3, 2), {crew: "07:00"}, est_wrap=time(19, 0), lunch=time(13, 0)
    )

    page = browser_page
    log_in(page, live_server, "coord@example.test", production)
    page.click("nav >> text=Time cards")
    page.fill("input[aria-label='Week with this date']", "2026-03-04")
    page.click("button:has-text('Go to week')")
    page.wait_for_selector("text=week of Sun Mar 1")
    page.click("button:has-text('Prepare & send 1 card')")
    page.wait_for_selector("text=1 time card sent")

    link = re.search(
        r"(/l/timecard/\S+/)", OutboundEmail.objects.get(to="ann@example.test").body
    ).group(1)
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(live_server.url + link)
    assert phone.input_value("input[aria-label='Mon Mar 2 call']") == "07:00"  # from the call sheet
    # Lunch went late and the day ran long; a typo first, kept on screen with its message.
    phone.fill("input[aria-label='Mon Mar 2 meal 1 out']", "13:20")
    phone.fill("input[aria-label='Mon Mar 2 meal 1 in']", "")
    phone.click("button:has-text('Save')")
    phone.wait_for_selector("text=give both the start and the end of meal 1")
    assert phone.input_value("input[aria-label='Mon Mar 2 meal 1 out']") == "13:20"
    phone.fill("input[aria-label='Mon Mar 2 meal 1 in']", "13:50")
    phone.fill("input[aria-label='Mon Mar 2 wrap']", "20:30")
    phone.fill("#signature", "Ann Lee")
    phone.click("button:has-text('Sign and submit')")
    phone.wait_for_selector("text=✓ Signed")
    # 13.0 worked on $300/12: 300.00 + 1.0 h at 2x (42.86) + the meal premium (21.43).
    assert phone.text_content("#gross") == "$364.29"
    phone.screenshot(path="/tmp/timecard-phone.png", full_page=True)

    # The key grip approves the grips' cards.
    page.click("text=Log out")
    log_in(page, live_server, "keygrip@example.test", production)
    page.click("nav >> text=Time cards")
    page.goto(f"{live_server.url}/p/{production.slug}/timecards/?week=2026-03-01")
    page.click("text=Ann Lee")
    page.click("button:has-text('Approve')")
    page.wait_for_selector("text=Approved; the office reviews it next")

    # The coordinator reviews the flag and batches the card for payroll.
    page.click("text=Log out")
    log_in(page, live_server, "coord@example.test", production)
    page.goto(f"{live_server.url}/p/{production.slug}/timecards/?week=2026-03-01")
    page.click("text=Ann Lee")
    assert page.is_visible("text=Mon Mar 2: $21.43 — first meal started 13:20, 20 min late")
    assert not page.is_visible("text=Override with a reason")  # not the coordinator's to do
    page.click("button:has-text('Accept for payroll')")
    page.wait_for_selector("text=2 warnings to resolve or override with a reason first")

    # Payroll lets the late lunch and the long wrap pass, saying why.
    page.click("text=Log out")
    log_in(page, live_server, "payroll@example.test", production)
    page.goto(f"{live_server.url}/p/{production.slug}/timecards/?week=2026-03-01")
    page.click("text=Ann Lee")
    for _ in range(2):
        page.click("#to-check summary:has-text('Override with a reason') >> nth=0")
        page.fill(
            "#to-check details[open] textarea[name=reason]", "Checked with the 2nd AD's report."
        )
        page.click("#to-check details[open] button:has-text('Override')")
        page.wait_for_selector("text=Overridden; your reason is shown to the next approvers")

    page.click("text=Log out")
    log_in(page, live_server, "coord@example.test", production)
    page.goto(f"{live_server.url}/p/{production.slug}/timecards/?week=2026-03-01")
    page.click("text=Ann Lee")
    assert page.locator("text=Checked with the 2nd AD's report.").count() == 2
    page.click("button:has-text('Accept for payroll')")
    page.wait_for_selector("text=Reviewed; ready for a payroll batch")
    page.screenshot(path="/tmp/timecard-office.png", full_page=True)
    page.click("text=← The week")
    page.click("button:has-text('Batch the ticked reviewed cards')")
    # Ann has no approved start packet: the batch waits for payroll, the CSV is there to check.
    page.wait_for_selector("text=Payroll batch 1 made with 1 cards; it goes to payroll once")
    assert page.is_visible("text=Ann Lee has no approved start packet.")
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("364.29")
    assert {r["employee"] for r in rows} == {"Ann Lee"}
    card = TimeCard.objects.get(person=crew)
    assert card.status == TimeCard.Status.BATCHED and card.is_locked
