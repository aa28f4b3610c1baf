import time

from django.core.management.base import BaseCommand

from callboard.core.models import Production
from callboard.demo.build import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_SLUG,
    demo_production_build,
    demo_production_delete,
)


class Command(BaseCommand):
    help = "Load the demo production The Long Night and its logins (local demo only)."

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group()
        when.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds any production (make run).",
        )
        when.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo production (its people, vendors and audit trail) and rebuild it.",
        )

    def handle(self, *args, if_empty=False, reset=False, verbosity=1, **options):
        if if_empty and Production.objects.exists():
            if verbosity > 1:
                self.stdout.write("The database already holds a production: no demo loaded.")
            return
        if Production.objects.filter(slug=DEMO_SLUG).exists():
            if not reset:
                self.stdout.write(
                    f"The demo production already exists (/p/{DEMO_SLUG}/). "
                    "Use --reset to delete and rebuild it."
                )
                return
            demo_production_delete()
            self.stdout.write("Deleted the old demo production.")
        started = time.monotonic()
        production = demo_production_build(stdout=self.stdout if verbosity else None)
        self.stdout.write(
            self.style.SUCCESS(f"Built {production.title} in {time.monotonic() - started:.1f} s.")
        )
        self.stdout.write(f"\nDemo logins (local demo only), password: {DEMO_PASSWORD}")
        for role, email, can in DEMO_LOGINS:
            self.stdout.write(f"  {role:<24} {email:<34} {can}")
        self.stdout.write("")
