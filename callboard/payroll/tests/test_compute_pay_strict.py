"""compute_pay refuses any key it does not know, a misspelled one or a missing one, naming it
and listing the accepted keys; --help gives the whole input format; the example file runs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from callboard.payroll.management.commands.compute_pay import EXAMPLE
from callboard.payroll.tests.test_compute_pay_command import SAMPLE

ROOT = Path(__file__).resolve().parents[3]


def _write(tmp_path, data) -> str:
    path = tmp_path / "week.json"
    path.write_text(json.dumps(data))
    return str(path)


@pytest.mark.parametrize(
    ("change", "named", "listed"),
    [
        ({"rules_set": "flsa"}, "rules_set: unknown key", "rules, deal, week_start"),
        (
            {"deal": {**SAMPLE["deal"], "guarnteed_hours": "12"}},
            "deal.guarnteed_hours: unknown key (did you mean 'guaranteed_hours'?)",
            "rate, per, guaranteed_hours, days_per_week",
        ),
        ({"days": [{**SAMPLE["days"][0], "wrapp": "20:00"}]}, "days[0].wrapp", "date, call, wrap"),
        (
            {"days": [{k: v for k, v in SAMPLE["days"][0].items() if k != "wrap"}]},
            "days[0].wrap: is required",
            "date, call, wrap, meals, ndb",
        ),
        (
            {"deal": {"rate": "300.00", "guaranteed_hours": 12}},
            "deal.per: is required",
            "rate, per",
        ),
        (
            {"kit_rental": {"amount": "150", "per": "week", "each": "x"}},
            "kit_rental.each",
            "amount, per",
        ),
    ],
)
def test_compute_pay_refuses_unknown_misspelled_or_missing_keys(tmp_path, change, named, listed):
    with pytest.raises(CommandError) as caught:
        call_command("compute_pay", _write(tmp_path, {**SAMPLE, **change}))
    assert named in str(caught.value) and f"accepted keys: {listed}" in str(caught.value)


def test_compute_pay_exits_1_on_an_unknown_key(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "compute_pay", _write(tmp_path, {**SAMPLE, "extra": 1})],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "extra: unknown key" in done.stderr and done.stdout == ""


def test_compute_pay_help_gives_the_input_format_and_the_example(capsys):
    with pytest.raises(SystemExit):
        call_command("compute_pay", "--help")
    text = capsys.readouterr().out
    for key in (
        "rules",
        "deal",
        "rate",
        "per",
        "guaranteed_hours",
        "days_per_week",
        "week_start",
        "previous_wrap",
        "days",
        "call",
        "wrap",
        "meals",
        "grace",
        "ndb",
        "kit_rental",
        "amount",
        "sag-aftra-day",
        "callboard/payroll/examples/week.json",
    ):
        assert key in text


def test_the_example_file_in_the_repo_computes(capsys):
    call_command("compute_pay", str(EXAMPLE))
    out = json.loads(capsys.readouterr().out)
    # Mon: 13.0 worked on $300/12 with a late first meal ($21.43 premium); Tue: a night
    # shoot wrapping 04:30 the next morning, 10.0 worked under the 12 h guarantee.
    assert [(d["date"], d["worked_hours"], d["total"]) for d in out["days"]] == [
        ("2026-03-02", "13.0", "364.29"),
        ("2026-03-03", "10.0", "300.01"),
    ]
    assert (out["wages"], out["penalties"], out["kit_rental"], out["gross"]) == (
        "642.87",
        "21.43",
        "150.00",
        "814.30",
    )
