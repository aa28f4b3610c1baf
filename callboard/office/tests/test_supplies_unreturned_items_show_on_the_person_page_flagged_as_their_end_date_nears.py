from datetime import date, timedelta

import pytest

from callboard.core.capabilities import Role
from callboard.office.models import IssuedItem
from callboard.office.supplies.queries import unreturned_items
from callboard.people.testing import make_person

pytestmark = pytest.mark.django_db


def _out(production, person, number, kind="walkie", returned_on=None):
    return IssuedItem.objects.create(
        production=production, kind=kind, number=number, number_key=number, person=person,
        issued_on=date(2026, 1, 5), returned_on=returned_on,
        returned_state="good" if returned_on else "",
    )  # fmt: skip


def test_the_person_page_lists_what_they_hold_and_flags_an_end_date_within_a_week(
    coordinator_client, production
):
    today = production.today()
    leaving = make_person(production, end_date=today + timedelta(days=5))
    _out(production, leaving, "12")
    _out(production, leaving, "7", kind="key", returned_on=today)  # back: not listed
    page = coordinator_client.get(f"/p/{production.slug}/people/{leaving.pk}/").content.decode()
    assert "Issued by the office" in page
    assert "Walkie 12" in page and "Key 7" not in page
    assert "due back by" in page


def test_an_end_date_passed_with_an_item_out_is_flagged_as_not_returned(
    coordinator_client, production
):
    gone = make_person(production, end_date=production.today() - timedelta(days=1))
    _out(production, gone, "4")
    page = coordinator_client.get(f"/p/{production.slug}/people/{gone.pk}/").content.decode()
    assert "not returned — their end date" in page


def test_someone_holding_nothing_has_no_block_and_crew_never_see_it(member_client, production):
    holder, empty_handed = make_person(production), make_person(production)
    _out(production, holder, "9")
    client = member_client(Role.CREW)
    assert (
        "Issued by the office"
        not in client.get(f"/p/{production.slug}/people/{holder.pk}/").content.decode()
    )
    client = member_client(Role.COORDINATOR)
    assert (
        "Issued by the office"
        not in client.get(f"/p/{production.slug}/people/{empty_handed.pk}/").content.decode()
    )


def test_unreturned_items_lists_every_item_out_with_its_flag_for_the_wrap_binder(production):
    today = production.today()
    staying = make_person(production, last_name="Adams", end_date=today + timedelta(days=30))
    leaving = make_person(production, last_name="Baker", end_date=today + timedelta(days=2))
    gone = make_person(production, last_name="Cole", end_date=today - timedelta(days=3))
    _out(production, staying, "1")
    _out(production, leaving, "2")
    _out(production, gone, "LAPTOP-9", kind="laptop")
    _out(production, gone, "3", returned_on=today)
    held = unreturned_items(production)
    assert [(h.item.person.last_name, str(h.item), h.flag) for h in held] == [
        ("Adams", "Walkie 1", ""),
        ("Baker", "Walkie 2", "soon"),
        ("Cole", "Laptop LAPTOP-9", "overdue"),
    ]


def test_the_office_page_says_what_waits_on_supplies(coordinator_client, production):
    _out(production, make_person(production, end_date=production.today()), "5")
    page = coordinator_client.get(f"/p/{production.slug}/office/").content.decode()
    assert "1 item out" in page and "1 due back" in page and "0 requests waiting" in page
