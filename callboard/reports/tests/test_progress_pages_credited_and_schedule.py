"""reports.progress: what a day's scenes credit, the totals previously / today / to date, what
remains and where the shoot stands against its schedule (pure arithmetic)."""

from hypothesis import given
from hypothesis import strategies as st

from callboard.reports.progress import (
    CompletedOn,
    SceneLine,
    completed_twice,
    day_progress,
    minutes_text,
    parse_screen_time,
)


def line(key, status="complete", eighths=8, shot=0, **kw):
    return SceneLine(key=key, scene=key, status=status, eighths=eighths, eighths_shot=shot, **kw)


def progress(
    today, earlier=(), credit_parts=False, script=80, scenes=10, days=10, shot=1, planned=8
):
    return day_progress(
        today=today,
        earlier=earlier,
        script_eighths=script,
        script_scenes=scenes,
        days_scheduled=days,
        days_shot=shot,
        planned_eighths_to_date=planned,
        credit_parts=credit_parts,
    )


def test_pages_are_credited_on_the_day_a_scene_is_completed():
    day1 = [line("1", "part", 12, 5), line("2", "complete", 3)]
    p = progress([line("1", "complete", 12)], earlier=[day1], shot=2)
    assert (p.previous.eighths, p.today.eighths, p.to_date.eighths) == (3, 12, 15)
    assert (p.previous.scenes, p.today.scenes) == (1, 1)


def test_with_credit_parts_the_completion_credits_the_rest():
    day1 = [line("1", "part", 12, 5)]
    p = progress([line("1", "complete", 12)], earlier=[day1], credit_parts=True, shot=2)
    assert (p.previous.eighths, p.today.eighths) == (5, 7)
    assert p.credited == {"1": 7}


def test_a_retake_credits_setups_and_screen_time_only():
    p = progress([line("1", "complete", 8, retake=True, setups=3, seconds=40)])
    assert (p.today.scenes, p.today.eighths, p.today.setups, p.today.seconds) == (0, 0, 3, 40)


def test_remaining_days_ahead_and_estimated_finish():
    # 80 eighths over 10 days = 8 a day; 2 days shot, 24 eighths shot, 16 planned: one day ahead.
    p = progress(
        [line("1", "complete", 12)], earlier=[[line("2", "complete", 12)]], shot=2, planned=16
    )
    assert p.remaining_eighths == 56 and p.remaining_scenes == 8
    assert p.days_ahead == 1.0
    assert p.estimated_finish_day == 2 + 5  # 12 a day: 56 more take 5 days


def test_behind_and_no_pace_yet():
    p = progress([line("1", "not_shot")], planned=8)
    assert p.days_ahead == -1.0 and p.estimated_finish_day is None


def test_completed_twice_names_the_scene_and_the_day():
    problems = completed_twice(
        [line("1"), line("1"), line("2"), line("3", retake=True), line("4"), line("5")],
        {
            "2": CompletedOn(4),
            "3": CompletedOn(1),
            "4": CompletedOn(6, later=True),
            "5": CompletedOn(7, unit="second unit"),
        },
    )
    assert problems == [
        "Scene 1 is marked complete twice in this report.",
        "Scene 2 was completed on day 4: shot again, it is a retake.",
        "Scene 4 is completed on day 6, a later report: a scene is completed once. Mark it "
        "part shot here, or correct that day's report.",
        "Scene 5 was completed on day 7 by the second unit: shot again, it is a retake.",
    ]


def test_screen_time_reads_and_prints_minutes_and_seconds():
    assert parse_screen_time("2:45") == 165 and parse_screen_time("3") == 180
    assert parse_screen_time("") == 0 and minutes_text(165) == "2:45"
    for bad in ("2:60", "x", "-1", "1:5"):
        try:
            parse_screen_time(bad)
        except ValueError as exc:
            assert "minutes:seconds" in str(exc)
        else:
            raise AssertionError(bad)


statuses = st.sampled_from(["complete", "part", "not_shot"])
lines = st.lists(
    st.builds(
        lambda k, s, e, shot, retake, setups: line(
            str(k), s, e, min(shot, e), retake=retake, setups=setups
        ),
        st.integers(0, 5),
        statuses,
        st.integers(1, 40),
        st.integers(0, 40),
        st.booleans(),
        st.integers(0, 9),
    ),
    max_size=6,
)


@given(st.lists(lines, max_size=4), lines, st.booleans())
def test_previous_plus_today_is_to_date(earlier, today, parts):
    p = progress(today, earlier=earlier, credit_parts=parts, script=10_000)
    for field in ("scenes", "eighths", "seconds", "setups"):
        assert getattr(p.previous, field) + getattr(p.today, field) == getattr(p.to_date, field)
    assert p.remaining_eighths == 10_000 - p.to_date.eighths
