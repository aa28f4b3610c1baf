from django.core.management.base import BaseCommand, CommandError

from callboard.core.services import pii_keys_rotate
from callboard.core.vault import VaultError


class Command(BaseCommand):
    help = (
        "Re-encrypt every private value under the newest key in PII_KEYS (put the new key "
        "first, keep the old ones after it until this has run, then drop them)."
    )

    def handle(self, *args, **options):
        try:
            counts = pii_keys_rotate()
        except VaultError as exc:
            raise CommandError(str(exc)) from exc
        for field, count in counts.items():
            self.stdout.write(f"{field}: {count} re-encrypted")
        self.stdout.write(f"Re-encrypted {sum(counts.values())} private values.")
