import pytest

from callboard.core.demo import demo_production_build
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
