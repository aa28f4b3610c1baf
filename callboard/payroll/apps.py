from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "callboard.payroll"
    label = "payroll"
    verbose_name = "Payroll"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
