from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from callboard.core.models import Production
from callboard.core.vault import seal
from callboard.documents.render import render_pdf
from callboard.paperwork.models import ProductionCertificate
from callboard.paperwork.signing import Certificate, SigningError, make_certificate, sign_pdf


class Command(BaseCommand):
    help = (
        "Show or replace a production's packet-signing certificate: --key and --cert (PEM) "
        "install the studio's own; --new makes a fresh self-issued one; neither prints it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--production", required=True)
        parser.add_argument("--key", type=Path, help="private key, PEM (unencrypted)")
        parser.add_argument("--cert", type=Path, help="certificate, PEM")
        parser.add_argument("--new", action="store_true")

    def handle(self, *args, production: str, key: Path | None, cert: Path | None, new: bool, **o):
        target = Production.objects.filter(slug=production).first()
        if target is None:
            raise CommandError(f'No production "{production}".')
        if key or cert:
            if not (key and cert):
                raise CommandError("Give both --key and --cert.")
            try:
                certificate = Certificate(key_pem=key.read_bytes(), cert_pem=cert.read_bytes())
            except OSError as exc:
                raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from exc
        elif new:
            certificate = make_certificate(
                common_name=f"{target.title} start paperwork",
                organisation=target.company or target.title,
            )
        else:
            stored = ProductionCertificate.objects.filter(production=target).first()
            self.stdout.write(
                stored.cert_pem if stored else "No certificate yet (made on first use)."
            )
            return
        try:  # prove the pair signs before it replaces anything
            template = Path(__file__).parents[3] / "people" / "typst" / "crew_list.typ"
            sign_pdf(render_pdf(template, {}), certificate, reason="Certificate check")
        except SigningError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            ProductionCertificate.objects.update_or_create(
                production=target,
                defaults={
                    "key_sealed": seal(certificate.key_pem.decode()),
                    "cert_pem": certificate.cert_pem.decode(),
                },
            )
        self.stdout.write("Certificate installed; packets sealed from now on use it.")
