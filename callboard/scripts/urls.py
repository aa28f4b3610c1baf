from django.urls import path

from . import views

app_name = "scripts"
urlpatterns = [
    path("", views.script_list, name="list"),
    path("compare/", views.script_compare, name="compare"),
    path("<int:version_pk>/", views.script_detail, name="detail"),
    path("<int:version_pk>/script.pdf", views.script_pdf, name="pdf"),
    path("<int:version_pk>/sides.pdf", views.script_sides, name="sides"),
    path("<int:version_pk>/send/", views.script_distribute, name="distribute"),
    path("<int:version_pk>/lock/", views.script_lock, name="lock"),
    path(
        "<int:version_pk>/sent/<int:distribution_pk>/",
        views.script_distribution,
        name="distribution",
    ),
    path(
        "<int:version_pk>/copies/<int:copy_pk>/revoke/",
        views.script_copy_revoke,
        name="copy_revoke",
    ),
]
