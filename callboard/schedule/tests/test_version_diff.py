"""What moved between two frozen schedule versions (versiondiff: no database)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.schedule.versiondiff import (
    ADDED,
    CHANGED,
    JOINED,
    MOVED,
    REMOVED,
    SPLIT,
    FrozenBoard,
    FrozenCast,
    FrozenDay,
    FrozenScene,
    VersionDiffError,
    board_from_json,
    board_to_json,
    compare_versions,
    diff_json,
    summary_text,
)

MONDAY = date(2026, 12, 7)


def scene(number, part=1, eighths=8, cast=("1",), set_="KITCHEN", dn="D", omitted=False):
    return FrozenScene(number, part, eighths, tuple(cast), set_, dn, omitted=omitted)


def board(*days, scenario="sc1", start=MONDAY):
    """Days as lists of scenes, one shoot day a calendar day from ``start``."""
    return FrozenBoard(
        scenario=scenario,
        days=tuple(
            FrozenDay(n, start + timedelta(days=n - 1), tuple(scenes))
            for n, scenes in enumerate(days, start=1)
        ),
        cast=(FrozenCast("1", "GEORGE"), FrozenCast("2", "MARY")),
    )


def changes(diff):
    return [(c.number, c.part, c.change, c.from_day, c.to_day) for c in diff.scenes]


def test_a_version_compared_with_itself_is_empty():
    one = board([scene("1"), scene("2")], [scene("3")])
    diff = compare_versions(one, one)
    assert diff.is_empty
    assert summary_text(diff).startswith("Nothing moved")


def test_a_scene_on_another_day_is_moved_from_day_x_to_day_y():
    old = board([scene("1"), scene("2")], [scene("3")])
    new = board([scene("1")], [scene("3"), scene("2")])
    diff = compare_versions(old, new)
    assert changes(diff) == [("2", None, MOVED, 1, 2)]
    assert [d.number for d in diff.days] == [1, 2]
    assert "Sc. 2 moved from day 1 to day 2" in summary_text(diff)


def test_a_scene_reordered_within_its_day_has_not_moved():
    old = board([scene("1"), scene("2")])
    new = board([scene("2"), scene("1")])
    assert compare_versions(old, new).is_empty


def test_added_and_removed_scenes_are_listed_under_their_day():
    old = board([scene("1"), scene("2")])
    new = board([scene("1"), scene("4")])
    diff = compare_versions(old, new)
    assert changes(diff) == [("2", None, REMOVED, 1, None), ("4", None, ADDED, None, 1)]
    assert [c.change for c in diff.days[0].scenes] == [REMOVED, ADDED]


def test_a_split_scene_is_not_a_removal_plus_an_addition():
    old = board([scene("5", eighths=16)], [scene("6")])
    new = board([scene("5", 1, eighths=8)], [scene("6"), scene("5", 2, eighths=8)])
    diff = compare_versions(old, new)
    assert changes(diff) == [("5", None, SPLIT, 1, 1)]
    assert diff.scenes[0].details == ("1 part → 2 parts", "day 1 → day 1, 2")
    back = compare_versions(new, old)
    assert changes(back) == [("5", None, JOINED, 1, 1)]


def test_a_part_of_a_split_scene_that_moves_is_named_by_its_part():
    old = board([scene("5", 1)], [scene("5", 2)], [])
    new = board([scene("5", 1)], [], [scene("5", 2)])
    diff = compare_versions(old, new)
    assert changes(diff) == [("5", 2, MOVED, 2, 3)]
    assert diff.scenes[0].label == "5 pt 2"


def test_a_reimported_schedule_with_the_same_scenes_is_unchanged():
    # New strip ids, same scene numbers: the frozen board has no strip ids at all.
    old = board([scene("1"), scene("2")])
    new = board([replace(scene("1")), replace(scene("2"))])
    assert compare_versions(old, new).is_empty


@pytest.mark.parametrize(
    ("after", "detail"),
    [
        (scene("1", eighths=12), "pages 1 → 1 4/8"),
        (scene("1", cast=("1", "2")), "cast added: 2"),
        (scene("1", cast=()), "cast removed: 1"),
        (scene("1", set_="HALL"), "set KITCHEN → HALL"),
        (scene("1", dn="N"), "D/N D → N"),
        (scene("1", omitted=True), "now omitted"),
    ],
)
def test_a_scene_whose_facts_changed_says_which(after, detail):
    diff = compare_versions(board([scene("1")]), board([after]))
    assert changes(diff)[0][2] == CHANGED
    assert detail in diff.scenes[0].details


def test_a_scene_that_moved_and_changed_gives_both():
    old = board([scene("1")], [scene("2")])
    new = board([scene("2")], [scene("1", eighths=4)])
    kinds = {(c.number, c.change) for c in compare_versions(old, new).scenes}
    assert kinds == {("1", MOVED), ("1", CHANGED), ("2", MOVED)}


def test_days_added_and_dropped_are_listed():
    old = board([scene("1")], [scene("2")])
    longer = board([scene("1")], [scene("2")], [])
    diff = compare_versions(old, longer)
    assert [(d.number, d.change) for d in diff.days] == [(3, ADDED)]
    diff = compare_versions(longer, old)
    assert [(d.number, d.change) for d in diff.days] == [(3, "dropped")]


def test_a_day_whose_date_changed_says_so():
    old = board([scene("1")])
    new = board([scene("1")], start=MONDAY + timedelta(days=1))
    diff = compare_versions(old, new)
    assert diff.days[0].date_changed
    assert "was Mon 07 Dec" in summary_text(diff)


def test_cast_whose_days_changed_get_their_dood_line_before_and_after():
    old = board([scene("1", cast=("1",))], [scene("2", cast=("1", "2"))], [scene("3", cast=())])
    new = board([scene("1", cast=("1",))], [scene("3", cast=())], [scene("2", cast=("1", "2"))])
    diff = compare_versions(old, new)
    assert [(c.id, c.days_before, c.days_after) for c in diff.cast] == [
        ("1", (1, 2), (1, 3)),
        ("2", (2,), (3,)),
    ]
    george = diff.cast[0]
    assert [code for _, code in george.dood_before.codes] == ["SW", "WF"]
    assert [code for _, code in george.dood_after.codes] == ["SW", "H", "WF"]
    assert george.dood_after.hold == 1
    assert "H Tue 08 Dec" in george.dood_after.text


def test_versions_of_two_different_scenarios_cannot_be_compared():
    with pytest.raises(VersionDiffError, match="two different scenarios"):
        compare_versions(board([scene("1")]), board([scene("1")], scenario="other"))


def test_the_json_form_names_scene_changes_and_cast_days():
    old = board([scene("1"), scene("2", cast=("2",))])
    new = board([scene("1")], [scene("2", cast=("2",))])
    assert diff_json(compare_versions(old, new)) == {
        "scenes": [{"number": "2", "change": MOVED, "from_day": 1, "to_day": 2}],
        "cast": [{"id": "2", "name": "MARY", "days_before": [1], "days_after": [2]}],
    }


def test_a_frozen_board_survives_its_json_round_trip():
    one = board([scene("1"), scene("2", 1)], [scene("2", 2, omitted=True)])
    one = replace(one, days_off=frozenset({MONDAY + timedelta(days=5)}))
    assert board_from_json(board_to_json(one)) == one


# --------------------------------------------------------------------------- properties

numbers = st.sampled_from([str(n) for n in range(1, 13)] + ["4A", "7B"])


@st.composite
def boards(draw):
    """A board: some scene numbers over a few days, each number in one or two parts."""
    chosen = draw(st.lists(numbers, unique=True, max_size=10))
    day_count = draw(st.integers(min_value=1, max_value=5))
    placed = []
    for number in chosen:
        for _ in range(draw(st.integers(min_value=1, max_value=2))):
            placed.append((draw(st.integers(min_value=0, max_value=day_count - 1)), number))
    seen: dict[str, int] = {}
    days: list[list[FrozenScene]] = [[] for _ in range(day_count)]
    for day, number in sorted(placed):
        seen[number] = seen.get(number, 0) + 1
        cast = draw(st.lists(st.sampled_from(["1", "2", "3"]), unique=True, max_size=2))
        days[day].append(scene(number, seen[number], cast=cast))
    return board(*days)


@settings(max_examples=150, deadline=None)
@given(boards())
def test_any_version_compared_with_itself_is_empty(one):
    assert compare_versions(one, one).is_empty


@settings(max_examples=150, deadline=None)
@given(boards(), boards())
def test_moves_are_found_both_ways(old, new):
    forward = compare_versions(old, new)
    backward = compare_versions(new, old)
    there = {(c.number, c.part, c.from_day, c.to_day) for c in forward.scenes if c.change == MOVED}
    back = {(c.number, c.part, c.to_day, c.from_day) for c in backward.scenes if c.change == MOVED}
    assert there == back
    added = {c.number for c in forward.scenes if c.change == ADDED}
    assert added == {c.number for c in backward.scenes if c.change == REMOVED}
    assert {c.id for c in forward.cast} == {c.id for c in backward.cast}


@settings(max_examples=150, deadline=None)
@given(boards(), boards())
def test_every_scene_number_in_only_one_version_is_added_or_removed(old, new):
    before = {s.number for d in old.days for s in d.scenes}
    after = {s.number for d in new.days for s in d.scenes}
    diff = compare_versions(old, new)
    assert {c.number for c in diff.scenes if c.change == ADDED} == after - before
    assert {c.number for c in diff.scenes if c.change == REMOVED} == before - after


def test_the_headline_counts_the_changes():
    old = board([scene("1"), scene("2", cast=("2",))])
    new = board([scene("1")], [scene("2", cast=("2",)), scene("9", cast=())])
    assert summary_text(compare_versions(old, new)).splitlines()[0] == (
        "Scenes: 1 moved, 1 added; 1 cast member's days changed."
    )
