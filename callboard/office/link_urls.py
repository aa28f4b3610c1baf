"""The office's pages opened by signed links (no account), under /l/ (callboard/urls.py). Each
part of the office appends its own."""

from .gate.views import link_urlpatterns as gate_links
from .lunch.views import link_urlpatterns as lunch_links

urlpatterns = [*gate_links, *lunch_links]
