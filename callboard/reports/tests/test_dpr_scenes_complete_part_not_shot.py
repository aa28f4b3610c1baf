"""The script supervisor's scenes on the DPR: complete, part, not shot, added, retakes; a scene
is completed once; pages credited on the day completed (or parts, when the production says)."""

import pytest

from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.reports.models import ReportSettings, SceneProgress
from callboard.reports.queries import report_document, scheduled_strips
from callboard.reports.services import ReportError, report_start, scene_progress_record
from callboard.schedule.models import Strip


def strip(number):
    return Strip.objects.get(scene_number=number)


@pytest.fixture
def day1(day_one, coordinator):
    return report_start(actor=coordinator, call_sheet=day_one)


@pytest.fixture
def day2(shooting, day1, on_set, coordinator):
    on_set(2026, 12, 11, 18, 0)
    sheet = publish_despite(
        make_ready(callsheet_create(actor=None, scenario=shooting, day_number=2))
    )
    return report_start(actor=coordinator, call_sheet=sheet)


def test_every_scheduled_scene_is_on_the_report_not_shot_unless_said(day1, coordinator):
    assert [s.scene_number for s in scheduled_strips(day1)] == ["1", "2"]
    scene_progress_record(
        actor=coordinator,
        report=day1,
        rows=[{"strip": strip("1"), "status": "complete", "seconds": 95, "setups": 6}],
    )
    document = report_document(day1)
    assert [(s["number"], s["status"]) for s in document["scenes"]] == [
        ("1", "complete"),
        ("2", "not_shot"),
    ]
    pages = document["progress"]["pages"]
    one = strip("1").eighths
    assert (pages["previous"], pages["today"], pages["to_date"]) == (0, one, one)
    assert pages["remaining"] == pages["script_total"] - one
    assert document["progress"]["minutes"]["shown"]["today"] == "1:35"
    assert document["progress"]["setups"]["today"] == 6


def test_a_scene_marked_complete_twice_in_one_report_is_refused(day1, coordinator):
    with pytest.raises(ReportError, match="Scene 1 is marked complete twice"):
        scene_progress_record(
            actor=coordinator,
            report=day1,
            rows=[
                {"strip": strip("1"), "status": "complete"},
                {"strip": strip("1"), "status": "complete"},
            ],
        )
    assert not SceneProgress.objects.exists()


def test_a_scene_completed_on_an_earlier_day_is_refused_unless_a_retake(day1, day2, coordinator):
    scene_progress_record(
        actor=coordinator, report=day1, rows=[{"strip": strip("1"), "status": "complete"}]
    )
    with pytest.raises(ReportError, match="Scene 1 was completed on day 1: shot again, it is a"):
        scene_progress_record(
            actor=coordinator, report=day2, rows=[{"strip": strip("1"), "status": "complete"}]
        )
    assert not day2.scenes.exists()
    scene_progress_record(
        actor=coordinator,
        report=day2,
        rows=[{"strip": strip("1"), "status": "complete", "retake": True, "setups": 2}],
    )
    document = report_document(day2)
    retake = next(s for s in document["scenes"] if s["number"] == "1")
    assert retake["added"] and retake["retake"] and retake["credited"] == 0
    assert document["progress"]["scenes"]["today"] == 0
    assert document["progress"]["setups"]["to_date"] == 2


def test_the_second_unit_cannot_complete_a_scene_the_main_unit_completed_the_same_day(
    day1, day_one, coordinator
):
    second = report_start(actor=coordinator, call_sheet=day_one, unit="second")
    scene_progress_record(
        actor=coordinator, report=day1, rows=[{"strip": strip("1"), "status": "complete"}]
    )
    with pytest.raises(ReportError, match="Scene 1 was completed on day 1: shot again"):
        scene_progress_record(
            actor=coordinator, report=second, rows=[{"strip": strip("1"), "status": "complete"}]
        )
    assert not second.scenes.exists()
    # And the other way round: the main unit's day cannot complete the second unit's scene.
    scene_progress_record(
        actor=coordinator, report=second, rows=[{"strip": strip("2"), "status": "complete"}]
    )
    with pytest.raises(ReportError, match="Scene 2 was completed on day 1 by the second unit"):
        scene_progress_record(
            actor=coordinator, report=day1, rows=[{"strip": strip("2"), "status": "complete"}]
        )
    assert day1.scenes.get(strip=strip("1")).status == "complete"


def test_an_earlier_day_cannot_complete_a_scene_a_later_day_completed(day1, day2, coordinator):
    scene_progress_record(
        actor=coordinator, report=day2, rows=[{"strip": strip("1"), "status": "complete"}]
    )
    with pytest.raises(ReportError, match="Scene 1 is completed on day 2, a later report"):
        scene_progress_record(
            actor=coordinator, report=day1, rows=[{"strip": strip("1"), "status": "complete"}]
        )
    assert not day1.scenes.exists()


def test_a_correction_may_complete_again_what_its_own_earlier_version_completed(
    day1, coordinator, production
):
    from callboard.core.capabilities import Role
    from callboard.core.testing import add_member
    from callboard.reports.services import report_approve, report_correct, report_submit

    from .dpr_days import day_filled

    upm = add_member(production, Role.UPM)
    day_filled(coordinator, day1)  # scene 1 complete
    report_submit(actor=coordinator, report=day1)
    approved, _ = report_approve(actor=upm, report=day1)
    corrected = report_correct(actor=upm, report=approved, reason="Setups were 5")
    scene_progress_record(
        actor=coordinator,
        report=corrected,
        rows=[{"strip": strip("1"), "status": "complete", "setups": 5}],
    )
    assert corrected.scenes.get(strip=strip("1")).setups == 5


def test_a_part_shot_scene_credits_its_pages_on_the_day_it_is_completed(day1, day2, coordinator):
    two = strip("2")
    two.eighths = 12
    two.save()
    scene_progress_record(
        actor=coordinator,
        report=day1,
        rows=[{"strip": two, "status": "part", "eighths_shot": 1}],
    )
    assert report_document(day1)["progress"]["pages"]["today"] == 0
    scene_progress_record(
        actor=coordinator, report=day2, rows=[{"strip": two, "status": "complete"}]
    )
    document = report_document(day2)
    assert document["progress"]["pages"]["today"] == two.eighths
    assert [s["status"] for s in document["scenes"] if s["number"] == "2"] == ["added"]


def test_with_credit_parts_a_part_credits_what_was_shot_and_the_rest_on_completion(
    day1, day2, coordinator, production
):
    ReportSettings.objects.create(production=production, credit_parts=True)
    two = strip("2")
    two.eighths = 12
    two.save()
    scene_progress_record(
        actor=coordinator, report=day1, rows=[{"strip": two, "status": "part", "eighths_shot": 5}]
    )
    assert report_document(day1)["progress"]["pages"]["today"] == 5
    scene_progress_record(
        actor=coordinator, report=day2, rows=[{"strip": two, "status": "complete"}]
    )
    pages = report_document(day2)["progress"]["pages"]
    assert (pages["previous"], pages["today"]) == (5, 7)


def test_bad_scene_lines_are_refused_with_nothing_saved(day1, coordinator):
    for rows, message in [
        ([{"scene": "99", "status": "complete"}], "Scene 99 is not in the breakdown"),
        ([{"strip": strip("1"), "status": "part", "eighths_shot": 0}], "part shot: say how much"),
        ([{"strip": strip("1"), "status": "not_shot", "setups": 3}], "not shot but has setups"),
        ([{"strip": strip("1"), "status": "done"}], "not complete, part or not shot"),
        ([{"strip": strip("1"), "status": "complete", "setups": -1}], "cannot be negative"),
        ([{"strip": strip("1"), "status": "complete", "setups": "x"}], "not a whole number"),
    ]:
        with pytest.raises(ReportError, match=message):
            scene_progress_record(actor=coordinator, report=day1, rows=rows)
    assert not SceneProgress.objects.exists()


def test_a_scene_not_scheduled_is_added_by_its_number(day1, coordinator):
    scene_progress_record(
        actor=coordinator, report=day1, rows=[{"scene": "3", "status": "complete", "setups": 1}]
    )
    scenes = report_document(day1)["scenes"]
    assert [(s["number"], s["status"]) for s in scenes] == [
        ("1", "not_shot"),
        ("2", "not_shot"),
        ("3", "added"),
    ]


def test_numbers_no_day_holds_are_refused(day1, coordinator):
    with pytest.raises(ReportError, match="more than a day holds"):
        scene_progress_record(
            actor=coordinator,
            report=day1,
            rows=[{"strip": strip("1"), "status": "complete", "seconds": 10**12}],
        )
    assert not SceneProgress.objects.exists()
