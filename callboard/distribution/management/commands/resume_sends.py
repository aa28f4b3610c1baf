from django.core.management.base import BaseCommand
from django.utils import timezone

from callboard.distribution.digests import digests_resume_overdue
from callboard.distribution.services import dispatches_resume_stalled


class Command(BaseCommand):
    help = (
        "Queue a run for every send that has not progressed for a minute (its worker died), and "
        "for every confirmations digest overdue by as long. Runs left behind by the sends do this "
        "by themselves; this covers a worker killed in the instant it took a send. Safe to run "
        "any time; `manage.py worker` runs it before it starts."
    )

    def handle(self, *args, **options):
        count = dispatches_resume_stalled()
        self.stdout.write(f"{count} stalled send{'s' if count != 1 else ''} queued again.")
        digests = digests_resume_overdue(now=timezone.now())
        if digests:
            self.stdout.write(
                f"{digests} overdue confirmations digest{'s' if digests != 1 else ''} queued again."
            )
