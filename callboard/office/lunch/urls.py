"""Lunch's pages, included under the "office" namespace (url names start ``lunch_``)."""

from .views import urlpatterns

__all__ = ["urlpatterns"]
