from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "callboard.core"
    label = "core"
    verbose_name = "Productions and access"
