import json

from django.core.management.base import BaseCommand, CommandError

from callboard.core.models import Production
from callboard.reports.hotcost import hot_cost
from callboard.reports.models import Unit
from callboard.reports.queries import report_as_json, report_document, report_for_day


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = (
        "A shoot day's production report (DPR): the day's times, scenes, pages, minutes and "
        "setups today and to date, cast times and the hot cost. An approved report prints as "
        "approved; one in the works as it stands."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, help="the production's slug")
        parser.add_argument("--day", required=True, type=int, help="the shoot day's number")
        parser.add_argument("--unit", choices=Unit.values, default=Unit.MAIN)
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")

    def handle(self, *args, production, day, unit, as_json=False, **options):
        found = Production.objects.active().filter(slug=production).first()
        if found is None:
            raise CommandError(f"No production with the slug {production!r}.")
        if day < 1:
            raise CommandError(f"--day {day}: shoot days are numbered from 1.")
        report = report_for_day(found, day, unit)
        if report is None:
            raise CommandError(
                f"{found.title} has no production report for day {day} "
                f"({Unit(unit).label.lower()}): it was not shot, or nobody started its report."
            )
        document = report_document(report)
        data = report_as_json(document)
        data["hot_cost"] = hot_cost(report)  # reports.hotcost: the pay engine over the day
        if as_json:
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        head = document["report"]
        self.stdout.write(
            f"{document['production']['title']} — {head['day_of']}, {head['date_text']}, "
            f"{head['unit_label']} (v{head['version']}, {head['status_label'].lower()})"
        )
        for kind, value in data["times"].items():
            self.stdout.write(f"  {document['times'][kind]['label']:<24} {value or '—'}")
        for scene in document["scenes"]:
            self.stdout.write(
                f"  Sc. {scene['number']:<6} {scene['status_label']:<24} {scene['pages']}"
            )
        pages = document["progress"]["pages"]["shown"]
        self.stdout.write(
            f"  Pages: previously {pages['previous']}, today {pages['today']}, to date "
            f"{pages['to_date']} of {pages['script_total']} ({pages['remaining']} remaining)"
        )
        for row in data["cast"]:
            self.stdout.write(
                f"  #{row['id']:<3} {row['name']:<28} {row['status']:<4} on set "
                f"{row['on_set'] or '—'} dismiss {row['dismiss'] or '—'} "
                f"meal penalties {row['meal_penalties']}"
            )
