"""The full USS sample imports whole; a bad file imports nothing and says what is wrong."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from callboard.core.models import Production
from callboard.schedule.models import Calendar, Category, Element, Scenario, Strip
from callboard.schedule.services import ScheduleExists, schedule_import
from callboard.schedule.uss import UssError, read_uss

from .conftest import USS


def test_the_full_sample_imports_every_breakdown_element_category_and_board(full_sample):
    assert Strip.objects.filter(production=full_sample).count() == 174
    assert Element.objects.filter(production=full_sample).count() == 238
    assert Category.objects.filter(production=full_sample).count() == 34
    assert Calendar.objects.filter(production=full_sample).count() == 3
    names = list(Scenario.objects.filter(production=full_sample).values_list("name", flat=True))
    assert names == ["Script Order", "First Pass", "Second Pass", "Rev. WHITE"]


def test_day_grouping_comes_through_and_no_strip_is_lost(full_sample):
    first_pass = Scenario.objects.get(production=full_sample, name="First Pass")
    board = first_pass.board
    assert len(board.days) == 61
    assert len(board.boneyard) == 2
    # Every scene is on every board; a banner only on the boards the file puts it on.
    scenes = Strip.objects.filter(production=full_sample, kind=Strip.Kind.SCENE)
    assert set(scenes.values_list("pk", flat=True)) <= set(board.strips())
    assert len(board.strips()) == len(set(board.strips()))
    banner = Strip.objects.get(production=full_sample, kind=Strip.Kind.BANNER)
    assert banner.pk not in board.strips()
    script_order = Scenario.objects.get(production=full_sample, name="Script Order").board
    assert script_order.days == ()  # a board without day grouping schedules nothing


def test_import_command_creates_the_production_titled_from_the_file(db):
    out = StringIO()
    call_command(
        "import_schedule",
        str(USS / "full_sample_schedule.uss"),
        production="wonderful-life",
        stdout=out,
    )
    production = Production.objects.get(slug="wonderful-life")
    assert production.title == "It's A Wonderful Life"
    assert "174 strips" in out.getvalue()


def test_import_command_can_take_one_scenario_and_names_the_ones_there_are(db):
    call_command(
        "import_schedule",
        str(USS / "full_sample_schedule.uss"),
        production="one-pass",
        scenario="Second Pass",
        stdout=StringIO(),
    )
    names = Scenario.objects.filter(production__slug="one-pass").values_list("name", flat=True)
    assert list(names) == ["Second Pass"]
    with pytest.raises(CommandError, match='"First Pass"'):
        call_command(
            "import_schedule",
            str(USS / "full_sample_schedule.uss"),
            production="two-pass",
            scenario="Third Pass",
            stdout=StringIO(),
        )
    assert not Strip.objects.filter(production__slug="two-pass").exists()


def test_a_second_import_is_refused_unless_it_replaces(full_sample):
    schedule = read_uss((USS / "small_sample_schedule.uss").read_bytes())
    with pytest.raises(ScheduleExists):
        schedule_import(actor=None, production=full_sample, schedule=schedule)
    assert Strip.objects.filter(production=full_sample).count() == 174
    schedule_import(actor=None, production=full_sample, schedule=schedule, replace=True)
    assert Strip.objects.filter(production=full_sample).count() == len(schedule.breakdowns)


def test_dood_command_prints_the_issue_json_shape(full_sample):
    out = StringIO()
    call_command("dood", production=full_sample.slug, scenario="First Pass", json=True, stdout=out)
    data = json.loads(out.getvalue())
    # "Start Aug 3, 2022": weekends off; Labor Day (Sep 5) a holiday.
    assert data["days"][:4] == [
        {"day": 1, "date": "2022-08-03"},
        {"day": 2, "date": "2022-08-04"},
        {"day": 3, "date": "2022-08-05"},
        {"day": 4, "date": "2022-08-08"},
    ]
    assert "2022-09-05" not in {d["date"] for d in data["days"]}
    assert len(data["days"]) == 61
    george = next(e for e in data["elements"] if e["name"] == "GEORGE")
    assert george["id"] == "1"
    assert set(george) == {
        "id",
        "name",
        "codes",
        "start",
        "finish",
        "work",
        "hold",
        "travel",
        "holiday",
        "rehearsal",
        "fitting",
        "paid",
    }
    # Rehearsals are paid as days by default; fittings by the hour (not in paid).
    assert george["paid"] == (
        george["work"] + george["hold"] + george["travel"] + george["rehearsal"]
    )
    codes = list(george["codes"].values())
    assert codes.count("SW") + codes.count("SWD") == 1
    assert "H" not in {george["codes"].get(d) for d in ("2022-08-06", "2022-08-07")}  # weekend


def test_dood_command_takes_any_category(full_sample):
    out = StringIO()
    call_command(
        "dood",
        production=full_sample.slug,
        scenario="First Pass",
        category="Vehicles",
        json=True,
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["elements"] and all(e["work"] >= 0 for e in data["elements"])
    with pytest.raises(CommandError, match="No category"):
        call_command("dood", production=full_sample.slug, category="Dragons", json=True)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json at all", "not JSON"),
        (b'{"universalScheduleStandard": {"breakdowns": []}}', "categories"),
        (
            json.dumps(
                {
                    "universalScheduleStandard": {
                        "breakdowns": [{"id": 1, "type": "scene", "elements": []}],
                        "categories": [],
                        "elements": [],
                    }
                }
            ).encode(),
            "must be a string",
        ),
        (
            json.dumps(
                {
                    "universalScheduleStandard": {
                        "breakdowns": [{"id": "b1", "type": "scene", "elements": ["nope"]}],
                        "categories": [],
                        "elements": [],
                    }
                }
            ).encode(),
            "nope",
        ),
    ],
)
def test_a_bad_file_through_the_page_lists_its_problems_and_imports_nothing(
    coordinator_client, production, content, expected
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(
        f"/p/{production.slug}/schedule/import/",
        {"file": SimpleUploadedFile("bad.uss", content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert expected in page
    assert not Strip.objects.filter(production=production).exists()


def test_a_breakdown_twice_on_one_stripboard_is_refused(production):
    data = json.loads((USS / "small_sample_schedule.uss").read_bytes())
    body = data["universalScheduleStandard"]
    board = body["stripboards"][0]["boards"][0]
    key = "breakdownIds" if "breakdownIds" in board else "breakdownArrays"
    board[key] = board[key] + board[key][:1]
    with pytest.raises(UssError) as error:
        read_uss(json.dumps(data))
    assert any("already on this stripboard" in p for p in error.value.problems)


def test_values_longer_than_the_database_holds_are_listed_and_nothing_is_imported(production):
    data = json.loads((USS / "small_sample_schedule.uss").read_bytes())
    body = data["universalScheduleStandard"]
    body["elements"][0]["name"] = "X" * 250
    body["breakdowns"][1]["scene"] = "1" * 30
    with pytest.raises(UssError) as error:
        schedule_import(actor=None, production=production, schedule=read_uss(json.dumps(data)))
    assert any("elements[0].name: 250 characters" in p for p in error.value.problems)
    assert any("breakdowns[1].scene" in p for p in error.value.problems)
    assert not Strip.objects.filter(production=production).exists()
