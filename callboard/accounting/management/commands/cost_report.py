import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from callboard.accounting.queries import cost_report
from callboard.core.models import Production


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = (
        "A production's cost report by account: budget, actual, commitments, estimate to "
        "complete, estimated final cost and variance, with categories and the total."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, help="the production's slug")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
        parser.add_argument("--from", dest="start", help="this period's first day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", help="this period's last day (YYYY-MM-DD)")

    def handle(self, *args, production, as_json=False, start=None, end=None, **options):
        found = Production.objects.active().filter(slug=production).first()
        if found is None:
            raise CommandError(f"No production with the slug {production!r}.")
        period = None
        if start or end:
            try:
                period = (
                    date.fromisoformat(start or "0001-01-01"),
                    date.fromisoformat(end or "9999-12-31"),
                )
            except ValueError as exc:
                raise CommandError(f"--from/--to: {exc}") from exc
        report = cost_report(found, period=period)
        if as_json:
            self.stdout.write(json.dumps(report.as_json(), indent=2))
            return
        for row in report.accounts:
            self.stdout.write(
                f"{row.code:<12} {row.description[:32]:<32} {row.budget:>14,.2f} "
                f"{row.actual:>14,.2f} {row.efc:>14,.2f} {row.variance:>14,.2f}"
            )
        total = report.total
        self.stdout.write(
            f"{'Total':<45} {total.budget:>14,.2f} {total.actual:>14,.2f} "
            f"{total.efc:>14,.2f} {total.variance:>14,.2f}"
        )
