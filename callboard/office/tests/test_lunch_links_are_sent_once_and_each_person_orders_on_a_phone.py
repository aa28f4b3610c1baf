"""The office sends everyone in the lunch their link through distribution (tracked, once: a
second click sends nothing); the link opens a phone page with the menu, takes the order and
the person's dietary notes, and refuses a forged link."""

import re

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.office.lunch.services import lunch_links_send
from callboard.office.models import Diet, LunchOrder

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


def test_links_go_once_to_everyone_in_and_the_phone_page_takes_the_order(
    production, coordinator, client, django_capture_on_commit_callbacks
):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    with django_capture_on_commit_callbacks(execute=True):
        assert lunch_links_send(actor=coordinator, lunch=lunch) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert lunch_links_send(actor=coordinator, lunch=lunch) == 0
    assert Dispatch.objects.filter(kind="office_lunch").count() == 1
    assert {d.person for d in Delivery.objects.all()} == {
        people["ana"],
        people["ben"],
        people["cleo"],
    }  # camera is not in
    mail = OutboundEmail.objects.get(to=people["cleo"].email)
    assert "from Sunset Deli" in mail.subject and "order by" in mail.subject
    link = re.search(r"https?://[^/\s]+(/l/lunch/[^/\s]+/)", mail.body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Turkey club" in body and "$14.50" in body and "Cleo Marsh" in body
    club, tea = item(place, "Turkey club"), item(place, "Iced tea")
    page = client.post(
        link,
        {f"q_{club.pk}": "1", f"q_{tea.pk}": "2", "note": "no mayo",
         "allergies": "peanuts", "preferences": "vegetarian Fridays"},
    )  # fmt: skip
    assert page.status_code == 302
    order = LunchOrder.objects.get(person=people["cleo"])
    assert order.note == "no mayo"
    assert sorted((ln.item.name, ln.quantity) for ln in order.lines.all()) == [
        ("Iced tea", 2), ("Turkey club", 1)
    ]  # fmt: skip
    diet = Diet.objects.get(person=people["cleo"])
    assert "peanuts" not in diet.allergies_sealed  # sealed at rest
    again = client.get(link).content.decode()
    assert "Your order" in again and "Total $21.00" in again and "peanuts" in again
    assert Delivery.objects.get(person=people["cleo"]).opened_at is not None


def test_a_forged_link_opens_nothing(client, db):
    page = client.get("/l/lunch/not-a-real-token/")
    assert page.status_code == 410 and "not valid" in page.content.decode()
