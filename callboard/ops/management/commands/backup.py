"""`manage.py backup OUT [--production SLUG]`: an encrypted archive of the installation, or
of one production, for `manage.py restore`."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.core.models import Production
from callboard.ops.archive import ArchiveError, new_key, parse_key
from callboard.ops.backup import (
    LEFT_OUT,
    BackupError,
    backup_write,
    select_everything,
    select_production,
)


class Command(BaseCommand):
    # Reads only: no system checks (they import every view).
    requires_system_checks = []

    help = (
        "Write an encrypted backup to OUT: every row of the database (portable between SQLite "
        "and PostgreSQL), every stored file (from the local folder or the S3 bucket) and a "
        "manifest with the SHA-256 of each, encrypted and authenticated with BACKUP_KEY from "
        "the environment (make one with --new-key; keep it apart from the backups). Private "
        "data (SSNs, dates of birth, bank and tax numbers) stays encrypted under PII_KEYS as "
        "it is stored: after a restore it reads only with the same PII_KEYS, so keep those "
        "too (and SECRET_KEY: the links already sent to crew are signed with it). Not in a "
        "backup: sessions (everyone signs in again), the task queue's results "
        "and the throttle counters. With --production SLUG, only that production: its rows "
        "in every app, its audit trail, its files, and its members (with their second-factor "
        "devices), to restore into another installation."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", nargs="?", help="the archive to write (replaced if it exists)")
        parser.add_argument("--production", metavar="SLUG", help="only this production")
        parser.add_argument(
            "--new-key",
            action="store_true",
            dest="make_key",
            help="print a new BACKUP_KEY and do nothing else",
        )

    def handle(self, *args, out=None, production=None, make_key=False, verbosity=1, **options):
        if make_key:
            self.stdout.write(new_key())
            return
        if not out:
            raise CommandError("Say where to write the backup: manage.py backup OUT")
        try:
            key = parse_key(os.environ.get("BACKUP_KEY"))
        except (ArchiveError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        if production:
            found = Production.objects.filter(slug=production).first()
            if found is None:
                raise CommandError(f"No production with the slug {production!r}.")
            selection = select_production(found)
        else:
            selection = select_everything()
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"No folder {target.parent} to write the backup in.")
        say = self.stdout.write if verbosity else (lambda _line: None)
        # Written beside OUT and renamed when complete: a failed backup leaves no half file.
        fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                manifest = backup_write(out=handle, key=key, selection=selection, say=say)
            os.replace(partial, target)
        except (ArchiveError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        scope = manifest["scope"]
        what = f"production {scope['slug']}" if scope["kind"] == "production" else "everything"
        say(f"Backed up {what} to {target} ({target.stat().st_size} bytes, encrypted).")
        if missing := manifest["missing_files"]:
            self.stderr.write(
                f"{len(missing)} file(s) that rows name were not in the storage and are not in "
                f"the backup: {', '.join(missing)}"
            )
        if verbosity > 1:
            for label, reason in LEFT_OUT.items():
                say(f"  not in it: {label} ({reason})")
