"""The office's pages under /p/<production>/office/; each part adds its own include."""

from django.urls import include, path

from . import views
from .gate.views import urlpatterns as gate_urls
from .rooms.views import urlpatterns as rooms_urls
from .supplies import views as supplies_views

app_name = "office"

urlpatterns = [
    path("", views.office, name="office"),
    path("gate/", include(gate_urls)),
    path("lunch/", include("callboard.office.lunch.urls")),
    path("runs/", include("callboard.office.runs.views")),
    path("supplies/", include(supplies_views.urlpatterns)),
    path("rooms/", include(rooms_urls)),
]
