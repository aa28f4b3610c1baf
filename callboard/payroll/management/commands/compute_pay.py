import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.payroll.engine import PayInputError, available_rules, compute, parse_week, pay_json

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "week.json"

INPUT_FORMAT = f"""\
Compute a week's pay under a rule set from a JSON file and print every pay line with its
reason. Input (keys other than these are refused, naming the key):

  rules           required  one of: {", ".join(available_rules())}
  deal            required  {{"rate": "300.00", "per": "hour|day|week",
                              "guaranteed_hours": "12" (required for day and week deals),
                              "days_per_week": 5 (weekly deals; default 5)}}
  week_start      optional  "YYYY-MM-DD", the workweek's first day (default: the Sunday on
                            or before the first day); every day must fall in that week
  previous_wrap   optional  "YYYY-MM-DDTHH:MM", the last wrap before the week (for rest)
  days            required  a list of {{"date": "YYYY-MM-DD", "call": "HH:MM",
                              "wrap": "HH:MM",
                              "meals": [{{"start": "HH:MM", "end": "HH:MM",
                                         "grace": false}}] (optional),
                              "ndb": {{"start": "HH:MM", "end": "HH:MM"}} (optional,
                                     a non-deductible breakfast)}}
  kit_rental      optional  {{"amount": "150.00", "per": "day|week" (default week)}}

Numbers are written as strings ("300.00") so no cent is lost. Times are local 24-hour
clock; a wrap or meal earlier than the call is past midnight (the next day), as on a night
shoot. Money is to the cent, hours in tenths.

Example ({EXAMPLE.relative_to(EXAMPLE.parents[3])}):
  python manage.py compute_pay {EXAMPLE.relative_to(EXAMPLE.parents[3])}

Exit status 1 with a message naming the field when the input cannot be read or is wrong.
"""


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = INPUT_FORMAT

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Keep the input format's layout in --help.
        return super().create_parser(
            prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the week as JSON (format above)")

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is not JSON: {exc}") from exc
        try:
            pay = compute(parse_week(data))
        except PayInputError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(pay_json(pay), indent=2))
