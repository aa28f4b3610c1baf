"""Time cards and payroll batches through the API: what the time-card pages show each role —
a department head their own departments' cards, pay and rates only to a token that sees
rates — in pages of a constant number of queries."""

from decimal import Decimal

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production, make_user
from callboard.payroll import services
from callboard.payroll.tests.helpers import (
    DAY,
    WEEK,
    approve_and_review,
    batch_to_payroll,
    person_with_deal,
)
from callboard.people.models import Department

pytestmark = pytest.mark.django_db


def _card(production, person, *, submit=False):
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[DAY])
    if submit:
        card = services.timecard_submit(card=card, signature="Signed")
    return card


def test_a_department_head_sees_their_departments_cards_with_hours_and_no_pay(production, api):
    camera, grip = Department.objects.filter(production=production).order_by("order")[:2]
    mine = _card(production, person_with_deal(production, first_name="Mia", department=camera))
    theirs = _card(production, person_with_deal(production, first_name="Tom", department=grip))
    head = make_user("head@example.test")
    add_member(production, Role.DEPARTMENT_HEAD, head)
    person_with_deal(
        production, email="head@example.test", department=camera, is_department_head=True
    )
    client = api(Role.DEPARTMENT_HEAD, user=head, private=True)
    url = f"/api/productions/{production.slug}/timecards"
    items = client.get(url).json()["items"]
    assert [c["id"] for c in items] == [mine.pk]
    card = items[0]
    assert card["worked_hours"] == "7.5" and card["days"][0]["call"] == "07:00"
    assert card["deal"] is None and card["pay"] is None
    assert client.get(f"{url}/{theirs.pk}").status_code == 404
    assert client.get(f"/api/productions/{production.slug}/payroll-batches").status_code == 403


def test_rates_and_pay_show_only_to_a_token_with_the_scope(production, api):
    card = _card(production, person_with_deal(production))
    url = f"/api/productions/{production.slug}/timecards/{card.pk}"
    plain = api(Role.COORDINATOR).get(url).json()
    assert plain["deal"] is None and plain["pay"] is None
    assert plain["worked_days"] == 1
    scoped = api(Role.COORDINATOR, private=True).get(url).json()
    assert scoped["deal"]["rate"] == "300.0000" and scoped["deal"]["per"] == "day"
    assert Decimal(scoped["pay"]["gross"]) == card.gross > 0
    lines = scoped["pay"]["days"][0]["lines"]
    assert sum(Decimal(ln["amount"]) for ln in lines) == Decimal(scoped["pay"]["days"][0]["total"])


def test_a_card_of_another_production_is_not_found_under_ones_own(production, api):
    other = make_production("Other Show")
    foreign = _card(other, person_with_deal(other))
    response = api(Role.COORDINATOR).get(
        f"/api/productions/{production.slug}/timecards/{foreign.pk}"
    )
    assert response.status_code == 404
    listed = api(Role.COORDINATOR).get(f"/api/productions/{production.slug}/timecards").json()
    assert listed["items"] == []


def test_corrected_versions_are_listed_and_current_leaves_them_out(production, api):
    card = _card(production, person_with_deal(production), submit=True)
    approve_and_review(production, card)
    batch_to_payroll(production, [card])
    newer = services.timecard_correct(actor=None, card=card, reason="Missed the meal penalty.")
    url = f"/api/productions/{production.slug}/timecards"
    client = api(Role.COORDINATOR)
    assert {c["id"] for c in client.get(url).json()["items"]} == {card.pk, newer.pk}
    assert [c["id"] for c in client.get(url, current="true").json()["items"]] == [newer.pk]


def test_batches_show_their_cards_and_totals_only_with_rates(production, api):
    cards = []
    for _ in range(2):
        card = _card(production, person_with_deal(production), submit=True)
        cards.append(approve_and_review(production, card))
    batch = batch_to_payroll(production, cards, note="Week 1")
    url = f"/api/productions/{production.slug}/payroll-batches"
    plain = api(Role.PAYROLL).get(url).json()["items"][0]
    assert plain["number"] == batch.number and plain["status"] == "closed"
    assert plain["card_ids"] == sorted(c.pk for c in cards)
    assert plain["totals"] is None
    scoped = api(Role.PAYROLL, private=True).get(f"{url}/{batch.pk}").json()
    assert Decimal(scoped["totals"]["gross"]) == sum(c.gross for c in cards)


def test_the_lists_run_a_constant_number_of_queries(production, api, django_assert_max_num_queries):
    client = api(Role.PAYROLL, private=True)
    url = f"/api/productions/{production.slug}/timecards"
    _card(production, person_with_deal(production))
    client.get(url)  # the first request opens the rate window (one write more)
    with django_assert_max_num_queries(25) as few:
        assert len(client.get(url).json()["items"]) == 1
    for _ in range(6):
        _card(production, person_with_deal(production))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["items"]) == 7
    batches = f"/api/productions/{production.slug}/payroll-batches"

    def batched():
        card = _card(production, person_with_deal(production), submit=True)
        batch_to_payroll(production, [approve_and_review(production, card)])

    batched()
    with django_assert_max_num_queries(25) as few:
        assert len(client.get(batches).json()["items"]) == 1
    batched()
    batched()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(batches).json()["items"]) == 3
