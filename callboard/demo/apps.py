from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "callboard.demo"
    label = "demo"
    verbose_name = "Demo production"
