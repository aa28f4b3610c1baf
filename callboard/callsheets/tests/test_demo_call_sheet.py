import pytest

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.demo.build import demo_production_build
from callboard.schedule.board import BoardError
from callboard.schedule.services import scenario_delete


@pytest.mark.django_db
def test_the_demo_has_day_three_drafted_and_its_scenario_cannot_be_deleted():
    production = demo_production_build()
    sheet = CallSheet.objects.filter(production=production).order_by("-day_number").first()
    assert sheet.day_number == 3 and not sheet.is_published
    view = sheet_view(sheet)
    assert sheet_findings(view) == []
    assert all(row.person is not None for row in view.cast)  # every role has its performer
    with pytest.raises(BoardError, match="Call sheets were made"):
        scenario_delete(actor=None, scenario=sheet.scenario)
