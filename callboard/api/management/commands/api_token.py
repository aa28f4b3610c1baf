"""Make an API token for a member of a production and print its key, once:

python manage.py api_token --production SLUG --email EMAIL [--name NAME] [--write]
    [--private] [--days 90]
"""

from django.core.management.base import BaseCommand, CommandError

from callboard.core.models import Membership

from ...services import TokenRefused, api_token_create


class Command(BaseCommand):
    help = "Make an API token for a member of a production and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True, help="The production's slug.")
        parser.add_argument("--email", required=True, help="The member the token speaks for.")
        parser.add_argument("--name", default="Command-line token")
        parser.add_argument("--write", action="store_true", help="Add the write scope.")
        parser.add_argument("--private", action="store_true", help="Add the private scope.")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, **options):
        membership = (
            Membership.objects.select_related("production", "user")
            .filter(
                production__slug=options["production"],
                user__email__iexact=options["email"].strip(),
            )
            .first()
        )
        if membership is None:
            raise CommandError(
                f"{options['email']} is not a member of a production “{options['production']}”."
            )
        try:
            token, key = api_token_create(
                actor=None,
                membership=membership,
                name=options["name"],
                can_write=options["write"],
                can_read_private=options["private"],
                days=options["days"],
            )
        except TokenRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"{token.name} for {membership.user.email} on {membership.production.title}"
            f" ({membership.get_role_display()}; {', '.join(token.scopes)};"
            f" expires {token.expires_at:%Y-%m-%d}). The key is shown only this once:"
        )
        self.stdout.write(key)
