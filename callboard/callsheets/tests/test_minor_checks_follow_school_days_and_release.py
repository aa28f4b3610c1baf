"""A minor's checks know school days: a 16- or 17-year-old needs a studio teacher on school
days only; the latest release is 10 PM before a school day and 12:30 AM before a day without
school; an earlier release typed for a minor is the end of their day (issue 15, review of
item 1). School days here are Monday to Friday, less the board calendar's holidays and any day
its calendar marks "no school"."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from callboard.callsheets.checks import CastLine, CrewLine, SceneLine, SheetFacts, check_sheet
from callboard.callsheets.queries import sheet_document, sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create
from callboard.people.models import Person

from .ready import cast_inputs

LA = ZoneInfo("America/Los_Angeles")
SATURDAY = datetime(2026, 12, 12, 9, 0, tzinfo=LA)  # Saturday, no school
TUESDAY = datetime(2026, 12, 8, 9, 0, tzinfo=LA)


def _facts(call, wrap, minor, release=None, no_school=frozenset(), teacher=False):
    crew = [CrewLine("Grip One", call)]
    if teacher:
        crew.append(CrewLine("Ms Teacher", call, teacher=True))
    return SheetFacts(
        crew_call=call,
        shooting_call=call + timedelta(hours=1),
        meals=[call + timedelta(hours=5)],
        est_wrap=wrap,
        scenes=[SceneLine("12", 8, ("1",), "Bailey house")],
        stated_eighths=None,
        cast=[
            CastLine(
                "1",
                "Zuzu Bailey",
                "SW",
                pickup=call,
                makeup=call + timedelta(minutes=15),
                on_set=call + timedelta(hours=1),
                minor=minor,
                release=release,
            )
        ],
        dood_codes={"1": "SW"},
        crew=crew,
        hospital=True,
        hotline=True,
        no_school=no_school,
    )


def _codes(facts):
    return [f.code for f in check_sheet(facts)]


def test_a_17_year_old_on_a_saturday_needs_no_studio_teacher():
    found = check_sheet(_facts(SATURDAY, SATURDAY + timedelta(hours=8), "16-18"))
    assert "minor-no-teacher" not in [f.code for f in found], [f.message for f in found]


def test_a_17_year_old_on_a_school_day_needs_a_studio_teacher():
    found = check_sheet(_facts(TUESDAY, TUESDAY + timedelta(hours=8), "16-18"))
    teacher = [f.message for f in found if f.code == "minor-no-teacher"]
    assert teacher and "on set on school days" in teacher[0]


def test_a_17_year_old_on_a_holiday_weekday_needs_no_studio_teacher():
    facts = _facts(TUESDAY, TUESDAY + timedelta(hours=8), "16-18", no_school={TUESDAY.date()})
    assert "minor-no-teacher" not in _codes(facts)


def test_a_younger_child_needs_a_studio_teacher_every_day():
    assert "minor-no-teacher" in _codes(_facts(SATURDAY, SATURDAY + timedelta(hours=8), "9-16"))


def test_a_minor_released_by_half_past_midnight_before_a_day_without_school_is_allowed():
    friday = datetime(2026, 12, 11, 16, 0, tzinfo=LA)
    found = check_sheet(_facts(friday, friday + timedelta(hours=7), "16-18"))  # wrap 11 PM
    assert not [f.message for f in found if f.code == "minor-hours"]


def test_a_minor_past_half_past_midnight_before_a_day_without_school_is_flagged():
    friday = datetime(2026, 12, 11, 16, 0, tzinfo=LA)
    found = check_sheet(_facts(friday, friday + timedelta(hours=9), "16-18"))  # wrap 1 AM
    hours = [f.message for f in found if f.code == "minor-hours"]
    assert hours and "12:30 AM" in hours[-1]


def test_a_minor_past_ten_before_a_school_day_is_flagged():
    thursday = datetime(2026, 12, 10, 14, 0, tzinfo=LA)
    found = check_sheet(_facts(thursday, thursday + timedelta(hours=9), "16-18", teacher=True))
    hours = [f.message for f in found if f.code == "minor-hours"]
    assert hours and "10:00 PM" in hours[-1] and "school" in hours[-1]


def test_a_minor_released_early_is_checked_by_their_release_not_the_crew_wrap():
    long_day = TUESDAY + timedelta(hours=12)  # 9 PM: 12 h for a 16-17-year-old (10 allowed)
    facts = _facts(TUESDAY, long_day, "16-18", teacher=True)
    assert "minor-hours" in _codes(facts)
    released = _facts(
        TUESDAY, long_day, "16-18", teacher=True, release=TUESDAY + timedelta(hours=9)
    )
    assert "minor-hours" not in _codes(released)
    late_release = _facts(
        TUESDAY, long_day, "16-18", teacher=True, release=TUESDAY + timedelta(hours=11)
    )
    hours = [f.message for f in check_sheet(late_release) if f.code == "minor-hours"]
    assert hours and "released at 8:00 PM" in hours[0]


def _minor_mary(shooting):
    mary = Person.objects.get(production=shooting.production, character="MARY")
    mary.minor_age = "16-18"
    mary.save()
    return mary


def _post(client, sheet, **changes):
    data = {
        "crew_call": "7:00 AM",
        "shooting_call": "8:00 AM",
        "lunch": "1:00 PM",
        "est_wrap": "9:00 PM",
        "location_name": "Bailey house",
        "hospital_name": "Good Samaritan",
        "safety_hotline": "(800) 555-0199",
        **cast_inputs(sheet),
        **changes,
    }
    return client.post(f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/", data)


def test_the_sheet_records_a_minor_s_release_and_the_check_uses_it(coordinator_client, shooting):
    _minor_mary(shooting)
    teacher = Person.objects.filter(production=shooting.production, position="Grip").first()
    teacher.position = "Studio Teacher"
    teacher.save()
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)  # a Thursday
    mary = next(r for r in sheet_view(sheet).cast if r.element.name == "MARY")
    field = f"cast_{mary.element.pk}_release"
    # MARY picked up at 6:00 AM, the crew's estimated wrap 9:00 PM: 15 hours
    assert _post(coordinator_client, sheet).status_code == 302
    sheet.refresh_from_db()
    assert "minor-hours" in [f.code for f in sheet_findings(sheet_view(sheet))]
    url = f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/"
    assert f'name="{field}"' in coordinator_client.get(url).content.decode()

    assert _post(coordinator_client, sheet, **{field: "2:30 PM"}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.cast_calls[str(mary.element.pk)]["release"] == "14:30"
    assert "minor-hours" not in [f.code for f in sheet_findings(sheet_view(sheet))]
    cast = {c["character"]: c for c in sheet_document(sheet_view(sheet))["cast"]}
    assert "Release 2:30 PM" in cast["MARY"]["remarks"]
    assert 'value="2:30 PM"' in coordinator_client.get(url).content.decode()


def test_a_release_that_is_not_a_time_is_refused_and_kept(coordinator_client, shooting):
    _minor_mary(shooting)
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    mary = next(r for r in sheet_view(sheet).cast if r.element.name == "MARY")
    response = _post(coordinator_client, sheet, **{f"cast_{mary.element.pk}_release": "soon"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "MARY" in page and "is not a time" in page and 'value="soon"' in page
