import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.payroll.engine import PayInputError, compute, parse_week, pay_json


class Command(BaseCommand):
    help = (
        "Compute a week's pay under a rule set (flsa, ca-nonunion, iatse-basic, sag-aftra-day) "
        "from a JSON file, line by line with the reason for each line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

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
