"""In a browser: the script supervisor records the day's scenes on a phone, the 2nd AD fills
a department's wrap, the background and an incident and submits, the UPM approves; the DPR
PDF is the approved report. Screenshots go to $SHOTS when set (to look at the pages)."""

import io
import os

import pytest
from django.test import Client
from pypdf import PdfReader

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.people.models import Person
from callboard.reports.services import report_start

from .dpr_days import times_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    if os.environ.get("SHOTS"):
        page.screenshot(path=f"{os.environ['SHOTS']}/{name}.png", full_page=True)


def sign_in(page, live_server, user):
    """The browser carries a signed-in session (second factor counted, as force_login does)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_a_day_recorded_submitted_and_approved(browser_page, live_server, day_one, production):
    page = browser_page
    second_ad = add_member(production, Role.SECOND_AD)
    report = report_start(actor=second_ad, call_sheet=day_one)
    times_record(second_ad, report)
    base = f"{live_server.url}/p/{production.slug}/reports/{report.pk}"

    sign_in(page, live_server, add_member(production, Role.SCRIPT_SUPERVISOR))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/scenes/")
    page.select_option("select[aria-label='Scene 1 status']", "complete")
    page.fill("input[aria-label='Scene 1 minutes']", "1:30")
    page.fill("input[aria-label='Scene 1 setups']", "5")
    page.fill("input[aria-label='Added scene number']", "3")
    page.fill("input[aria-label='Added scene setups']", "2")
    page.click("button:has-text('Save scenes')")
    page.wait_for_selector("text=Scenes saved.")
    shot(page, "dpr-scenes-phone")

    sign_in(page, live_server, second_ad)
    page.set_viewport_size({"width": 1280, "height": 900})
    crew0 = Person.objects.get(first_name="Crew0")
    page.goto(f"{base}/crew/{crew0.department_id}/")
    page.fill("#wrap", "19:30")
    page.fill(f"input[name='p{crew0.pk}_wrap']", "25:30")
    page.fill(f"input[name='p{crew0.pk}_note']", "Wrapped the stage")
    page.click("button:has-text('times')")
    page.wait_for_selector("text=times saved")
    shot(page, "dpr-department")
    page.goto(f"{base}/background/")
    page.fill("input[aria-label='New line type']", "Diners")
    page.fill("input[aria-label='New line count']", "12")
    page.fill("input[aria-label='New line called']", "12")
    page.fill("input[aria-label='New line vouchers']", "11")
    page.click("button:has-text('Save background')")
    page.wait_for_selector("text=Background saved.")
    page.goto(f"{base}/office/")
    page.fill("input[aria-label='Who was involved']", "Crew2")
    page.fill("textarea[aria-label='What happened']", "Cut a finger on a flag")
    page.fill("input[aria-label='When']", "15:10")
    page.check("input[name=first_aid]")
    page.click("button:has-text('Add incident')")
    page.wait_for_selector("text=Incident added.")
    page.goto(f"{base}/")
    assert page.is_visible("text=Everything required is in.")
    shot(page, "dpr-day-draft")
    page.click("button:has-text('Submit to the UPM')")
    page.wait_for_selector("text=Submitted to the UPM for approval.")

    sign_in(page, live_server, add_member(production, Role.UPM))
    page.goto(f"{base}/")
    page.click("button:has-text('Approve and send')")
    page.wait_for_selector("text=Approved and frozen.")
    shot(page, "dpr-day-approved")
    pdf = page.request.get(f"{base}/dpr.pdf")
    if os.environ.get("SHOTS"):
        with open(f"{os.environ['SHOTS']}/dpr-approved.pdf", "wb") as out:
            out.write(pdf.body())
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "DAILY PRODUCTION REPORT" in text and "Cut a finger on a flag" in text
    assert "NOT APPROVED" not in text
