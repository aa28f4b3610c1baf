"""Helpers for the healthcheck's tests: run the command, read its JSON, a port nobody listens on."""

import io
import json
import socket

from django.core.management import call_command


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthcheck(*args: str) -> tuple[int, dict]:
    """(exit status, the --json answer)."""
    out = io.StringIO()
    try:
        call_command("healthcheck", "--json", *args, stdout=out)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, json.loads(out.getvalue())
