"""The commands manage.py runs without setting Django's apps up.

Each of these reads a file and prints (or writes) what a framework-free module makes of it: the
script reader and sides, the pay engine, packet signatures. They need no model and no database,
yet ``django.setup()`` imports every app's models first, which alone costs more CPU than
screenplain's whole run on a 120-page script. So they run here on settings and logging only: a
command line tool starts like one. Every other command goes through Django as usual, and these
stay ordinary management commands too (``manage.py help``, ``call_command``).

A command listed here must not import models: callboard/ops/tests holds each to it.
"""

import logging.config
from contextlib import suppress
from importlib import import_module

STANDALONE = {
    "compute_pay": "callboard.payroll",
    "make_sides": "callboard.scripts",
    "parse_script": "callboard.scripts",
    "verify_packet": "callboard.paperwork",
}


def standalone_run(argv: list[str]) -> bool:
    """Run ``argv``'s command when it is one of STANDALONE (True); False for any other."""
    if len(argv) < 2 or argv[1] not in STANDALONE:
        return False
    from django.conf import settings
    from django.core.management.base import CommandError, CommandParser, handle_default_options

    # What the management utility and django.setup() do before a command, less the apps:
    # --settings and --pythonpath first, then the settings' logging (not Django's defaults,
    # which are for requests and cost more to set up than the command takes to run).
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    with suppress(CommandError):  # the command's own parser says what is wrong
        handle_default_options(parser.parse_known_args(argv[2:])[0])
    if settings.LOGGING:
        logging.config.dictConfig(settings.LOGGING)
    command = import_module(f"{STANDALONE[argv[1]]}.management.commands.{argv[1]}").Command()
    command.run_from_argv(argv)
    return True
