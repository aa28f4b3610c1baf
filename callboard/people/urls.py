from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("removed/", views.people_removed, name="removed"),
    path("export.<str:fmt>", views.people_export, name="export"),
    path("contact-sheet.pdf", views.contact_sheet, name="contact_sheet"),
    path("<int:person_pk>/", views.person_detail, name="detail"),
    path("<int:person_pk>/edit/", views.person_edit, name="edit"),
    path("<int:person_pk>/delete/", views.person_delete, name="delete"),
    path("<int:person_pk>/restore/", views.person_restore, name="restore"),
    path("<int:person_pk>/details-link/", views.person_details_link, name="details_link"),
    path("<int:person_pk>/login/", views.person_account, name="account"),
    path(
        "<int:person_pk>/details-link/<int:grant_pk>/revoke/",
        views.person_details_link_revoke,
        name="details_link_revoke",
    ),
    path("import/", views.import_start, name="import"),
    path("import/<int:import_pk>/", views.import_review_page, name="import_review"),
    path("import/<int:import_pk>/discard/", views.import_discard, name="import_discard"),
    path("departments/", views.departments, name="departments"),
    path(
        "departments/<int:department_pk>/rename/",
        views.department_rename,
        name="department_rename",
    ),
    path("departments/<int:department_pk>/move/", views.department_move, name="department_move"),
    path(
        "departments/<int:department_pk>/delete/",
        views.department_delete,
        name="department_delete",
    ),
    path("vendors/", views.vendor_list, name="vendors"),
    path("vendors/new/", views.vendor_create, name="vendor_create"),
    path("vendors/<int:vendor_pk>/", views.vendor_detail, name="vendor_detail"),
    path("vendors/<int:vendor_pk>/edit/", views.vendor_edit, name="vendor_edit"),
    path("vendors/<int:vendor_pk>/delete/", views.vendor_delete, name="vendor_delete"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:group_pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:group_pk>/delete/", views.group_delete, name="group_delete"),
]
