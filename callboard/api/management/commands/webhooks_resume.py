from django.core.management.base import BaseCommand

from callboard.api.tasks import deliveries_due, webhook_deliver


class Command(BaseCommand):
    help = (
        "Queue a run for every webhook delivery that is due and held by no live attempt. Each "
        "attempt schedules the next by itself; this covers a worker killed in the instant it "
        "took a delivery. Safe to run any time; `manage.py worker` runs it before it starts."
    )

    def handle(self, *args, **options):
        due = deliveries_due()
        for delivery_id in due:
            webhook_deliver.enqueue(delivery_id=delivery_id)
        self.stdout.write(f"{len(due)} webhook deliver{'ies' if len(due) != 1 else 'y'} queued.")
