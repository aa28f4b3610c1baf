"""Pages of the day on set: see views/__init__.py."""

urlpatterns: list = []
link_urlpatterns: list = []
