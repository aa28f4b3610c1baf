"""`manage.py restore IN`: put a `manage.py backup` archive into an empty installation."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.ops.archive import ArchiveError, parse_key, verify
from callboard.ops.backup import BackupError, restore_apply, restore_check


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (the whole installation, or one "
        "production made with --production) into an empty database: migrated, with no "
        "production and no user; anything else is refused. BACKUP_KEY must be the key the "
        "backup was made with. The whole archive is opened and checked against its manifest "
        "(SHA-256 of every member) before anything is written: a truncated or altered file "
        "is refused and nothing changes. The rows go in one transaction, the files back to "
        "their names in the configured storage (local folder or S3 bucket). Private data is "
        "restored as it was stored, encrypted: it reads only with the PII_KEYS of the "
        'installation that made the backup (PII_KEYS="yours,theirs" if this one has its '
        "own), which is checked first. --check only checks a backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="IN", help="the backup file")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only open the backup and check every byte against its manifest, say what it "
            "holds and write nothing (any installation, to test a backup)",
        )

    def handle(self, *args, archive, check=False, verbosity=1, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        say = self.stdout.write if verbosity else (lambda _line: None)
        try:
            key = parse_key(os.environ.get("BACKUP_KEY"))
            say(f"Checking {path} …")
            if check:
                with path.open("rb") as source:
                    manifest = verify(source, key)
                self.stdout.write(self.style.SUCCESS(_summary(manifest)))
                return
            plan = restore_check(open_archive=lambda: path.open("rb"), key=key)
            say(_summary(plan.manifest))
            done = restore_apply(open_archive=lambda: path.open("rb"), key=key, plan=plan, say=say)
        except (ArchiveError, BackupError) as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"The backup cannot be read: {exc}") from exc
        note = f" ({done['files_present']} already there)" if done["files_present"] else ""
        say(
            self.style.SUCCESS(
                f"Restored {done['rows']} rows and {done['files']} files{note} from {path}."
            )
        )


def _summary(manifest: dict) -> str:
    scope = manifest["scope"]
    what = (
        f"production {scope['slug']} ({scope['title']})"
        if scope["kind"] == "production"
        else "the whole installation"
    )
    files = [m for m in manifest["members"] if m["name"].startswith("files/")]
    return (
        f"The backup of {what}, made {manifest['created_at']} on {manifest['database']}, is "
        f"intact: {sum(manifest['rows'].values())} rows, {len(files)} files "
        f"({sum(m['size'] for m in files)} bytes)."
    )
