from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Callboard: the worker command, health checks, backup and restore."""

    name = "callboard.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
