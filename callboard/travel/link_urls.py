"""Travel's pages opened by signed links (no account): under /l/ (callboard/urls.py)."""

from .memoviews import link_urlpatterns as memo_links
from .scoutviews import link_urlpatterns as scout_links

urlpatterns = [*memo_links, *scout_links]
