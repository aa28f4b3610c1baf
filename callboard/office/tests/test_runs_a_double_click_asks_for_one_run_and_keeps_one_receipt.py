"""A double click (or a resubmit after Back) on the run request or on a purchase on a run: the
form's one-time token makes the second post save nothing and say so; a purchase kept twice
would pay the PA twice from petty cash."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from callboard.accounting.models import Receipt
from callboard.accounting.services import float_create
from callboard.office.models import Run

from .runs_testing import chart, office_pa

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    return re.search(r'name="once" value="([^"]+)"', page).group(1)


def test_the_run_request_posted_twice_asks_once(coordinator_client, production):
    chart(production)
    board = coordinator_client.get(f"/p/{production.slug}/office/runs/").content.decode()
    form = {
        "what": "Hard drives",
        "pickup_address": "1 Lot Rd",
        "dropoff_address": "2 Edit Bay",
        "needed_by": "2027-04-02T15:00",
        "account_code": "6500",
        "once": _token(board),
    }
    url = f"/p/{production.slug}/office/runs/request/"
    coordinator_client.post(url, form)
    again = coordinator_client.post(url, form, follow=True)
    assert "already asked for" in again.content.decode()
    assert Run.objects.count() == 1


def test_a_purchase_posted_twice_is_one_receipt(client, coordinator, production):
    chart(production)
    pa, user = office_pa(production)
    float_create(
        actor=coordinator, production=production, person=pa, initials="PA", amount=Decimal("200")
    )
    now = timezone.now()
    run = Run.objects.create(
        production=production, number=1, what="Toner", pickup_address="A", dropoff_address="B",
        needed_by=now, requested_by_label="Office", account_code="6500", assigned_to=pa,
        status=Run.Status.PICKED_UP, picked_up_at=now - dt.timedelta(minutes=5),
    )  # fmt: skip
    client.force_login(user)
    page = client.get(f"/p/{production.slug}/office/runs/mine/").content.decode()
    form = {"where": "Staples", "what": "Toner", "amount": "42.10", "once": _token(page)}
    url = f"/p/{production.slug}/office/runs/{run.pk}/purchase/"
    client.post(url, form)
    again = client.post(url, form, follow=True)
    assert "already kept" in again.content.decode()
    assert Receipt.objects.count() == 1 and Receipt.objects.get().total == Decimal("42.10")
    # A second, real purchase (a fresh page, a fresh token) is kept.
    page = client.get(f"/p/{production.slug}/office/runs/mine/").content.decode()
    client.post(url, form | {"where": "Target", "once": _token(page)})
    assert Receipt.objects.count() == 2
