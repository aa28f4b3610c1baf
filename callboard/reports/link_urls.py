"""The day on set's pages opened by signed links (/l/...), from each views module."""

from .views import cast, money, report, set

urlpatterns = (
    set.link_urlpatterns + report.link_urlpatterns + cast.link_urlpatterns + money.link_urlpatterns
)
