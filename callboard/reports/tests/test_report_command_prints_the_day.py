"""`manage.py production_report --production SLUG --day N --json`: the day's report in the
issue's shape; bad input is a message and exit status 1."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from callboard.reports.models import CastTime
from callboard.reports.services import report_start, set_time_record

from .dpr_days import day_filled


@pytest.fixture
def report(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    return day_filled(coordinator, report)


def run(capsys, *args):
    call_command("production_report", *args)
    return capsys.readouterr().out


def test_the_day_prints_in_the_issue_s_shape(report, production, capsys, coordinator):
    set_time_record(actor=coordinator, report=report, kind="second_meal_out", minutes=25 * 60 + 30)
    mary = production.people.get(first_name="Donna")
    CastTime.objects.create(
        report=report,
        person=mary,
        cast_number="1",
        status="SW",
        on_set=8 * 60,
        dismiss=19 * 60,
        meal_penalties=2,
    )
    data = json.loads(run(capsys, "--production", production.slug, "--day", "1", "--json"))
    assert data["date"] == "2026-12-10"
    assert list(data["times"]) == [
        "crew_call",
        "first_shot",
        "meal_out",
        "meal_in",
        "first_shot_after_meal",
        "second_meal_out",
        "second_meal_in",
        "camera_wrap",
        "last_out",
    ]
    assert data["times"]["crew_call"] == "07:00"
    assert data["times"]["second_meal_out"] == "25:30"
    assert data["times"]["second_meal_in"] is None
    assert [(s["number"], s["status"]) for s in data["scenes"]] == [
        ("1", "complete"),
        ("2", "not_shot"),
    ]
    assert set(data["pages"]) == {"previous", "today", "to_date", "script_total", "remaining"}
    assert data["pages"]["today"] == data["pages"]["to_date"] == 1
    assert data["minutes"]["today"] == "1:20" and data["setups"] == {"today": 4, "to_date": 4}
    assert data["cast"] == [
        {
            "id": "1",
            "name": mary.display_name,
            "status": "SW",
            "report": None,
            "on_set": "08:00",
            "meal_out": None,
            "meal_in": None,
            "dismiss": "19:00",
            "meal_penalties": 2,
        }
    ]
    assert set(data["hot_cost"]) >= {"planned", "actual", "by_department"}


def test_bad_input_is_a_message(report, production, capsys):
    for args, message in [
        (["--production", "nope", "--day", "1"], "No production with the slug 'nope'"),
        (["--production", production.slug, "--day", "2"], "no production report for day 2"),
        (["--production", production.slug, "--day", "1", "--unit", "second"], "(second unit)"),
        (["--production", production.slug, "--day", "0"], "numbered from 1"),
    ]:
        with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
            call_command("production_report", *args)


def test_the_text_form_reads_like_the_report(report, production, capsys):
    out = run(capsys, "--production", production.slug, "--day", "1")
    assert "Day 1 of 2" in out and "Crew call" in out and "Sc. 1" in out
