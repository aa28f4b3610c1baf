"""Issue 20's lunch in one browser test: the office opens a lunch for the production office and
accounting, sends the links (they land in the outbox), two people order on a 390 px phone
through their links (one with an allergy), a third finds the cut-off has passed when she sends
her order and is told, and the office prints the order sheet (its PDF read back and page 1
rendered to a picture). Screenshots go to $SHOTS."""

import datetime as dt
import io
import os
import re

import pypdfium2
import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from callboard.core.models import AuditEvent, OutboundEmail
from callboard.distribution.models import Delivery
from callboard.office.lunch.queries import cutoff_text
from callboard.office.models import Diet, Lunch, LunchOrder

from .lunchkit import crew, restaurant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS", "")
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"lunch-{name}.png"), full_page=True)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def link_of(person) -> str:
    body = OutboundEmail.objects.get(to=person.email).body
    return re.search(r"https?://[^/\s]+(/l/lunch/[^/\s]+/)", body).group(1)


def on_the_phone(page, live_server, link):
    page.context.clear_cookies()  # no account: the link is the key
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{link}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the order page scrolls sideways on a phone ({width}px)"


def quantity(page, item, count):
    page.get_by_label(item, exact=False).fill(str(count))


def test_a_lunch_collected_through_links_and_its_order_sheet_printed(
    browser_page, live_server, production, coordinator
):
    restaurant(production, coordinator)  # Sunset Deli and its menu
    people = crew(production)
    ana, ben, cleo = people["ana"], people["ben"], people["cleo"]
    later = timezone.localtime(timezone.now() + dt.timedelta(hours=1), production.tzinfo)
    base = f"{live_server.url}/p/{production.slug}/office/lunch"

    # The office opens today's lunch for the office, accounting and art.
    page = browser_page
    sign_in(page, live_server, coordinator)
    page.goto(f"{base}/new/")
    page.select_option("#id_restaurant", label="Sunset Deli")
    page.fill("#id_date", f"{later:%Y-%m-%d}")
    page.fill("#id_cutoff", f"{later:%H:%M}")
    for department in ("Production Office", "Accounting", "Art"):
        page.check(f"label:has-text('{department}') input")
    with page.expect_navigation():
        page.click("button:has-text('Open the order')")
    assert page.is_visible("text=The lunch is open")
    with page.expect_navigation():
        page.click("button:has-text('Send the links')")
    assert page.is_visible("text=Links are on their way to 3 people")
    assert page.is_visible("text=Links sent to 3 of 3 people")
    assert not page.is_visible("button:has-text('Send')")  # nothing left to send
    assert {d.person for d in Delivery.objects.filter(dispatch__kind="office_lunch")} == {
        ana, ben, cleo
    }  # fmt: skip
    assert OutboundEmail.objects.filter(to__in=[ana.email, ben.email, cleo.email]).count() == 3
    shot(page, "1-links-sent")

    # Ana orders on her phone, with her allergy.
    on_the_phone(page, live_server, link_of(ana))
    assert page.is_visible("text=Ana Ruiz") and page.is_visible("text=Sunset Deli")
    quantity(page, "Turkey club", 1)
    quantity(page, "Iced tea", 2)
    page.fill("#id_note", "no mayo")
    page.fill("#id_allergies", "peanuts")
    with page.expect_navigation():
        page.click("button:has-text('Place my order')")
    assert page.is_visible("text=Your order is in.")
    assert page.is_visible("text=Total $21.00")
    shot(page, "2-ordered-on-a-phone")

    # Ben orders a salad, no notes.
    on_the_phone(page, live_server, link_of(ben))
    quantity(page, "Cobb salad", 1)
    with page.expect_navigation():
        page.click("button:has-text('Place my order')")
    assert page.is_visible("text=Your order is in.")

    # Cleo opens her link, chooses, and sends it after the cut-off: told, nothing saved.
    on_the_phone(page, live_server, link_of(cleo))
    quantity(page, "Cobb salad", 1)
    page.fill("#id_allergies", "sesame")
    lunch = LunchOrder.objects.get(person=ana).lunch
    Lunch.objects.filter(pk=lunch.pk).update(cutoff=timezone.now() - dt.timedelta(minutes=1))
    lunch.refresh_from_db()
    with page.expect_navigation():
        page.click("button:has-text('Place my order')")
    told = page.locator("[role=status]").inner_text()
    assert told == f"The cut-off was {cutoff_text(lunch)}: nothing was changed; ask the office."
    assert not LunchOrder.objects.filter(person=cleo).exists()
    assert not Diet.objects.filter(person=cleo).exists()
    shot(page, "3-after-the-cut-off")

    # The office reads the order sheet and prints it.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, coordinator)
    page.goto(f"{base}/{lunch.pk}/")
    assert "Cleo Marsh" in page.locator("#not-ordered").inner_text()
    orders = page.locator("#orders").inner_text()
    assert "Allergy: peanuts" in orders and "no mayo" in orders
    shot(page, "4-order-sheet")
    pdf = page.request.get(f"{base}/{lunch.pk}/sheet.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Sunset Deli" in text and "Turkey club" in text and "Cobb salad" in text
    assert "Ana Ruiz" in text and "Ben Okafor" in text and "peanuts" in text
    assert "Cleo Marsh" not in text and "sesame" not in text  # her late order is not on it
    reads = AuditEvent.objects.filter(changes__has_key="viewed_private", object_id=lunch.pk)
    assert [r.changes["viewed_private"] for r in reads.order_by("pk")] == [
        "dietary notes (page): Ana Ruiz",
        "dietary notes (PDF): Ana Ruiz",
    ]  # the office's reads of the notes, one per sheet
    picture = pypdfium2.PdfDocument(pdf.body())[0].render(scale=1.5).to_pil()
    assert picture.convert("L").getextrema()[0] < 100  # ink on the page
    if SHOTS:
        picture.save(os.path.join(SHOTS, "lunch-5-order-sheet-pdf.png"))
        with open(os.path.join(SHOTS, "lunch-order-sheet.pdf"), "wb") as out:
            out.write(pdf.body())
