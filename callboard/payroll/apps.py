from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "callboard.payroll"
    label = "payroll"
    verbose_name = "Payroll"
