from django.apps import AppConfig


class AccountingConfig(AppConfig):
    name = "callboard.accounting"
    label = "accounting"
    verbose_name = "Accounting"
