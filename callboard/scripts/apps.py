from django.apps import AppConfig


class ScriptsConfig(AppConfig):
    name = "callboard.scripts"
    label = "scripts"
    verbose_name = "Scripts"
