"""One show with something waiting in every app: each role's home page lists only the areas
whose pages it may act on (the capabilities those pages check). A crew member sees no
"Needs attention" card at all; a 2nd AD (a department head) sees their department's time
cards only; the production accountant sees accounting and time cards, not call sheets or
paperwork."""

from decimal import Decimal

import pytest

from callboard.accounting.models import Invoice, VendorTerms
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.people.models import Department, Vendor
from callboard.people.testing import make_person

from .conftest import attention, worked_card


def areas(client, production) -> set[str]:
    html = client.get(f"/p/{production.slug}/").content.decode()
    if 'class="card needs-attention"' not in html:
        return {"(no card)"}
    lines = attention(client, production)
    found = set()
    for text in lines:
        if "call sheet" in text:
            found.add("call sheets")
        elif "start packet" in text:
            found.add("paperwork")
        elif "time card" in text:
            found.add("time cards")
        elif "invoice" in text or "insurance" in text:
            found.add("accounting")
        elif "/people/" in text or "/team/" in text:
            found.add("lists")
    return found


@pytest.fixture
def busy(production, week_board, this_week):
    camera = Department.objects.create(production=production, name="ADs", order=95)
    make_person(
        production,
        email="second.ad@example.test",
        department=camera,
        is_department_head=True,
        phone="",
    )
    worked_card(
        make_person(production, department=camera, rate=Decimal("40"), rate_unit="hour"),
        this_week,
        approved=False,
    )
    vendor = Vendor.objects.create(production=production, name="Grip Truck Co")
    VendorTerms.objects.create(vendor=vendor, coi_expires=production.today())
    Invoice.objects.create(
        production=production, vendor=vendor, number="7", number_key="7", date=production.today()
    )
    return production


@pytest.mark.parametrize(
    "role, expected",
    [
        (Role.CREW, {"(no card)"}),
        (Role.PA, {"(no card)"}),
        (Role.DEPARTMENT_HEAD, {"time cards"}),
        (Role.ACCOUNTANT, {"time cards", "accounting", "lists"}),  # vendors: they edit them
        (Role.PAYROLL, {"paperwork", "time cards"}),
        (Role.APOC, {"call sheets", "paperwork", "time cards", "lists"}),
        (Role.COORDINATOR, {"call sheets", "paperwork", "time cards", "accounting", "lists"}),
        (Role.UPM, {"call sheets", "paperwork", "time cards", "accounting", "lists"}),
    ],
)
def test_each_role_sees_the_areas_it_may_act_on(busy, client, role, expected):
    email = "second.ad@example.test" if role == Role.DEPARTMENT_HEAD else f"{role}@example.test"
    client.force_login(add_member(busy, role, make_user(email)))
    assert areas(client, busy) == expected
