"""Travel's pages opened by signed links (no account): under /l/ (callboard/urls.py)."""

from .scoutviews import link_urlpatterns as urlpatterns  # noqa: F401
