"""The checks before publishing, each with its message and the part of the sheet to fix."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from callboard.callsheets.checks import (
    ERROR,
    WARNING,
    CastLine,
    CrewLine,
    SceneLine,
    SheetFacts,
    blocking,
    check_sheet,
)

LA = ZoneInfo("America/Los_Angeles")
CALL = datetime(2026, 12, 10, 7, 0, tzinfo=LA)


def facts(**changes) -> SheetFacts:
    base = dict(
        crew_call=CALL,
        shooting_call=CALL + timedelta(hours=1),
        meals=[CALL + timedelta(hours=6)],
        est_wrap=CALL + timedelta(hours=12),
        scenes=[SceneLine("12", 10, ("1", "4")), SceneLine("13", 3, ("1",))],
        stated_eighths=None,
        cast=[
            CastLine("1", "Maggie Doyle", "SW", CALL),
            CastLine("4", "Tommy Doyle", "W", CALL + timedelta(hours=1)),
        ],
        dood_codes={"1": "SW", "4": "W"},
        hospital=True,
    )
    base.update(changes)
    return SheetFacts(**base)


def codes(findings):
    return {f.code for f in findings}


def test_a_clean_sheet_has_no_findings():
    assert check_sheet(facts()) == []


def test_cast_in_a_scene_but_not_in_the_cast_table_blocks():
    found = check_sheet(facts(cast=[CastLine("1", "Maggie Doyle", "SW", CALL)]))
    assert codes(found) == {"cast-missing"}
    assert "Cast #4 is in scene 12" in found[0].message and found[0].anchor == "cast"


def test_cast_marked_hold_on_a_day_they_work_blocks():
    cast = [CastLine("1", "Maggie Doyle", "SW", CALL), CastLine("4", "Tommy Doyle", "H", CALL)]
    assert "cast-on-hold" in codes(check_sheet(facts(cast=cast)))


def test_a_status_that_disagrees_with_the_dood_blocks():
    found = check_sheet(facts(dood_codes={"1": "W", "4": "W"}))
    assert codes(found) == {"status-dood"}
    assert "the Day Out of Days says W" in found[0].message


def test_crew_call_after_shooting_call_blocks():
    assert "crew-after-shooting" in codes(
        check_sheet(facts(shooting_call=CALL - timedelta(hours=1)))
    )


def test_a_meal_more_than_six_hours_after_call_is_warned():
    found = check_sheet(facts(meals=[CALL + timedelta(hours=6, minutes=30)]))
    assert [(f.code, f.severity) for f in found] == [("meal-late", WARNING)]
    assert "6 h 30 min after call" in found[0].message
    second = check_sheet(
        facts(meals=[CALL + timedelta(hours=5), CALL + timedelta(hours=11, minutes=30)])
    )
    assert "meal-late" in codes(second)


def test_turnaround_under_twelve_hours_for_cast_and_ten_for_crew_blocks():
    wrap = CALL - timedelta(hours=11)
    cast = [
        CastLine("1", "Maggie Doyle", "SW", CALL, wrap),
        CastLine("4", "Tommy Doyle", "W", CALL),
    ]
    crew = [CrewLine("Sam Grip", CALL, CALL - timedelta(hours=9, minutes=30)),
            CrewLine("Ok Person", CALL, CALL - timedelta(hours=10))]  # fmt: skip
    found = check_sheet(facts(cast=cast, crew=crew))
    assert codes(found) == {"turnaround-cast", "turnaround-crew"}
    assert all(f.severity == ERROR for f in found)
    crew_finding = next(f for f in found if f.code == "turnaround-crew")
    assert "1 crew" in crew_finding.message and "9 h 30 min" in crew_finding.message


def test_no_hospital_and_a_wrong_page_total_block():
    found = check_sheet(facts(hospital=False, stated_eighths=12))
    assert codes(blocking(found)) == {"no-hospital", "pages-sum"}
    assert "add up to 13" in next(f for f in found if f.code == "pages-sum").message
