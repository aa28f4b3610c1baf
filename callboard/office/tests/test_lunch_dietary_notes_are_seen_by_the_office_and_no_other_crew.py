"""Allergies and preferences are kept on the person (sealed), reused on their next lunch,
shown to the office on the order sheet, and never to other crew: not on a crew member's own
order page, and the order sheet is the office's only."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.office.lunch.queries import diet_of
from callboard.office.lunch.services import lunch_order_place

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_notes_and_other_crew_do_not(production, coordinator, client):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch = open_lunch(production, coordinator, place, people)
    club = item(place, "Turkey club")
    lunch_order_place(
        lunch=lunch, person=people["ana"], lines=[(club.pk, 1)],
        allergies="shellfish", preferences="no pork",
    )  # fmt: skip
    assert diet_of(people["ana"]) == ("shellfish", "no pork")

    client.force_login(coordinator)
    sheet = client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/").content.decode()
    assert "Allergy: shellfish" in sheet and "Prefers: no pork" in sheet

    ben = add_member(production, Role.CREW)
    people["ben"].account = ben
    people["ben"].save()
    client.force_login(ben)
    own = client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/order/")
    assert own.status_code == 200 and "shellfish" not in own.content.decode()
    for url in ("", "sheet.pdf"):
        assert client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/{url}").status_code == 403


def test_the_notes_come_back_on_the_next_lunch(production, coordinator, client):
    place = restaurant(production, coordinator)
    people = crew(production)
    first = open_lunch(production, coordinator, place, people)
    lunch_order_place(
        lunch=first, person=people["ben"], lines=[(item(place, "Iced tea").pk, 1)],
        allergies="gluten",
    )  # fmt: skip
    second = open_lunch(production, coordinator, place, people)
    user = add_member(production, Role.CREW)
    people["ben"].account = user
    people["ben"].save()
    client.force_login(user)
    page = client.get(f"/p/{production.slug}/office/lunch/{second.pk}/order/").content.decode()
    assert 'value="gluten"' in page
