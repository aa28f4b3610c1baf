"""The permit check reads every call on the sheet at the location, not only the crew call and
the wrap: cast in hair/makeup and on set, each crew member's call, the background's; and a
night shoot's times past midnight against the night's hours (checks, framework-free)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from callboard.callsheets.checks import CastLine, CrewLine, SheetFacts, check_sheet
from callboard.locations.permits import PermitTerms, PlacePermits

LA = ZoneInfo("America/Los_Angeles")
X = date(2026, 12, 10)


def at(hour: int, minute: int = 0, day: date = X) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LA)


def place(opens, closes, first=X, last=X) -> PlacePermits:
    return PlacePermits(
        "The Bailey House", True, (PermitTerms("FLA-42", first, last, opens, closes),)
    )


def facts(places, *, crew_call=None, wrap=None, cast=(), crew=(), background=()) -> SheetFacts:
    crew_call = crew_call or at(7)
    return SheetFacts(
        crew_call=crew_call,
        shooting_call=crew_call + timedelta(hours=1),
        meals=[crew_call + timedelta(hours=5)],
        est_wrap=wrap or crew_call + timedelta(hours=11),
        scenes=[],
        stated_eighths=None,
        cast=list(cast),
        dood_codes={},
        crew=list(crew),
        hospital=True,
        hotline=True,
        places=places,
        background=list(background),
    )


def permit_messages(sheet: SheetFacts) -> list[tuple[str, str]]:
    return [(f.anchor, f.message) for f in check_sheet(sheet) if f.code.startswith("permit")]


HOURS = "The Bailey House's permitted hours ({}, permit FLA-42)"
DAY_HOURS = HOURS.format("7:00 AM–7:00 PM")
NIGHT_HOURS = HOURS.format("6:00 PM–6:00 AM")


def donna(pickup, makeup, on_set) -> CastLine:
    return CastLine("1", "Donna Reed", "W", pickup=pickup, makeup=makeup, on_set=on_set)


def test_an_early_makeup_call_before_the_permit_opens_is_named():
    sheet = facts(
        [place(time(7, 0), time(19, 0))], cast=[donna(at(4, 30), at(5), at(8))]
    )  # the 4:30 pickup is at her hotel, not the location: not named
    assert permit_messages(sheet) == [
        ("cast", f"1 call outside {DAY_HOURS}: Donna Reed (#1) H/MU 5:00 AM")
    ]


def test_crew_and_background_called_early_are_named_by_name():
    sheet = facts(
        [place(time(7, 0), time(19, 0))],
        crew=[
            CrewLine("Bert Rigger", at(6)),  # a pre-call
            CrewLine("Ernie Grip", at(7)),
            CrewLine("Office PA", "O/C"),  # on call: not a time
        ],
        background=[("Pedestrians", at(6, 30)), ("Bank clerks", at(9)), ("Carollers", None)],
    )
    assert permit_messages(sheet) == [
        ("crew", f"1 call outside {DAY_HOURS}: Bert Rigger 6:00 AM"),
        ("safety", f"1 call outside {DAY_HOURS}: Background: Pedestrians 6:30 AM"),
    ]


def test_calls_at_the_crew_call_already_named_are_not_named_again():
    sheet = facts(
        [place(time(8, 0), time(22, 0))],
        crew=[CrewLine("Ernie Grip", at(7)), CrewLine("Bert Rigger", at(6))],
    )
    assert permit_messages(sheet) == [
        ("times", f"Crew call 7:00 AM is before {HOURS.format('8:00 AM–10:00 PM')}."),
        ("crew", f"1 call outside {HOURS.format('8:00 AM–10:00 PM')}: Bert Rigger 6:00 AM"),
    ]


def test_someone_not_working_or_on_hold_is_not_called():
    off = CastLine("2", "Lionel B", "W", pickup="N/W", makeup="N/W", on_set="N/W")
    hold = CastLine("3", "Jimmy S", "H", makeup=at(5), on_set=at(6))
    sheet = facts([place(time(7, 0), time(19, 0))], cast=[off, hold])
    assert permit_messages(sheet) == []


def test_an_overnight_permit_allows_a_4_30_wrap_and_not_a_6_30_one():
    night = [place(time(18, 0), time(6, 0))]
    fine = facts(night, crew_call=at(18), wrap=at(4, 30, X + timedelta(days=1)))
    assert permit_messages(fine) == []
    late = facts(night, crew_call=at(18), wrap=at(6, 30, X + timedelta(days=1)))
    assert permit_messages(late) == [
        ("times", f"The estimated wrap 6:30 AM is after {NIGHT_HOURS}.")
    ]


def test_a_night_shoot_s_call_past_midnight_belongs_to_the_night():
    """On a 6 PM sheet, an on-set call typed 1:00 AM is tomorrow's 1 AM, inside the night's
    hours (not 17 hours before the crew call, before a night the permit does not cover)."""
    night = [place(time(18, 0), time(6, 0))]
    late_scene = donna(at(23), at(23, 30), at(1))
    sheet = facts(night, crew_call=at(18), wrap=at(4, 30, X + timedelta(days=1)),
                  cast=[late_scene])  # fmt: skip
    assert permit_messages(sheet) == []
    too_late = donna(at(23), at(23, 30), at(6, 45))
    sheet = facts(night, crew_call=at(18), wrap=at(4, 30, X + timedelta(days=1)),
                  cast=[too_late])  # fmt: skip
    assert permit_messages(sheet) == [
        ("cast", f"1 call outside {NIGHT_HOURS}: Donna Reed (#1) on set 6:45 AM")
    ]


def test_a_permit_ending_on_a_date_does_not_cover_the_sheet_of_the_day_after():
    ended = [place(time(7, 0), time(19, 0), first=X - timedelta(days=2), last=X)]
    after = X + timedelta(days=1)
    sheet = facts(ended, crew_call=at(7, day=after), cast=[donna(None, at(5, day=after), None)])
    assert permit_messages(sheet) == [
        ("place", "The Bailey House: no permit covers Fri Dec 11 (the permit runs Dec 8–Dec 10).")
    ]


def test_the_night_before_s_wrap_past_midnight_is_that_night_s_not_the_next_sheet_s():
    """A night permit ending on the 10th: the 10th's sheet wrapping at 26:00 (2 AM on the 11th)
    is inside its hours."""
    ended = [place(time(18, 0), time(6, 0), first=X - timedelta(days=2), last=X)]
    sheet = facts(ended, crew_call=at(18), wrap=at(2, day=X + timedelta(days=1)))
    assert permit_messages(sheet) == []
    day_permit = [place(time(7, 0), time(22, 0), first=X, last=X + timedelta(days=1))]
    sheet = facts(day_permit, crew_call=at(12), wrap=at(2, day=X + timedelta(days=1)))
    assert permit_messages(sheet) == [
        ("times", f"The estimated wrap 2:00 AM is after {HOURS.format('7:00 AM–10:00 PM')}.")
    ]


def test_many_calls_outside_are_counted_and_the_first_five_named():
    crew = [CrewLine(f"Grip {n}", at(5, n)) for n in range(7)]
    (message,) = [m for _, m in permit_messages(facts([place(time(7, 0), time(19, 0))],
                                                       crew=crew))]  # fmt: skip
    assert message.startswith(f"7 calls outside {DAY_HOURS}: Grip 0 5:00 AM, Grip 1 5:01 AM,")
    assert message.endswith("Grip 4 5:04 AM, …")
