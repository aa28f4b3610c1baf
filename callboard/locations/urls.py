from django.urls import path

from . import views

app_name = "locations"
urlpatterns = [
    path("", views.location_list, name="list"),
    path("new/", views.location_create, name="create"),
    path("export.<str:fmt>", views.location_export, name="export"),
    path("sets/", views.set_candidates, name="sets"),
    path("<int:location_pk>/", views.location_detail, name="detail"),
    path("<int:location_pk>/status/", views.location_status, name="status"),
    path("<int:location_pk>/remove/", views.location_remove, name="remove"),
    path("<int:location_pk>/documents/", views.document_add, name="document_add"),
    path("<int:location_pk>/documents/<int:document_pk>/", views.document_file, name="document"),
    path(
        "<int:location_pk>/documents/<int:document_pk>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path("<int:location_pk>/permits/", views.permit_add, name="permit_add"),
    path("<int:location_pk>/permits/<int:permit_pk>/pdf/", views.permit_pdf, name="permit_pdf"),
    path(
        "<int:location_pk>/permits/<int:permit_pk>/remove/",
        views.permit_remove,
        name="permit_remove",
    ),
    path("<int:location_pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("candidates/<int:candidate_pk>/choose/", views.candidate_choose, name="candidate_choose"),
    path("candidates/<int:candidate_pk>/remove/", views.candidate_remove, name="candidate_remove"),
]
