from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "callboard.schedule"
    label = "schedule"
    verbose_name = "Breakdown and schedule"
