"""The demo's payroll batch 1 posts fringes from the demo's fringe table, and the cost report
command shows them: recomputed here by hand from the table and the batch's hours and wages."""

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command

from callboard.accounting.models import FringeLine
from callboard.demo.build import demo_production_build
from callboard.payroll.models import PayrollBatch

HOUR_KINDS = {
    "straight",
    "overtime",
    "double_time",
    "golden",
    "sixth_day",
    "seventh_day",
    "weekly_overtime",
    "guarantee",
}


def _by_hand(lines, cards) -> dict[str, Decimal]:
    """Each fringe account's total, line by line, card by card, caps counting the person's
    earlier cards in the batch (batch 1 has no earlier batch)."""
    totals: dict[str, Decimal] = {}
    earned: dict[int, Decimal] = {}
    for card in cards:
        wages = card.wages + card.penalties  # kit rental is not wages
        days = card.pay["days"]
        hours = sum(
            Decimal(ln["hours"]) for d in days for ln in d["lines"] if ln["kind"] in HOUR_KINDS
        )
        worked = sum(1 for d in days if Decimal(d["worked_hours"]) > 0)
        before = earned.get(card.person_id, Decimal(0))
        for line in lines:
            if line.union and line.union.lower() != card.union.lower():
                continue
            if line.basis in ("percent", "scale"):
                base = wages if line.cap is None else max(min(wages, line.cap - before), Decimal(0))
                amount = base * line.rate / 100
            else:
                amount = line.rate * (hours if line.basis == "hour" else worked)
            totals[line.account_code] = totals.get(line.account_code, Decimal(0)) + amount.quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
        earned[card.person_id] = before + wages
    return totals


@pytest.mark.django_db
def test_the_demo_cost_report_shows_fringe_actuals_recomputed_by_hand(capsys):
    production = demo_production_build()
    lines = list(FringeLine.objects.filter(production=production))
    assert {ln.name for ln in lines} >= {
        "FICA (Social Security)",
        "Medicare",
        "FUTA",
        "IATSE pension & health",
    }
    batch = PayrollBatch.objects.get(production=production, number=1)
    cards = list(batch.cards.order_by("week_start", "pk"))
    assert cards and all(c.pay.get("days") for c in cards)
    expected = _by_hand(lines, cards)
    call_command("cost_report", "--production", production.slug, "--json")
    report = json.loads(capsys.readouterr().out)
    actual = {row["account"]: Decimal(row["actual"]) for row in report["accounts"] if row["fringe"]}
    assert actual == expected and all(actual.values())
    assert Decimal(report["fringes"]["actual"]) == sum(expected.values())
