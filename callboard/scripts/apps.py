from django.apps import AppConfig


class ScriptsConfig(AppConfig):
    name = "callboard.scripts"
    label = "scripts"
    verbose_name = "Scripts"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
