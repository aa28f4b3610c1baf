from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.paperwork.signing import verify_pdf


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = "Check a signed start packet PDF: valid (unchanged since signing) or tampered."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--certificate", type=Path, help="a PEM certificate to trust (the production's)"
        )

    def handle(self, *args, file: Path, certificate: Path | None, **options):
        try:
            data = file.read_bytes()
            trusted = certificate.read_bytes() if certificate else None
        except OSError as exc:
            raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from exc
        result = verify_pdf(data, trusted_cert_pem=trusted)
        if not result.intact:
            raise CommandError(f"TAMPERED — {result.message}")
        when = f" on {result.signed_at:%Y-%m-%d %H:%M UTC}" if result.signed_at else ""
        trust = (
            ""
            if certificate is None
            else (
                " The certificate is the one given."
                if result.trusted
                else " WARNING: not signed with the certificate given."
            )
        )
        self.stdout.write(f"VALID — unchanged since it was signed{when} by {result.signer}.{trust}")
