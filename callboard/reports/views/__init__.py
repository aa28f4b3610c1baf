"""The day on set's pages, one module per part of the day: set (times from set and the status
reports), report (the DPR: scenes, crew, background, the rest; approval and sending), cast
(Exhibit G), money (reconciliation with time cards, hot cost). Each module has its own
``urlpatterns`` and ``link_urlpatterns`` (pages opened by a signed link, under /l/)."""
