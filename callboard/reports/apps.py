from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The day on set: times from set and their status reports, the script supervisor's
    progress, the Daily Production Report, Exhibit G, reconciliation and hot cost."""

    name = "callboard.reports"
    label = "reports"
    verbose_name = "Production reports"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import dprsending, sending

        composer_register(sending.KIND, sending.composer)
        composer_register(dprsending.KIND, dprsending.composer)

        from callboard.payroll.queries import actual_days_register

        from .reconcile import actual_days_for_week

        actual_days_register(actual_days_for_week)
