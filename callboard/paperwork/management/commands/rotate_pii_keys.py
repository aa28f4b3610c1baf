from django.core.management.base import BaseCommand
from django.db import transaction

from callboard.accounting.models import VendorTerms
from callboard.core.vault import reseal
from callboard.paperwork.models import PacketForm, ProductionCertificate


class Command(BaseCommand):
    help = (
        "Re-encrypt every private value under the newest key in PII_KEYS (put the new key "
        "first, keep the old ones after it until this has run, then drop them)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        forms = certificates = 0
        for form in PacketForm.objects.exclude(sealed={}).select_for_update():
            form.sealed = {name: reseal(token) for name, token in form.sealed.items()}
            form.save(update_fields=["sealed"])
            forms += 1
        for stored in ProductionCertificate.objects.select_for_update():
            stored.key_sealed = reseal(stored.key_sealed)
            stored.save(update_fields=["key_sealed"])
            certificates += 1
        vendors = 0
        for terms in VendorTerms.objects.exclude(tax_id_sealed="").select_for_update():
            terms.tax_id_sealed = reseal(terms.tax_id_sealed)
            terms.save(update_fields=["tax_id_sealed"])
            vendors += 1
        self.stdout.write(
            f"Re-encrypted {forms} forms, {certificates} signing keys and {vendors} vendor tax IDs."
        )
