from django.apps import AppConfig


class CallsheetsConfig(AppConfig):
    name = "callboard.callsheets"
    label = "callsheets"
    verbose_name = "Call sheets"
