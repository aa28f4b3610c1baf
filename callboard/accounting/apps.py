from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "callboard.accounting"
    label = "accounting"
    verbose_name = "Accounting"

    def ready(self):
        from callboard.core.vault import sealed_field_register
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
        sealed_field_register("accounting.VendorTerms", "tax_id_sealed")
