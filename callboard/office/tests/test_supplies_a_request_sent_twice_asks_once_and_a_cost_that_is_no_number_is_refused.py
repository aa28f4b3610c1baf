"""A department's supply request posted twice (a double click) asks the office once; and a unit
cost that is no number (NaN, infinity) reaching the service is refused with a message, not a
crash, and nothing is saved."""

import re
from decimal import Decimal

import pytest

from callboard.core.capabilities import Role
from callboard.office.models import Supply, SupplyRequest
from callboard.office.supplies import services
from callboard.office.supplies.services import SuppliesError

from .supplies_data import office_books, supply

pytestmark = pytest.mark.django_db


def test_a_request_posted_twice_asks_once(member_client, production):
    member = member_client(Role.CREW)
    paper = supply(production, office_books(production))
    page = member.get(f"/p/{production.slug}/office/supplies/").content.decode()
    token = re.search(r'name="once" value="([^"]+)"', page).group(1)
    form = {"supply": paper.pk, "quantity": 2, "once": token}
    url = f"/p/{production.slug}/office/supplies/request/"
    member.post(url, form)
    again = member.post(url, form, follow=True)
    assert "already asked for" in again.content.decode()
    assert SupplyRequest.objects.count() == 1


@pytest.mark.parametrize("cost", [Decimal("NaN"), Decimal("Infinity"), Decimal("-1")])
def test_a_unit_cost_that_is_no_amount_is_refused(production, cost):
    with pytest.raises(SuppliesError, match="unit cost"):
        services.supply_save(
            actor=None, production=production, name="Toner", vendor=None, unit="each",
            unit_cost=cost, reorder_level=2, account_code="",
        )  # fmt: skip
    assert not Supply.objects.exists()
