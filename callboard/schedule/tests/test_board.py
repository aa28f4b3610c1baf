"""The stripboard's operations never lose or duplicate a strip; the calendar counts shoot days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callboard.schedule.board import (
    BONEYARD,
    DAY,
    NEW_DAY,
    UNSCHEDULED,
    BoardError,
    CalendarRules,
    ElementAvailability,
    Layout,
    add_day,
    board_warnings,
    move_strip,
    remove_day,
    split_day,
    with_strips,
)

LAYOUT = Layout.of([[1, 2, 3], [4], []], [5, 6], [7])


@st.composite
def layouts_and_moves(draw):
    strips = draw(st.lists(st.integers(1, 500), min_size=1, max_size=40, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(strips)), max_size=6)))
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(strips[start:cut])
        start = cut
    rest = strips[start:]
    layout = Layout.of(pieces, rest[: len(rest) // 2], rest[len(rest) // 2 :])
    strip = draw(st.sampled_from(strips))
    target = draw(st.sampled_from([DAY, NEW_DAY, UNSCHEDULED, BONEYARD]))
    day = draw(st.integers(0, max(len(pieces) - 1, 0)))
    before = draw(st.one_of(st.none(), st.sampled_from(strips)))
    return layout, strip, target, day, before


@given(layouts_and_moves())
def test_a_move_either_keeps_every_strip_once_or_changes_nothing(case):
    layout, strip, target, day, before = case
    try:
        moved = move_strip(layout, strip, target=target, day=day, before=before)
    except BoardError:
        return
    assert sorted(moved.strips()) == sorted(layout.strips())
    if before != strip:
        assert moved.where(strip)[0] == (DAY if target == NEW_DAY else target)


def test_a_strip_dropped_before_another_lands_just_before_it():
    moved = move_strip(LAYOUT, 6, target=DAY, day=0, before=2)
    assert moved.days[0] == (1, 6, 2, 3)
    assert moved.unscheduled == (5,)


def test_a_strip_dropped_on_a_new_day_starts_it():
    moved = move_strip(LAYOUT, 7, target=NEW_DAY)
    assert moved.days[-1] == (7,)
    assert moved.boneyard == ()


def test_a_move_to_a_day_that_is_gone_is_refused():
    with pytest.raises(BoardError, match="reload"):
        move_strip(LAYOUT, 1, target=DAY, day=9)
    with pytest.raises(BoardError, match="not on this board"):
        move_strip(LAYOUT, 99, target=BONEYARD)


def test_a_day_break_splits_a_day_and_removing_it_joins_the_next_day():
    split = split_day(LAYOUT, day=0, before=3)
    assert split.days[:2] == ((1, 2), (3,))
    joined = remove_day(split, day=0)
    assert joined.days[0] == (1, 2, 3)


def test_removing_the_last_day_puts_its_strips_first_among_the_unscheduled():
    layout = Layout.of([[1], [2, 3]], [4])
    assert remove_day(layout, day=1).unscheduled == (2, 3, 4)


def test_an_empty_day_can_be_added_and_kept():
    assert add_day(LAYOUT, after=0).days[1] == ()


def test_strips_missing_from_a_board_join_the_unscheduled_and_deleted_ones_leave():
    reconciled = with_strips(LAYOUT, [1, 2, 3, 4, 5, 6, 8])
    assert reconciled.unscheduled == (5, 6, 8)
    assert 7 not in reconciled.strips()


def test_shoot_days_skip_weekends_days_off_and_holidays():
    rules = CalendarRules(
        start=date(2026, 9, 3),  # a Thursday
        weekly_off=frozenset({0, 6}),
        days_off=frozenset({date(2026, 9, 4)}),
        holidays=frozenset({date(2026, 9, 7)}),  # Labor Day
    )
    assert rules.shoot_dates(3) == [date(2026, 9, 3), date(2026, 9, 8), date(2026, 9, 9)]
    calendar = rules.dood_calendar(3)
    assert calendar.holidays == {date(2026, 9, 7)}
    assert date(2026, 9, 5) in calendar.days_off


def test_a_calendar_with_every_weekday_off_is_refused():
    with pytest.raises(BoardError):
        CalendarRules(start=date(2026, 9, 3), weekly_off=frozenset(range(7))).shoot_dates(1)


def test_warnings_name_work_on_a_day_off_an_unavailable_date_and_a_second_drop():
    warnings = board_warnings(
        [
            ElementAvailability(
                name="1. GEORGE",
                work=frozenset({date(2026, 9, 5), date(2026, 9, 8)}),
                weekly_off=frozenset({6}),  # Saturdays
                unavailable=frozenset({date(2026, 9, 8)}),
                drops=2,
                one_drop_only=True,
            )
        ]
    )
    messages = [w.message for w in warnings]
    assert any("Sat 05 Sep" in m and "days off" in m for m in messages)
    assert any("Tue 08 Sep" in m and "unavailable" in m for m in messages)
    assert any("2 times" in m for m in messages)
