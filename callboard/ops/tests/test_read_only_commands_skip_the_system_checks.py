"""Commands that only read skip Django's system checks, which import every view (and pyHanko,
aiohttp and openpyxl with them); commands that change things still run them."""

from pathlib import Path

import pytest
from django.core import checks
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import SystemCheckError

WEEK = Path(__file__).resolve().parents[2] / "payroll" / "examples" / "week.json"
READ_ONLY = [
    "compute_pay",
    "cost_report",
    "demo_logins",
    "dood",
    "make_sides",
    "parse_script",
    "verify_packet",
]


@pytest.fixture
def failing_check():
    def broken(**kwargs):
        return [checks.Error("broken on purpose", id="ops.E999")]

    checks.register(broken)
    yield
    checks.registry.registry.registered_checks.discard(broken)


def test_every_read_only_command_declares_no_system_checks():
    commands = get_commands()
    for name in READ_ONLY:
        assert load_command_class(commands[name], name).requires_system_checks == [], name


def test_a_read_only_command_runs_from_the_command_line_when_a_check_would_fail(
    failing_check, capsys
):
    command = load_command_class(get_commands()["compute_pay"], "compute_pay")
    command.run_from_argv(["manage.py", "compute_pay", str(WEEK)])
    assert '"gross"' in capsys.readouterr().out


def test_a_command_that_changes_things_still_stops_at_a_failing_check(failing_check):
    with pytest.raises(SystemCheckError, match="broken on purpose"):
        call_command("resume_sends", skip_checks=False)
