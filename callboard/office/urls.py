"""The office's pages under /p/<production>/office/; each part adds its own include."""

from django.urls import include, path

from . import views
from .rooms.views import urlpatterns as rooms_urls

app_name = "office"

urlpatterns = [
    path("", views.office, name="office"),
    path("rooms/", include(rooms_urls)),
]
