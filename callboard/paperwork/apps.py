from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    name = "callboard.paperwork"
    label = "paperwork"
    verbose_name = "Start paperwork"

    def ready(self):
        from callboard.core.vault import sealed_field_register
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
        composer_register(sending.REMINDER_KIND, sending.reminder_composer)
        sealed_field_register("paperwork.PacketForm", "sealed", keyed=True)
        sealed_field_register("paperwork.ProductionCertificate", "key_sealed")
