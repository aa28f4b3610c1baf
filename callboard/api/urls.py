from django.urls import path

from . import views, webhook_views
from .api import api

urlpatterns = [
    path("api/", api.urls),
    path("account/api-tokens/", views.tokens, name="api_tokens"),
    path("account/api-tokens/<int:token_pk>/revoke/", views.token_revoke, name="api_token_revoke"),
    path("p/<slug:production>/settings/webhooks/", webhook_views.webhooks, name="webhooks"),
    path(
        "p/<slug:production>/settings/webhooks/<int:webhook_pk>/",
        webhook_views.webhook,
        name="webhook",
    ),
    path(
        "p/<slug:production>/settings/webhooks/<int:webhook_pk>/test/",
        webhook_views.webhook_ping,
        name="webhook_ping",
    ),
    path(
        "p/<slug:production>/settings/webhooks/<int:webhook_pk>/rotate/",
        webhook_views.webhook_rotate,
        name="webhook_rotate",
    ),
    path(
        "p/<slug:production>/settings/webhooks/<int:webhook_pk>/active/",
        webhook_views.webhook_active,
        name="webhook_active",
    ),
    path(
        "p/<slug:production>/settings/webhooks/<int:webhook_pk>/delete/",
        webhook_views.webhook_delete,
        name="webhook_delete",
    ),
]
