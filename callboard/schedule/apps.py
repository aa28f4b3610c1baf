from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "callboard.schedule"
    label = "schedule"
    verbose_name = "Breakdown and schedule"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
