"""The office's pages under /p/<production>/office/; each part adds its own include."""

from django.urls import include, path

from . import views
from .supplies import views as supplies_views

app_name = "office"

urlpatterns = [
    path("", views.office, name="office"),
    path("supplies/", include(supplies_views.urlpatterns)),
]
