import json

from django.core.management.base import BaseCommand, CommandError

from callboard.core.models import Production
from callboard.schedule.dood import dood_json
from callboard.schedule.models import Scenario
from callboard.schedule.queries import category_for, scenario_dood, scenario_plan


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = "Print a scenario's Day Out of Days for cast or any element category."

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, help="the production's slug")
        parser.add_argument("--scenario", help="the scenario's name (default: the first)")
        parser.add_argument(
            "--category", default="cast", help='"cast" (default), a category name or a UCID'
        )
        parser.add_argument("--json", action="store_true", help="print JSON (default: a table)")

    def handle(self, *args, production: str, scenario: str | None, category: str, **options):
        target = Production.objects.filter(slug=production, deleted_at__isnull=True).first()
        if target is None:
            raise CommandError(f'No production "{production}".')
        scenarios = Scenario.objects.filter(production=target).select_related("calendar")
        chosen = scenarios.filter(name=scenario).first() if scenario else scenarios.first()
        if chosen is None:
            names = ", ".join(f'"{s.name}"' for s in scenarios) or "none"
            raise CommandError(f'No scenario "{scenario or ""}" (scenarios: {names}).')
        wanted = category_for(target, category)
        if wanted is None:
            raise CommandError(f'No category "{category}" in this production\'s breakdown.')
        plan = scenario_plan(chosen)
        if plan.days and plan.rules() is None:
            raise CommandError(f'Scenario "{chosen.name}" has no calendar with a start date.')
        dood = scenario_dood(plan, wanted)
        if options["json"]:
            self.stdout.write(json.dumps(dood_json(dood.calendar, dood.rows), indent=2))
            return
        self.stdout.write(f"{chosen.name} — {wanted.name}: {len(dood.calendar.shoot_days)} days")
        for row in dood.rows:
            self.stdout.write(
                f"{row.id:>4} {row.name[:24]:<24} work {row.work:>3} hold {row.hold:>3} "
                f"travel {row.travel:>3} holiday {row.holiday:>3} rehearsal {row.rehearsal:>3} "
                f"fitting {row.fitting:>3} paid {row.paid:>3}  "
                f"{row.start or ''} – {row.finish or ''}"
            )
