from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from callboard.core.models import Production
from callboard.core.services import production_create
from callboard.schedule.services import ScheduleExists, schedule_import
from callboard.schedule.uss import UssError, read_uss


class Command(BaseCommand):
    help = (
        "Import a Universal Schedule Standard (USS 1.0) file: breakdowns, elements, categories, "
        "each stripboard as a scenario with its calendar. Creates the production when no "
        "production has the slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--production", required=True, help="the production's slug")
        parser.add_argument("--scenario", help="import only the stripboard with this name")
        parser.add_argument(
            "--replace", action="store_true", help="replace the production's current breakdown"
        )

    def handle(
        self, *args, file: Path, production: str, scenario: str | None, replace: bool, **options
    ):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            schedule = read_uss(data)
        except UssError as exc:
            raise CommandError(str(exc)) from exc
        try:
            with transaction.atomic():
                target = Production.objects.filter(slug=production).first()
                created = target is None
                if created:
                    title = schedule.project or schedule.name or production
                    target = production_create(
                        actor=None,
                        slug=production,
                        title=title[:200],
                        company=(schedule.company or "")[:200],
                    )
                summary = schedule_import(
                    actor=None,
                    production=target,
                    schedule=schedule,
                    source_name=file.name,
                    scenario=scenario,
                    replace=replace,
                )
        except ScheduleExists as exc:
            raise CommandError(f"{exc} (use --replace)") from exc
        except UssError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(f'Created production "{target.title}" ({target.slug}).')
        self.stdout.write(
            f"Imported {summary.strips} strips, {summary.elements} elements in "
            f"{summary.categories} categories, {summary.calendars} calendars; scenarios: "
            + (", ".join(summary.scenarios) or "none")
        )
        for warning in summary.warnings:
            self.stderr.write(f"warning: {warning}")
