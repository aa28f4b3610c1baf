from django.urls import path

from . import views

app_name = "scripts"
urlpatterns = [
    path("", views.script_list, name="list"),
    path("compare/", views.script_compare, name="compare"),
    path("<int:version_pk>/", views.script_detail, name="detail"),
    path("<int:version_pk>/script.pdf", views.script_pdf, name="pdf"),
    path("<int:version_pk>/sides.pdf", views.script_sides, name="sides"),
]
