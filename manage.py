#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callboard.settings")
    from callboard.standalone import standalone_run

    if not standalone_run(sys.argv):  # file-in, file-out commands need no apps: see there
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
