"""`python manage.py compute_pay FILE.json` prints the issue's shape; bad input names the field."""

import json

import pytest
from django.core.management import CommandError, call_command

SAMPLE = {
    "rules": "ca-nonunion",
    "deal": {"rate": "300.00", "per": "day", "guaranteed_hours": 12, "days_per_week": 5},
    "week_start": "2026-03-01",
    "previous_wrap": "2026-02-28T23:00",
    "days": [
        {
            "date": "2026-03-02",
            "call": "07:00",
            "wrap": "20:30",
            "meals": [{"start": "13:20", "end": "13:50", "grace": False}],
            "ndb": {"start": "06:45", "end": "07:00"},
        }
    ],
    "kit_rental": {"amount": "150.00", "per": "week"},
}


def test_the_command_prints_every_line_with_its_reason(tmp_path, capsys):
    path = tmp_path / "week.json"
    path.write_text(json.dumps(SAMPLE))
    call_command("compute_pay", str(path))
    out = json.loads(capsys.readouterr().out)
    assert out["base_rate"] == "21.4286"
    day = out["days"][0]
    assert day["worked_hours"] == "13.0" and day["elapsed_hours"] == "13.5"
    assert {"straight", "overtime", "double_time", "meal_premium"} <= {
        x["kind"] for x in day["lines"]
    }
    assert all(x["why"] for x in day["lines"])
    assert out["gross"] == f"{sum(float(out[k]) for k in ('wages', 'penalties', 'kit_rental')):.2f}"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rules": "nope"}, "rules"),
        ({"deal": {**SAMPLE["deal"], "rate": "-5"}}, "rate"),
        ({"days": [{**SAMPLE["days"][0], "wrap": "07:00"}]}, "wrap"),
        ({"days": [SAMPLE["days"][0], SAMPLE["days"][0]]}, "date"),
    ],
)
def test_bad_input_exits_with_a_message_naming_the_field(tmp_path, change, field):
    path = tmp_path / "week.json"
    path.write_text(json.dumps({**SAMPLE, **change}))
    with pytest.raises(CommandError, match=field):
        call_command("compute_pay", str(path))


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "week.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("compute_pay", str(path))
