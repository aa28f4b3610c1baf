"""Bulk tools on the stripboard (issue 15 item 6): sort a day or the unscheduled strips, break
the unscheduled strips into days by pages, move several scenes at once. Every change goes
through the board's change view with its revision check; bad input changes nothing."""

import re

import pytest

from callboard.core.models import AuditEvent
from callboard.schedule.board import (
    DAY,
    UNSCHEDULED,
    BoardError,
    Layout,
    break_into_days,
    move_strips,
    scene_key,
    scenes_to_strips,
    sort_strips,
)
from callboard.schedule.models import Scenario, Strip
from callboard.schedule.queries import strip_infos
from callboard.schedule.testing import board_post

# ----------------------------------------------------------------- the pure board functions


def test_several_strips_move_together_in_the_order_given():
    layout = Layout.of([[1, 2, 3], [4]], [5, 6, 7], [8])
    moved = move_strips(layout, [6, 2, 8], target=DAY, day=1, before=4)
    assert moved == Layout.of([[1, 3], [6, 2, 8, 4]], [5, 7], [])


def test_dropping_several_strips_onto_one_of_them_puts_them_before_the_next_strip():
    layout = Layout.of([[1, 2, 3, 4]], [5])
    assert move_strips(layout, [5, 2], target=DAY, day=0, before=2).days == ((1, 5, 2, 3, 4),)


def test_a_multi_move_with_a_strip_not_on_the_board_changes_nothing():
    with pytest.raises(BoardError):
        move_strips(Layout.of([[1]], [2]), [2, 99], target=UNSCHEDULED)


def test_sorting_keeps_banners_in_their_places():
    layout = Layout.of([[3, 100, 1, 2]])
    key = {1: (1,), 2: (2,), 3: (3,)}.get
    sorted_ = sort_strips(layout, target=DAY, day=0, key=key, is_banner=lambda pk: pk == 100)
    assert sorted_.days == ((1, 100, 2, 3),)


def test_break_into_days_fills_days_up_to_the_page_count_and_empty_days_first():
    pages = {1: 16, 2: 16, 3: 8, 4: 40, 5: 8, 6: 0}
    layout = Layout.of([[9], [], []], [1, 2, 3, 4, 5, 6])
    broken = break_into_days(layout, per_day=32, eighths=pages.get, keep=lambda pk: pk == 6)
    # 2 + 2 pages close day 2; a 5-page scene gets a day alone; the omitted one stays.
    assert broken == Layout.of([[9], [1, 2], [3], [4], [5]], [6])


def test_scene_numbers_sort_like_a_script():
    numbers = ["10", "2", "10A", "A10", "11", "OMIT"]
    assert sorted(numbers, key=scene_key) == ["2", "10", "10A", "A10", "11", "OMIT"]


SCENES = [(n, str(n)) for n in range(1, 40)] + [(100, "32A")]


def test_a_typed_list_with_ranges_names_its_strips_in_the_order_written():
    assert scenes_to_strips("14, 22, 31-33", SCENES) == [14, 22, 31, 32, 100, 33]
    assert scenes_to_strips("5 - 6;3", SCENES) == [5, 6, 3]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14, x, 99-3", "no scene x on this board; no scene 99 on this board"),
        ("14, 9-3", "9-3 runs backwards (write 3-9)"),
        ("14, 77", "no scene 77 on this board"),
        ("", "Type the scenes to move"),
    ],
)
def test_bad_scene_lists_name_every_problem(text, message):
    with pytest.raises(BoardError, match=re.escape(message)):
        scenes_to_strips(text, SCENES)


# ----------------------------------------------------------------- through the board's page


@pytest.fixture
def first_pass(full_sample):
    return Scenario.objects.get(production=full_sample, name="First Pass")


def _change(client, scenario, action, **fields):
    """Posted as the page serves the board's forms: with the board's revision, unless given."""
    fields.setdefault("revision", Scenario.objects.get(pk=scenario.pk).revision)
    return board_post(client, scenario, action, **fields)


def _pk(production, number):
    return Strip.objects.get(production=production, scene_number=number).pk


def test_typed_scenes_and_ranges_move_together_and_are_audited(coordinator_client, first_pass):
    production = first_pass.production
    wanted = [_pk(production, n) for n in ("14", "22", "32", "33", "34")]
    response = _change(
        coordinator_client,
        first_pass,
        action="move_scenes",
        scene="14, 22, 32-34",
        to="boneyard",
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    assert list(first_pass.board.boneyard[-5:]) == wanted
    event = AuditEvent.objects.filter(object_type="scenario").latest("at")
    assert event.changes["board"] == "strips moved" and event.changes["strips"] == wanted


def test_bad_scene_input_gets_a_clear_message_and_the_board_is_unchanged(
    coordinator_client, first_pass
):
    before, revision = first_pass.board, first_pass.revision
    response = _change(
        coordinator_client,
        first_pass,
        action="move_scenes",
        scene="14, x, 99-3",
        to="day:0",
        revision=revision,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nothing was moved: no scene x on this board; 99-3 runs backwards (write 3-99)." in page
    first_pass.refresh_from_db()
    assert (first_pass.board, first_pass.revision) == (before, revision)


def test_shift_click_selection_moves_by_strip_with_the_revision_check(
    coordinator_client, first_pass
):
    picked = [first_pass.board.days[0][0], first_pass.board.days[3][1]]
    stale = _change(
        coordinator_client,
        first_pass,
        action="move_many",
        strips=",".join(map(str, picked)),
        target="day",
        day="1",
        revision=first_pass.revision - 1,
    )
    assert stale.status_code == 409 and "Someone else changed this board" in stale.content.decode()
    response = _change(
        coordinator_client,
        first_pass,
        action="move_many",
        strips=",".join(map(str, picked)),
        target="day",
        day="1",
        before=str(first_pass.board.days[1][0]),
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    assert list(first_pass.board.days[1][:2]) == picked
    bad = _change(
        coordinator_client, first_pass, action="move_many", strips="1,abc", target="boneyard"
    )
    assert bad.status_code == 409


@pytest.mark.parametrize("by", ["set", "int_ext", "dn", "location", "cast", "scene"])
def test_a_day_sorts_by_each_key_and_keeps_its_strips(coordinator_client, first_pass, by):
    day = list(first_pass.board.days[0])
    response = _change(
        coordinator_client,
        first_pass,
        action="sort",
        what="day:0",
        by=by,
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    assert sorted(first_pass.board.days[0]) == sorted(day)
    infos = strip_infos(first_pass.production)
    if by == "scene":
        keys = [scene_key(infos[pk].scene) for pk in first_pass.board.days[0]]
        assert keys == sorted(keys)
    if by == "dn":
        letters = [infos[pk].dn_letter for pk in first_pass.board.days[0]]
        assert letters == sorted(letters, key=lambda x: {"D": 0, "N": 1}.get(x, 2))


def test_sorting_the_unscheduled_strips_by_set(coordinator_client, first_pass):
    _change(
        coordinator_client, first_pass, action="move_scenes", scene="40, 3, 25", to="unscheduled"
    )
    first_pass.refresh_from_db()
    _change(coordinator_client, first_pass, action="sort", what="unscheduled", by="set")
    first_pass.refresh_from_db()
    infos = strip_infos(first_pass.production)
    sets = [infos[pk].set_name for pk in first_pass.board.unscheduled]
    assert sets == sorted(sets)
    bad = _change(coordinator_client, first_pass, action="sort", what="unscheduled", by="mood")
    assert bad.status_code == 409 and "Choose what to sort by" in bad.content.decode()


def test_the_unscheduled_strips_break_into_days_by_pages(coordinator_client, first_pass):
    production = first_pass.production
    _change(coordinator_client, first_pass, action="move_scenes", scene="1-12", to="unscheduled")
    first_pass.refresh_from_db()
    days_before = len(first_pass.board.days)
    response = _change(
        coordinator_client,
        first_pass,
        action="break_days",
        pages="4 4/8",
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    board = first_pass.board
    eighths = dict(Strip.objects.filter(production=production).values_list("pk", "eighths"))
    new_days = board.days[days_before:]
    assert new_days and not [s for s in board.unscheduled if eighths.get(s)]
    for day in new_days:
        total = sum(eighths.get(s) or 0 for s in day)
        assert total <= 36 or len(day) == 1


@pytest.mark.parametrize("pages", ["", "x", "0", "5 9/8", "nan", "1e999", "500"])
def test_a_bad_page_count_breaks_nothing(coordinator_client, first_pass, pages):
    before = first_pass.board
    response = _change(coordinator_client, first_pass, action="break_days", pages=pages)
    assert response.status_code == 409
    assert "page" in response.content.decode().lower()
    first_pass.refresh_from_db()
    assert first_pass.board == before


def test_the_board_shows_the_tools_only_to_editors(coordinator_client, member_client, first_pass):
    url = f"/p/{first_pass.production.slug}/schedule/scenarios/{first_pass.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert "Break into days" in page and 'name="by"' in page and "14, 22, 31-35" in page
    from callboard.core.capabilities import Role

    viewer = member_client(Role.CREW).get(url)
    if viewer.status_code == 200:
        assert "Break into days" not in viewer.content.decode()
