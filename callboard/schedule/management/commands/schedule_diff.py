import json

from django.core.management.base import BaseCommand, CommandError

from callboard.core.models import Production
from callboard.schedule.models import ScheduleVersion
from callboard.schedule.queries import version_diff
from callboard.schedule.versiondiff import VersionDiffError, diff_json, summary_text


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = "Print what moved between two published schedule versions."

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, help="the production's slug")
        parser.add_argument("--from", dest="from_", required=True, type=int, help="version N")
        parser.add_argument("--to", required=True, type=int, help="version M")
        parser.add_argument("--json", action="store_true", help="print JSON (default: text)")

    def handle(self, *args, production: str, from_: int, to: int, **options):
        target = Production.objects.filter(slug=production, deleted_at__isnull=True).first()
        if target is None:
            raise CommandError(f'No production "{production}".')
        versions = ScheduleVersion.objects.filter(production=target)
        found = {v.number: v for v in versions.filter(number__in=[from_, to])}
        for number in (from_, to):
            if number not in found:
                numbers = ", ".join(str(n) for n in versions.values_list("number", flat=True))
                raise CommandError(
                    f"There is no schedule version {number} (versions: {numbers or 'none'})."
                )
        try:
            diff = version_diff(found[from_], found[to])
        except VersionDiffError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(diff_json(diff), indent=2))
            return
        old, new = found[from_], found[to]
        self.stdout.write(f"Version {old.number} ({old.title}) → {new.number} ({new.title})")
        self.stdout.write(summary_text(diff))
