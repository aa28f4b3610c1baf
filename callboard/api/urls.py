from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/", api.urls),
    path("account/api-tokens/", views.tokens, name="api_tokens"),
    path("account/api-tokens/<int:token_pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
