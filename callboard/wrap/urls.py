"""The wrap pages under /p/<production>/wrap/; each part adds its own paths."""

from django.urls import include, path

from . import views
from .binder import views as binder
from .checklist.views import urlpatterns as checklist_urls

app_name = "wrap"

urlpatterns = [
    path("", views.wrap, name="wrap"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness.<str:fmt>", views.completeness_export, name="completeness_export"),
    path("checklist/", include(checklist_urls)),
    path("binder/", binder.binder_page, name="binder"),
    path("binder/build/", binder.binder_build, name="binder_build"),
    path("binder/<int:binder_pk>/progress/", binder.binder_progress, name="binder_progress"),
    path("binder/<int:binder_pk>/<str:fmt>/", binder.binder_file, name="binder_file"),
    path("binder/documents/", binder.wrap_document_add, name="wrap_document_add"),
    path(
        "binder/documents/<int:wrap_document_pk>/",
        binder.wrap_document_file,
        name="wrap_document_file",
    ),
]
