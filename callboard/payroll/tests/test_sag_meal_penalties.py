"""SAG-AFTRA meal penalties: $25 for the first half hour or fraction, $35 for the second,
$50 for each half hour after; other rule sets keep their own schedules."""

from decimal import Decimal

import pytest

from callboard.payroll.engine import compute, parse_week, pay_json

DEAL = {"rate": "1000.00", "per": "day", "guaranteed_hours": "8"}


def _penalties(rules: str, meal_start: str) -> list[tuple[str, str]]:
    """(hours, amount) of each meal-penalty line for a 07:00 call, meal at ``meal_start``."""
    out = pay_json(
        compute(
            parse_week(
                {
                    "rules": rules,
                    "deal": DEAL,
                    "week_start": "2026-03-01",
                    "days": [
                        {
                            "date": "2026-03-02",
                            "call": "07:00",
                            "wrap": "19:00",
                            "meals": [
                                {"start": meal_start, "end": f"{int(meal_start[:2]) + 1:02d}:00"}
                            ],
                        }
                    ],
                }
            )
        )
    )
    return [
        (ln["hours"], ln["amount"])
        for ln in out["days"][0]["lines"]
        if ln["kind"] == "meal_penalty"
    ]


@pytest.mark.parametrize(
    ("meal_start", "total", "lines"),
    [
        ("13:10", "25.00", [("0.5", "25.00")]),  # 10 min late: the first half hour
        ("14:00", "60.00", [("0.5", "25.00"), ("0.5", "35.00")]),  # 1 h: 25 + 35
        # 2 h 10 min late = 5 half hours: 25 + 35 + 3 x 50
        ("15:10", "210.00", [("0.5", "25.00"), ("0.5", "35.00"), ("1.5", "150.00")]),
    ],
)
def test_sag_aftra_meal_penalties_escalate_25_35_then_50(meal_start, total, lines):
    got = _penalties("sag-aftra-day", meal_start)
    assert got == lines
    assert sum(Decimal(a) for _, a in got) == Decimal(total)


def test_iatse_keeps_its_own_penalty_schedule():
    # 1 h late (no grace) under iatse-basic: $7.50 then $10.00, unchanged.
    assert _penalties("iatse-basic", "14:00") == [("0.5", "7.50"), ("0.5", "10.00")]
