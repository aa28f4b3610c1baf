from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Callboard's data out to other systems: the REST API (django-ninja, OpenAPI at
    /api/openapi.json, browsable at /api/docs), the personal API tokens that open it, and
    the webhooks that tell other systems what happened."""

    name = "callboard.api"
    label = "api"
    verbose_name = "API"
