from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Callboard's data out to other systems: the REST API (django-ninja, OpenAPI at
    /api/openapi.json, browsable at /api/docs), the personal API tokens that open it, and
    the webhooks that tell other systems what happened."""

    name = "callboard.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from callboard.core.events import event_listen
        from callboard.core.vault import sealed_field_register

        from .services import webhook_event_deliver

        sealed_field_register("api.Webhook", "secret_sealed")
        event_listen(webhook_event_deliver)
