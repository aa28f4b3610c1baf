from django.apps import AppConfig


class CallsheetsConfig(AppConfig):
    name = "callboard.callsheets"
    label = "callsheets"
    verbose_name = "Call sheets"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
