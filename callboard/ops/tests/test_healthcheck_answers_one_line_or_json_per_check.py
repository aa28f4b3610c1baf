"""`manage.py healthcheck` on a laptop install with every piece up: one line per check, ok and
why; --json exactly {"checks": {name: {"ok", "detail"}}, "ok"}; exit status 0."""

import io
import json

import pytest
from django.core.management import call_command

CHECKS = ["database", "tasks", "storage", "cache", "mail"]


@pytest.mark.django_db(transaction=True)
def test_every_check_is_ok_and_said_on_its_own_line():
    out = io.StringIO()
    call_command("healthcheck", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[:2] for line in lines] == [[name, "ok"] for name in CHECKS]
    assert "every migration applied" in lines[0]
    # The probe ran (inline here), but no worker started by manage.py worker has said so.
    assert "a worker ran the probe task in" in lines[1]
    assert lines[1].endswith("; but no worker has reported a heartbeat")


@pytest.mark.django_db(transaction=True)
def test_json_has_exactly_the_documented_shape():
    out = io.StringIO()
    call_command("healthcheck", "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert set(answer) == {"checks", "ok"} and answer["ok"] is True
    assert list(answer["checks"]) == CHECKS
    for check in answer["checks"].values():
        assert set(check) == {"ok", "detail"}
        assert check["ok"] is True and isinstance(check["detail"], str) and check["detail"]


def test_a_timeout_out_of_range_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--timeout must be"):
        call_command("healthcheck", "--timeout", "0")
