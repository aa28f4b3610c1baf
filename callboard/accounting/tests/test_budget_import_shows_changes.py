"""Importing a new budget version shows, account by account, what it changes from the
current version before anything is written (and before anyone locks it)."""

from decimal import Decimal

import pytest

from callboard.accounting.budgetfile import BudgetChange, BudgetRow, budget_changes
from callboard.accounting.models import Budget

from .test_budget_import import BUDGET, _upload

pytestmark = pytest.mark.django_db


def _row(code, amount):
    return BudgetRow(1, code, "", f"Account {code}", Decimal(amount), False, False, "X")


def test_changes_are_listed_account_by_account():
    current = {
        "2700": ("Set dressing", Decimal("12500")),
        "2800": ("Props", Decimal("3000")),
        "1400": ("Cast", Decimal("250000")),
    }
    changes = budget_changes(
        current, [_row("2700", "20000"), _row("2800", "3000"), _row("5100", "10")]
    )
    assert changes == [
        BudgetChange("2700", "Account 2700", Decimal("12500"), Decimal("20000")),
        BudgetChange("5100", "Account 5100", None, Decimal("10")),
        BudgetChange("1400", "Cast", Decimal("250000"), None),
    ]
    assert [c.difference for c in changes] == [Decimal("7500"), Decimal("10"), Decimal("-250000")]


def test_the_preview_shows_what_a_revision_changes(coordinator_client, production):
    _upload(coordinator_client, production, BUDGET)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    _upload(
        coordinator_client, production, BUDGET.replace("12500", "20000").replace("3000", "2500")
    )
    preview = coordinator_client.get(f"/p/{production.slug}/accounting/import/preview/")
    changes = preview.context["changes"]
    assert [(c.code, c.difference) for c in changes] == [
        ("2700", Decimal("7500")),
        ("2800", Decimal("-500")),
    ]
    assert (
        b"What changes from v1" in preview.content and b"7,000.00" in preview.content
    )  # the net change
    assert Budget.objects.count() == 1  # nothing written yet
