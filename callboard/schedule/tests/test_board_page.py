"""The stripboard page: moves, day breaks, stale boards, warnings, permissions."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member
from callboard.schedule.models import Element, Scenario, Strip
from callboard.schedule.testing import board_post


@pytest.fixture
def first_pass(full_sample):
    return Scenario.objects.get(production=full_sample, name="First Pass")


def _change(client, scenario, action, **fields):
    return board_post(client, scenario, action, **fields)


def test_the_board_shows_days_with_dates_and_page_totals(coordinator_client, first_pass):
    page = coordinator_client.get(
        f"/p/{first_pass.production.slug}/schedule/scenarios/{first_pass.pk}/"
    ).content.decode()
    assert "End of Day 1 — Wed Aug 3, 2022" in page
    assert "End of Day 61" in page
    assert "Mon Sep 5 — Holiday" in page
    assert "strip-yellow" in page and "strip-green" in page


def test_dragging_a_strip_to_another_day_moves_it_and_is_audited(coordinator_client, first_pass):
    strip = first_pass.board.days[1][0]
    response = _change(
        coordinator_client,
        first_pass,
        action="move",
        strip=strip,
        target="day",
        day=3,
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    assert first_pass.board.days[3][-1] == strip
    assert f'data-revision="{first_pass.revision}"' in response.content.decode()
    event = AuditEvent.objects.filter(object_type="scenario").latest("at")
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes["board"] == "strip moved" and event.changes["strip"] == strip


def test_a_move_on_a_stale_board_is_refused_and_the_board_is_unchanged(
    coordinator_client, first_pass
):
    before = first_pass.board
    response = _change(
        coordinator_client,
        first_pass,
        action="move",
        strip=before.days[0][0],
        target="boneyard",
        revision=first_pass.revision - 1,
    )
    assert response.status_code == 409
    assert "Someone else changed this board" in response.content.decode()
    first_pass.refresh_from_db()
    assert first_pass.board == before


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "move", "strip": "999999", "target": "boneyard"},
        {"action": "move", "strip": "abc", "target": "day", "day": "x"},
        {"action": "move", "strip": "1", "target": "the moon"},
        {"action": "remove_day", "day": "500"},
    ],
)
def test_bad_board_requests_get_a_message_and_change_nothing(
    coordinator_client, first_pass, fields
):
    before = first_pass.board
    response = _change(coordinator_client, first_pass, **fields)
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    first_pass.refresh_from_db()
    assert first_pass.board == before


def test_a_day_break_and_its_removal(coordinator_client, first_pass):
    day = first_pass.board.days[1]
    assert len(day) > 1
    _change(coordinator_client, first_pass, action="split_day", day=1, before=day[1])
    first_pass.refresh_from_db()
    assert len(first_pass.board.days) == 62
    _change(coordinator_client, first_pass, action="remove_day", day=1)
    first_pass.refresh_from_db()
    assert first_pass.board.days[1] == day


def test_work_on_an_elements_day_off_is_warned_on_the_board(coordinator_client, first_pass):
    george = Element.objects.get(production=first_pass.production, name="GEORGE")
    george.days_off = [3]  # Wednesdays; day 1 (Aug 3, 2022) is a Wednesday
    george.save()
    page = coordinator_client.get(
        f"/p/{first_pass.production.slug}/schedule/scenarios/{first_pass.pk}/"
    ).content.decode()
    assert "GEORGE works on Wed 03 Aug" in page


def test_crew_can_read_the_schedule_but_not_move_strips(client, first_pass):
    department_head = add_member(first_pass.production, Role.DEPARTMENT_HEAD)
    client.force_login(department_head)
    url = f"/p/{first_pass.production.slug}/schedule/scenarios/{first_pass.pk}/"
    assert client.get(url).status_code == 200
    before = first_pass.board
    assert (
        _change(
            client, first_pass, action="move", strip=before.days[0][0], target="boneyard"
        ).status_code
        == 403
    )
    crew = add_member(first_pass.production, Role.CREW)
    client.force_login(crew)
    assert client.get(url).status_code == 403


def test_a_banner_joins_the_top_of_the_unscheduled_strips(coordinator_client, first_pass):
    response = _change(coordinator_client, first_pass, action="banner", text="SECOND UNIT")
    assert response.status_code == 200
    assert "SECOND UNIT" in response.content.decode()
    first_pass.refresh_from_db()
    banner = Strip.objects.get(pk=first_pass.board.unscheduled[0])
    assert banner.kind == Strip.Kind.BANNER and banner.banner_text == "SECOND UNIT"
    assert _change(coordinator_client, first_pass, action="banner", text="  ").status_code == 409


def test_the_board_has_one_url_a_verb_and_no_catch_all(coordinator_client, first_pass):
    """The old action-dispatch URL (one POST switching on 'action') is gone; an unknown verb
    has no URL, and nothing changes."""
    before = first_pass.board
    base = f"/p/{first_pass.production.slug}/schedule/scenarios/{first_pass.pk}/"
    for url in (base + "change/", base + "board/explode/"):
        response = coordinator_client.post(url, {"action": "move", "strip": "1"})
        assert response.status_code == 404, url
    first_pass.refresh_from_db()
    assert first_pass.board == before
