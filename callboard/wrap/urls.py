"""The wrap pages under /p/<production>/wrap/; each part adds its own paths."""

from django.urls import path

from . import views

app_name = "wrap"

urlpatterns = [
    path("", views.wrap, name="wrap"),
]
