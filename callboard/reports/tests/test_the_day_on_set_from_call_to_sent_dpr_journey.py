"""Issue 18's whole day in one browser journey, on a phone where the work is done on set:
the 2nd AD records call to wrap (the first-shot, lunch and wrap status reports go to the
status group), the script supervisor records the scenes, the 2nd AD fills the department's
wrap and submits; in the office a time card that disagrees with the report is found on the
reconciliation page and settled with a reason; the UPM approves the DPR and it is sent to
its group. The DPR and the Exhibit G are fetched as the office would print them.
Screenshots and the PDFs go to $SHOTS when it is set (to look at them)."""

import io
import os
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member
from callboard.payroll import queries as payroll_queries
from callboard.payroll import services as payroll
from callboard.people.models import DistributionGroup, Person
from callboard.people.testing import make_person
from callboard.reports.models import ProductionReport
from callboard.reports.services import report_settings_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"day-{name}.png"), full_page=True)


def keep(name, body):
    if SHOTS:
        with open(os.path.join(SHOTS, name), "wb") as out:
            out.write(body)


def sign_in(page, live_server, user):
    """The browser carries a signed-in session (second factor counted, as force_login does)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def record(page, kind, *, time="", now=False, note=""):
    card = page.locator(f"#t-{kind}")
    if note:
        card.locator("input[name=note]").fill(note)
    with page.expect_navigation():
        if now:
            card.locator("button.now").click()
        else:
            card.locator("input[name=time]").fill(time)
            card.locator("button:text('Record')").click()


def pdf_text(body):
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def test_a_day_on_set_from_call_to_the_sent_dpr(
    browser_page, live_server, day_one, on_set, production
):
    upm_on_list = make_person(production, first_name="Una", last_name="Upm")
    studio = make_person(production, first_name="Stu", last_name="Dio")
    status_group = DistributionGroup.objects.create(
        production=production, name="Status", kind="custom"
    )
    status_group.members.set([upm_on_list])
    dpr_group = DistributionGroup.objects.create(production=production, name="DPR", kind="custom")
    dpr_group.members.set([upm_on_list, studio])
    report_settings_update(
        actor=None, production=production, status_group=status_group, status_by_text=False,
        report_group=dpr_group, tolerance_minutes=6, credit_parts=False,
    )  # fmt: skip
    second_ad = add_member(production, Role.SECOND_AD)
    page = browser_page
    page.set_viewport_size(PHONE)

    # On set, on the 2nd AD's phone: call to wrap.
    on_set(2026, 12, 10, 15, 0)  # 7:00 AM in Los Angeles
    sign_in(page, live_server, second_ad)
    page.goto(f"{live_server.url}/p/{production.slug}/")
    page.click("nav >> text=On set")
    with page.expect_navigation():
        page.click("text=Start the main unit's day")
    record(page, "crew_call", now=True)
    record(page, "first_shot", time="8:20", note="Generator failed")
    record(page, "meal_out", time="13:00")
    record(page, "meal_in", time="13:30")
    record(page, "first_shot_after_meal", time="13:48")
    on_set(2026, 12, 11, 3, 40)  # 7:40 PM
    record(page, "camera_wrap", now=True)
    record(page, "last_out", time="20:15")
    shot(page, "1-set-times-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the set page scrolls sideways on a phone ({width}px)"
    page.click("text=Status reports sent")
    assert page.locator("section.card h2").all_inner_texts() == [
        "First shot",
        "Lunch",
        "Camera wrap",
    ]
    shot(page, "2-status-reports")
    subjects = set(
        OutboundEmail.objects.filter(to=upm_on_list.email).values_list("subject", flat=True)
    )
    for words in ("FIRST SHOT: 8:20 AM", "LUNCH: 1:00 PM – 1:30 PM", "CAMERA WRAP: 7:40 PM"):
        assert any(s.endswith(words) for s in subjects), (words, subjects)
    report = ProductionReport.objects.get(production=production, date=date(2026, 12, 10))
    base = f"{live_server.url}/p/{production.slug}/reports/{report.pk}"

    # The script supervisor's scenes, on a phone.
    sign_in(page, live_server, add_member(production, Role.SCRIPT_SUPERVISOR))
    page.goto(f"{base}/scenes/")
    page.select_option("select[aria-label='Scene 1 status']", "complete")
    page.fill("input[aria-label='Scene 1 minutes']", "2:10")
    page.fill("input[aria-label='Scene 1 setups']", "7")
    page.click("button:has-text('Save scenes')")
    page.wait_for_selector("text=Scenes saved.")
    shot(page, "3-scenes-phone")

    # The 2nd AD wraps the department (one grip stayed late) and submits.
    sign_in(page, live_server, second_ad)
    crew = Person.objects.filter(production=production, kind="crew", first_name__startswith="Crew")
    crew.update(rate=Decimal("40"), rate_unit="hour")  # from their deal memos
    late = crew.order_by("first_name").first()
    page.goto(f"{base}/crew/{late.department_id}/")
    page.fill("#wrap", "20:00")
    page.fill(f"input[name='p{late.pk}_wrap']", "20:30")
    page.fill(f"input[name='p{late.pk}_note']", "Loaded the truck")
    page.click("button:has-text('times')")
    page.wait_for_selector("text=times saved")
    shot(page, "4-department-phone")
    page.goto(f"{base}/")
    assert page.is_visible("text=Everything required is in.")
    page.click("button:has-text('Submit to the UPM')")
    page.wait_for_selector("text=Submitted to the UPM for approval.")

    # A grip's time card says 21:30; the report says 20:30.
    card = payroll.timecard_prepare(actor=None, person=late, week_start=date(2026, 12, 6))
    days = [dict(d, wrap="21:30") if d["date"] == "2026-12-10" else d for d in card.days]
    card = payroll.timecard_submit(
        card=payroll.timecard_save(actor=None, card=card, days=days), signature=late.display_name
    )
    assert [f.code for f in payroll_queries.timecard_flags(card)].count("dpr_differs") == 1

    # In the office: the UPM finds the card that disagrees, settles it, approves and sends.
    upm = add_member(production, Role.UPM)
    sign_in(page, live_server, upm)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/reconcile/")
    row = page.locator(f"#person-{late.pk}")
    differs = " ".join(row.inner_text().split())
    assert "wrap: 20:30 on the report, 21:30 on the card" in differs
    shot(page, "5-reconciliation-differs")
    row.locator("input[name=reason]").fill("Checked with the key grip: truck loaded by 8:30")
    with page.expect_navigation():
        row.locator("button:text('The report is right')").click()
    assert page.is_visible("text=The report's times are on the card.")
    card.refresh_from_db()
    assert next(d for d in card.days if d["date"] == "2026-12-10")["wrap"] == "20:30"
    assert "dpr_differs" not in [f.code for f in payroll_queries.timecard_flags(card)]

    page.goto(f"{base}/")
    page.click("button:has-text('Approve and send')")
    page.wait_for_selector("text=Approved and frozen.")
    shot(page, "6-dpr-approved")
    dpr_mail = OutboundEmail.objects.filter(to__in=[upm_on_list.email, studio.email])
    assert dpr_mail.filter(subject__startswith="DPR — Day 1").count() == 2

    dpr = page.request.get(f"{base}/dpr.pdf")
    assert dpr.ok
    keep("day-dpr.pdf", dpr.body())
    text = pdf_text(dpr.body())
    assert "DAILY PRODUCTION REPORT" in text and "Generator failed" in text
    assert "NOT APPROVED" not in text
    exhibit_g = page.request.get(f"{base}/exhibit-g.pdf")
    assert exhibit_g.ok
    keep("day-exhibit-g.pdf", exhibit_g.body())
    assert "EXHIBIT G" in pdf_text(exhibit_g.body()).upper()
