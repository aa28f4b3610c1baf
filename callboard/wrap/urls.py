"""The wrap pages under /p/<production>/wrap/; each part adds its own paths."""

from django.urls import include, path

from . import views
from .checklist.views import urlpatterns as checklist_urls

app_name = "wrap"

urlpatterns = [
    path("", views.wrap, name="wrap"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness.<str:fmt>", views.completeness_export, name="completeness_export"),
    path("checklist/", include(checklist_urls)),
]
