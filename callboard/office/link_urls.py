"""The office's pages opened by signed links (no account): under /l/ (callboard/urls.py)."""

from .lunch.views import link_urlpatterns as lunch_links

urlpatterns = [*lunch_links]
