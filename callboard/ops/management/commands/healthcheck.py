"""`manage.py healthcheck [--json] [--timeout S]`: is everything Callboard runs on up?"""

import json

from django.core.management.base import BaseCommand, CommandError

from callboard.ops import health


class Command(BaseCommand):
    help = (
        "Check the database (a query, pending migrations), the task backend (a probe task a "
        "worker must run; the last worker heartbeat), the file storage (write, read and delete "
        "a probe object), the caches and the mail settings. One line per check, ok or failed "
        "and why; exit status 1 if any failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help='Print {"checks": {"database": {"ok": true, "detail": "..."}, ...}, "ok": true}.',
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=30.0,
            help="Seconds a worker has to run the probe task (default 30).",
        )

    def handle(self, *args, as_json: bool, timeout: float, **options):
        if not 0 < timeout <= 600:
            raise CommandError("--timeout must be a number of seconds between 0 and 600.")
        checks = health.run_all(timeout=timeout)
        ok = all(check.ok for check in checks.values())
        if as_json:
            payload = {"checks": {n: c.as_dict() for n, c in checks.items()}, "ok": ok}
            self.stdout.write(json.dumps(payload))
        else:
            width = max(len(name) for name in checks)
            for name, check in checks.items():
                verdict = "ok" if check.ok else "failed"
                line = f"{name:<{width}}  {verdict:<6}  {check.detail}"
                self.stdout.write(self.style.SUCCESS(line) if check.ok else self.style.ERROR(line))
        if not ok:
            raise SystemExit(1)
