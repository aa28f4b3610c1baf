"""The day on set under /p/<slug>/reports/; each views module lists its own pages."""

from .views import cast, money, report, set

app_name = "reports"
urlpatterns = set.urlpatterns + report.urlpatterns + cast.urlpatterns + money.urlpatterns
