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


def cast_line(id, name, status, call, previous_wrap=None, **changes) -> CastLine:
    """Picked up at ``call``, hair/makeup 15 minutes later, on set an hour after the pickup."""
    times = dict(pickup=call, makeup=call + timedelta(minutes=15), on_set=call + timedelta(hours=1))
    times.update(changes)
    return CastLine(id, name, status, previous_wrap=previous_wrap, **times)


def facts(**changes) -> SheetFacts:
    base = dict(
        crew_call=CALL,
        shooting_call=CALL + timedelta(hours=1),
        meals=[CALL + timedelta(hours=6)],
        est_wrap=CALL + timedelta(hours=12),
        scenes=[
            SceneLine("12", 10, ("1", "4"), "Bailey house"),
            SceneLine("13", 3, ("1",), "Bailey house"),
        ],
        stated_eighths=None,
        cast=[
            cast_line("1", "Maggie Doyle", "SW", CALL),
            cast_line("4", "Tommy Doyle", "W", CALL + timedelta(hours=1)),
        ],
        dood_codes={"1": "SW", "4": "W"},
        hospital=True,
        hotline=True,
    )
    base.update(changes)
    return SheetFacts(**base)


def codes(findings):
    return {f.code for f in findings}


def test_a_clean_sheet_has_no_findings():
    assert check_sheet(facts()) == []


def test_cast_in_a_scene_but_not_in_the_cast_table_blocks():
    found = check_sheet(facts(cast=[cast_line("1", "Maggie Doyle", "SW", CALL)]))
    assert codes(found) == {"cast-missing"}
    assert "Cast #4 is in scene 12" in found[0].message and found[0].anchor == "cast"


def test_cast_marked_hold_on_a_day_they_work_blocks():
    cast = [cast_line("1", "Maggie Doyle", "SW", CALL), cast_line("4", "Tommy Doyle", "H", CALL)]
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
        cast_line("1", "Maggie Doyle", "SW", CALL, wrap),
        cast_line("4", "Tommy Doyle", "W", CALL),
    ]
    crew = [
        CrewLine("Sam Grip", CALL, CALL - timedelta(hours=9, minutes=30)),
        CrewLine("Ok Person", CALL, CALL - timedelta(hours=10)),
    ]
    found = check_sheet(facts(cast=cast, crew=crew))
    assert codes(found) == {"turnaround-cast", "turnaround-crew"}
    assert all(f.severity == ERROR for f in found)
    crew_finding = next(f for f in found if f.code == "turnaround-crew")
    assert "1 crew" in crew_finding.message and "9 h 30 min" in crew_finding.message


def test_no_hospital_and_a_wrong_page_total_block():
    found = check_sheet(facts(hospital=False, stated_eighths=12))
    assert codes(blocking(found)) == {"no-hospital", "pages-sum"}
    assert codes(check_sheet(facts(hotline=False))) == {"no-hotline"}
    assert "add up to 13" in next(f for f in found if f.code == "pages-sum").message


def test_on_set_before_hair_and_makeup_blocks():
    maggie = cast_line(
        "1",
        "Maggie Doyle",
        "SW",
        CALL - timedelta(hours=1),
        makeup=CALL + timedelta(minutes=30),
        on_set=CALL,
    )
    found = check_sheet(facts(cast=[maggie, cast_line("4", "Tommy Doyle", "W", CALL)]))
    assert codes(found) == {"cast-times-order"}
    assert found[0].severity == ERROR and found[0] in blocking(found)
    assert found[0].message == ("Maggie Doyle (#1) is on set at 7:00 AM, before H/MU at 7:30 AM.")


def test_a_pickup_after_hair_and_makeup_blocks():
    maggie = cast_line(
        "1",
        "Maggie Doyle",
        "SW",
        CALL + timedelta(minutes=20),
        makeup=CALL,
        on_set=CALL + timedelta(hours=1),
    )
    found = check_sheet(facts(cast=[maggie, cast_line("4", "Tommy Doyle", "W", CALL)]))
    assert [f.message for f in found] == [
        "Maggie Doyle (#1) is H/MU at 7:00 AM, before pickup at 7:20 AM."
    ]


def test_working_cast_with_blank_times_block_and_nothing_checks_out():
    blank = [CastLine("1", "Maggie Doyle", "SW", on_set=CALL), CastLine("4", "Tommy Doyle", "W")]
    found = check_sheet(facts(cast=blank))
    assert found and codes(found) == {"cast-times-blank"}
    assert len(blocking(found)) == 2
    messages = [f.message for f in found]
    assert "Maggie Doyle (#1) works today but has no pickup or H/MU time." in messages
    assert "Tommy Doyle (#4) works today but has no pickup or H/MU or on set time." in messages


def test_cast_called_after_shooting_call_for_a_later_scene_is_fine():
    late = cast_line("4", "Tommy Doyle", "W", CALL + timedelta(hours=5))
    assert check_sheet(facts(cast=[cast_line("1", "Maggie Doyle", "SW", CALL), late])) == []


def test_cast_not_working_today_need_no_times():
    held = CastLine("7", "Aunt Billy", "H", works=False)
    base = facts()
    assert check_sheet(facts(cast=[*base.cast, held])) == []


def test_calls_that_are_not_times_are_not_blank_and_skip_turnaround():
    wrap = CALL - timedelta(hours=3)
    maggie = cast_line("1", "Maggie Doyle", "SW", CALL, pickup="W/N")
    crew = [CrewLine("Pat Office", "O/C", wrap), CrewLine("Lee Casting", "PER DEPT HEAD", wrap)]
    found = check_sheet(facts(cast=[maggie, cast_line("4", "Tommy Doyle", "W", CALL)], crew=crew))
    assert found == []


def test_department_calls_after_shooting_call_are_not_warned():
    crew = [
        CrewLine("Sam Grip", CALL + timedelta(hours=3)),
        CrewLine("Background wrangler", CALL + timedelta(hours=6)),
    ]
    assert check_sheet(facts(crew=crew)) == []


def test_turnaround_says_whether_the_wrap_was_recorded_or_estimated():
    wrap = CALL - timedelta(hours=9)
    crew = [CrewLine("Sam Grip", CALL, wrap)]
    estimated = check_sheet(facts(crew=crew))[0].message
    recorded = check_sheet(facts(crew=crew, wrap_recorded=True))[0].message
    assert "yesterday's estimated wrap (10:00 PM" in estimated
    assert "yesterday's recorded wrap (10:00 PM" in recorded


def test_a_scene_with_no_location_blocks():
    scenes = [SceneLine("12", 10, ("1", "4"), "Bailey house"), SceneLine("13", 3, ("1",), " ")]
    found = check_sheet(facts(scenes=scenes))
    assert [(f.code, f.anchor) for f in found] == [("scene-no-location", "scenes")]
    assert "Scene 13 has no location" in found[0].message


def test_crew_called_after_their_end_date_block_unless_not_working():
    ended = CrewLine("Sam Grip", CALL, end_date=CALL.date() - timedelta(days=1))
    today = CrewLine("Lee Gaffer", CALL, end_date=CALL.date())
    off = CrewLine("Ann Loader", "N/W", end_date=CALL.date() - timedelta(days=3))
    found = check_sheet(facts(crew=[ended, today, off]))
    assert codes(blocking(found)) == {"crew-ended"}
    assert (
        "1 crew is called after their employment ended: Sam Grip (ended Dec 9)" in found[0].message
    )


def test_stunts_weapons_or_water_without_a_safety_note_block():
    risky = SceneLine(
        "12",
        10,
        ("1", "4"),
        "Bailey house",
        hazards=(("stunts", "Fall down stairs"), ("props", "Revolver")),
    )
    wet = SceneLine("13", 3, ("1",), "Pier", hazards=(("special equipment", "Water tank"),))
    found = check_sheet(facts(scenes=[risky, wet]))
    assert [f.code for f in found] == ["safety-note-missing", "safety-note-missing"]
    assert "Scene 12 has stunts: Fall down stairs; props: Revolver" in found[0].message
    covered = facts(
        scenes=[risky, wet],
        safety_notes="Sc. 12: stunt coordinator on set; armourer with the revolver.\n"
        "Water tank: safety divers standing by.",
    )
    assert check_sheet(covered) == []
    # A time in the notes is not scene 12.
    assert len(check_sheet(facts(scenes=[risky], safety_notes="Meeting at 12:30"))) == 1


def test_a_minor_needs_a_studio_teacher_and_their_hours():
    kid = cast_line("4", "Tommy Doyle", "W", CALL, minor="9-16")
    cast = [cast_line("1", "Maggie Doyle", "SW", CALL), kid]
    found = check_sheet(facts(cast=cast))
    assert codes(found) == {"minor-no-teacher", "minor-hours"}
    assert all(f in blocking(found) for f in found)
    hours = next(f for f in found if f.code == "minor-hours").message
    assert "Tommy Doyle (#4, minor 9 to 16 years) would be at work 12 h" in hours
    assert "allowed 9 h in all" in hours
    teacher = CrewLine("Ms. Keane", CALL, teacher=True)
    short_day = facts(cast=cast, crew=[teacher], est_wrap=CALL + timedelta(hours=8))
    assert check_sheet(short_day) == []
    teacher_off = CrewLine("Ms. Keane", "N/W", teacher=True)
    assert "minor-no-teacher" in codes(
        check_sheet(facts(cast=cast, crew=[teacher_off], est_wrap=CALL + timedelta(hours=8)))
    )


def test_a_minor_called_before_five_or_wrapping_after_ten_blocks():
    early = CALL.replace(hour=4, minute=30)
    kid = cast_line("4", "Tommy Doyle", "W", early, minor="16-18")
    found = check_sheet(
        facts(
            cast=[cast_line("1", "Maggie Doyle", "SW", CALL), kid], est_wrap=CALL.replace(hour=13)
        )
    )
    assert [f.message for f in found if f.code == "minor-hours"] == [
        "Tommy Doyle (#4, minor 16 and 17 years) is called at 4:30 AM: a minor may not start "
        "before 5:00 AM."
    ]
    late = cast_line("4", "Tommy Doyle", "W", CALL.replace(hour=15), minor="16-18")
    found = check_sheet(
        facts(
            cast=[cast_line("1", "Maggie Doyle", "SW", CALL), late],
            crew=[CrewLine("T", CALL, teacher=True)],
            est_wrap=CALL.replace(hour=23),
        )
    )
    assert [f.message for f in found] == [
        "Tommy Doyle (#4, minor 16 and 17 years) would work until 11:00 PM (the estimated wrap): "
        "a minor is released by 10:00 PM before a school day (Friday)."
    ]
