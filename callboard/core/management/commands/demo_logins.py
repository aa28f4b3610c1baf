from django.core.management.base import BaseCommand

from callboard.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from callboard.core.models import User


class Command(BaseCommand):
    help = "Print the demo production's logins (local demo only)."

    def handle(self, *args, **options):
        emails = set(
            User.objects.filter(email__in=[e for _, e, _ in DEMO_LOGINS]).values_list(
                "email", flat=True
            )
        )
        if not emails:
            return
        self.stdout.write("\nDemo logins (local demo only), password: " + DEMO_PASSWORD)
        for role, email, can in DEMO_LOGINS:
            if email in emails:
                self.stdout.write(f"  {role:<24} {email:<34} {can}")
        self.stdout.write("")
