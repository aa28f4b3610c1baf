from django.urls import include, path

urlpatterns = [
    path("", include("callboard.core.urls")),
    path("p/<slug:production>/people/", include("callboard.people.urls")),
]
