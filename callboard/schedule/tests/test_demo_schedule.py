from datetime import date

import pytest

from callboard.demo.build import demo_production_build
from callboard.demo.schedule import us_holidays
from callboard.schedule.models import Scenario, Strip
from callboard.schedule.queries import category_for, scenario_dood, scenario_plan


@pytest.mark.django_db
def test_the_demo_has_a_breakdown_and_a_first_pass_board_with_dates_and_a_dood():
    production = demo_production_build()
    scenario = Scenario.objects.get(production=production)
    plan = scenario_plan(scenario)
    assert 20 <= len(plan.days) <= 40
    assert plan.days[0].date >= production.shoot_start
    assert all(day.eighths > 0 for day in plan.days)
    strips = Strip.objects.filter(production=production).count()
    assert len(scenario.board.strips()) == strips
    dood = scenario_dood(plan, category_for(production, "cast"))
    lead = dood.rows[0]
    assert lead.id == "1" and "TR" in lead.codes.values() and "FT" in lead.codes.values()
    # The fitting before the shoot has its own column in the DOOD.
    fitting = next(day for day, code in lead.codes.items() if code == "FT")
    assert fitting in dood.calendar.days and fitting < plan.days[0].date


def test_the_demo_calendar_knows_the_us_holidays():
    assert us_holidays(date(2026, 5, 1), 200) == [
        date(2026, 5, 25),  # Memorial Day
        date(2026, 7, 4),
        date(2026, 9, 7),  # Labor Day
    ]
    assert us_holidays(date(2026, 11, 1), 70) == [
        date(2026, 11, 26),  # Thanksgiving
        date(2026, 12, 25),
        date(2027, 1, 1),
    ]
