"""Publishing a draft whose shoot day has been taken off the board says so; it is not a server
error (issue 15, review)."""

import pytest

from callboard.callsheets.services import CallSheetError, callsheet_create, callsheet_publish
from callboard.schedule.services import scenario_day_remove


def test_publishing_a_draft_whose_day_left_the_board_is_a_message_not_a_500(
    coordinator_client, shooting
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=2)
    shooting.refresh_from_db()
    scenario_day_remove(actor=None, scenario=shooting, day=1)
    coordinator_client.raise_request_exception = False
    url = f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/publish/"
    response = coordinator_client.post(url)
    assert response.status_code == 302, response.status_code
    page = coordinator_client.get(response.url).content.decode()
    assert "Day 2 is no longer on the" in page and "cannot be published" in page
    sheet.refresh_from_db()
    assert not sheet.is_published
    with pytest.raises(CallSheetError, match="no longer on the"):
        callsheet_publish(actor=None, sheet=sheet)
