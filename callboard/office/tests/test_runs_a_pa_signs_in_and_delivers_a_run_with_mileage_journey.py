"""Issue 20 item 2's journey in one browser test: someone in the office asks for a run, the
coordinator gives it to a PA; the PA, on a 390 px phone, signs in, marks it picked up (a second
PA who tampers with a form to mark it is refused), delivered with 12.4 miles, and signs out;
the coordinator sees the miles, makes the check request, finds the sign-in and sign-out on the
PA's time card and prints the day's run log (its text read back and page 1 rendered to a
picture). Screenshots go to $SHOTS."""

import datetime as dt
import os

import pypdfium2
import pytest
from django.test import Client
from django.utils import timezone

from callboard.accounting.models import CheckRequest
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.office.models import PADay, Run
from callboard.payroll.engine import sunday_on_or_before

from .runs_testing import chart, office_pa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"runs-{name}.png"), full_page=True)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fits_a_phone(page, step):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the PA's page scrolls sideways {step} ({width}px)"
    # Every button a PA taps on the road is at least 44 px high (a thumb, not a cursor).
    for box in page.locator("main button.big:visible").all():
        assert box.bounding_box()["height"] >= 44, f"a button is too small to tap {step}"


def posted(page):
    """Submit and wait for the page the POST redirects to."""
    return page.expect_navigation()


def test_a_pa_signs_in_and_delivers_a_run_with_mileage(browser_page, live_server, production):
    chart(production)  # 6500 Office, 2700 Set dressing
    rosa, rosa_user = office_pa(production, first_name="Rosa", last_name="Diaz")
    _, tom_user = office_pa(production, first_name="Tom", last_name="Reyes")
    coordinator = add_member(production, Role.COORDINATOR, make_user(name="Pat Kim"))
    asker = add_member(production, Role.CREW, make_user(name="Jo Office"))
    today = production.today()
    base = f"{live_server.url}/p/{production.slug}/office/runs"

    # Someone in the office asks for a run, from the Office page's card.
    page = browser_page
    sign_in(page, live_server, asker)
    page.goto(f"{live_server.url}/p/{production.slug}/office/")
    page.click("#office-runs a:text('Runs')")
    page.fill("input[name=what]", "Hard drives for the editor")
    page.fill("input[name=pickup_address]", "Digital Lab, 410 Olive Ave, Burbank")
    page.fill("input[name=dropoff_address]", "Editorial, 200 Lot Rd")
    page.fill("#id_needed_by", f"{today:%Y-%m-%d}T15:00")
    page.select_option("#id_account_code", "6500")
    with posted(page):
        page.click("button:text('Ask the office')")
    assert "Run 1 asked of the office" in page.inner_text("body")
    run = Run.objects.get()
    assert run.status == Run.Status.REQUESTED

    # The coordinator gives it to Rosa.
    sign_in(page, live_server, coordinator)
    page.goto(f"{base}/")
    page.select_option("select[aria-label='PA for run 1']", label=rosa.display_name)
    with posted(page):
        page.click("#run-1 button:text('Assign')")
    assert f"Run 1 is {rosa.display_name}’s" in page.inner_text("body")
    shot(page, "1-board-assigned")

    # Rosa, on her phone, signs in.
    phone = page.context.browser.new_page(viewport=PHONE)
    sign_in(phone, live_server, rosa_user)
    phone.goto(f"{live_server.url}/p/{production.slug}/office/")
    phone.click("#office-runs a:text('My day as a PA')")
    assert "Hard drives for the editor" in phone.inner_text("#run-1")
    fits_a_phone(phone, "before signing in")
    shot(phone, "2-pa-before-sign-in")
    with posted(phone):
        phone.click("button:text('Sign in')")
    assert "signed in at" in phone.inner_text("body")
    assert "Signed in at" in phone.inner_text("#sign")
    fits_a_phone(phone, "signed in")
    shot(phone, "3-pa-signed-in")

    # Tom, another PA, rewrites his own form to mark Rosa's run picked up: refused.
    tom = phone.context.browser.new_page(viewport=PHONE)
    sign_in(tom, live_server, tom_user)
    tom.goto(f"{base}/mine/")
    assert "No runs for you yet" in tom.inner_text("body")
    tom.evaluate(
        "url => { document.querySelector('#sign form').action = url; }",
        f"/p/{production.slug}/office/runs/{run.pk}/picked-up/",
    )
    with posted(tom):
        tom.click("button:text('Sign in')")
    assert f"Run 1 is {rosa.display_name}’s, not yours" in tom.inner_text("body")
    shot(tom, "4-another-pa-refused")
    run.refresh_from_db()
    assert run.status == Run.Status.ASSIGNED and run.picked_up_at is None
    assert not PADay.objects.filter(person__first_name="Tom").exists()
    tom.close()

    # Rosa picks it up and delivers it, 12.4 miles.
    phone.reload()
    with posted(phone):
        phone.click("#run-1 button:text('Picked up')")
    assert "Run 1 picked up" in phone.inner_text("body")
    assert "Picked up" in phone.inner_text("#run-1 .badge")
    fits_a_phone(phone, "picked up")
    shot(phone, "5-pa-picked-up")
    phone.fill("#run-1 input[name=miles]", "12.4")
    with posted(phone):
        phone.click("#run-1 button:text('Delivered')")
    assert "Run 1 delivered (12.4 mi)" in phone.inner_text("body")
    assert "12.4 mi" in phone.inner_text("#run-1")
    fits_a_phone(phone, "delivered")
    shot(phone, "6-pa-delivered")
    # A day's work later: she signed in eight hours before she signs out (past midnight, the
    # day is the one she signed in on, as the office page keeps it).
    day = PADay.objects.get(person=rosa)
    day.signed_in_at -= dt.timedelta(hours=8)
    day.date = timezone.localdate(day.signed_in_at, production.tzinfo)
    day.save()
    phone.reload()
    with posted(phone):
        phone.click("button:text('Sign out')")
    assert "signed out at" in phone.inner_text("body")
    assert "Your time card has these times" in phone.inner_text("#sign")
    assert "not updated" not in phone.inner_text("body")
    fits_a_phone(phone, "signed out")
    shot(phone, "7-pa-signed-out")
    run.refresh_from_db()
    assert run.status == Run.Status.DELIVERED and str(run.miles) == "12.4"

    # The coordinator sees the miles and makes the check request (12.4 mi at $0.70 = $8.68).
    page.goto(f"{base}/")
    miles = page.inner_text("#mileage")
    assert rosa.display_name in miles and "12.4" in miles and "$8.68" in miles
    with posted(page):
        page.click("#mileage button:text('Make the check request')")
    check = CheckRequest.objects.get()
    assert f"Check request {check.number} to {check.payee}" in page.inner_text("body")
    line = check.lines.get()
    assert check.payee == rosa.full_name and str(line.amount) == "8.68"
    assert line.account.code == "6500"
    assert "No miles waiting to be paid back" in page.inner_text("#mileage")
    shot(page, "8-board-check-requested")

    # Her sign-in and sign-out are on her time card.
    day = PADay.objects.get(person=rosa)
    signed_in = timezone.localtime(day.signed_in_at, production.tzinfo)
    signed_out = timezone.localtime(day.signed_out_at, production.tzinfo)
    page.goto(
        f"{live_server.url}/p/{production.slug}/timecards/"
        f"?week={sunday_on_or_before(day.date):%Y-%m-%d}"
    )
    page.click(f"a:text('{rosa.display_name}')")
    row = f"#day-{day.date:%Y-%m-%d}"
    assert page.input_value(f"{row} input[name$=_call]") == f"{signed_in:%H:%M}"
    assert page.input_value(f"{row} input[name$=_wrap]") == f"{signed_out:%H:%M}"
    assert "office PA page" in page.input_value(f"{row} input[name$=_note]")
    shot(page, "9-time-card")

    # The day's run log, printed.
    page.goto(f"{base}/?date={today:%Y-%m-%d}")
    href = page.get_attribute('a:text("the day\'s run log (PDF)")', "href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.body())
    if SHOTS:
        pdf[0].render(scale=1.5).to_pil().save(os.path.join(SHOTS, "runs-10-run-log.png"))
    text = " ".join(pdf[0].get_textpage().get_text_range().split())  # cells wrap their lines
    for expected in (
        "Run log",
        "1 run · 12.4 mi · mileage $8.68 at $0.70/mi",
        "Hard drives for the editor",
        "Jo Office",
        rosa.display_name,
        # Her times are in the log of the day she signed in on (yesterday's, after midnight).
        *([f"{signed_in:%-I:%M %p}", f"{signed_out:%-I:%M %p}"] if day.date == today else []),
    ):
        assert expected in text, f"the run log does not say {expected!r}"
    pdf.close()
