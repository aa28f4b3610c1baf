from django.core.management.base import BaseCommand

from callboard.core.accounts import authenticator_code, authenticator_for, authenticator_secret
from callboard.core.models import User
from callboard.demo.build import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_EMAILS


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = "Print the demo production's logins and their authenticator keys (local demo only)."

    def handle(self, *args, **options):
        users = {u.email: u for u in User.objects.filter(email__in=[e for _, e, _ in DEMO_LOGINS])}
        if not users:
            return
        self.stdout.write("\nDemo logins (local demo only), password: " + DEMO_PASSWORD)
        for role, email, can in DEMO_LOGINS:
            if email in users:
                self.stdout.write(f"  {role:<24} {email:<34} {can}")
        keys = [
            (email, device)
            for email in sorted(DEMO_SECOND_FACTOR_EMAILS & users.keys())
            if (device := authenticator_for(users[email])) is not None
        ]
        if keys:
            self.stdout.write(
                "\nThese sign in with a second factor too: add the key to an authenticator app "
                "(or run `manage.py demo_logins` again for the current code):"
            )
            for email, device in keys:
                self.stdout.write(
                    f"  {email:<34} key {authenticator_secret(device)}  "
                    f"code now {authenticator_code(device)}"
                )
        self.stdout.write("")
