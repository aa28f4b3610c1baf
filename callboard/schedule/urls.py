from django.urls import path

from . import views

app_name = "schedule"
urlpatterns = [
    path("", views.schedule_home, name="home"),
    path("import/", views.schedule_import, name="import"),
    path("export.uss", views.schedule_export_uss, name="export"),
    path("scenarios/new/", views.scenario_create, name="scenario_create"),
    path("scenarios/<int:scenario_pk>/", views.scenario_board, name="board"),
    path("scenarios/<int:scenario_pk>/change/", views.scenario_change, name="change"),
    path("scenarios/<int:scenario_pk>/delete/", views.scenario_delete, name="scenario_delete"),
    path("scenarios/<int:scenario_pk>/dood/", views.scenario_dood_page, name="dood"),
    path(
        "scenarios/<int:scenario_pk>/<slug:kind>.<str:fmt>",
        views.scenario_document,
        name="document",
    ),
    path("breakdown/", views.breakdown_list, name="breakdown"),
    path("breakdown/from-script/", views.breakdown_seed, name="seed"),
    path("breakdown/<int:strip_pk>/", views.breakdown_sheet, name="sheet"),
    path("elements/", views.element_list, name="elements"),
    path("elements/<int:element_pk>/", views.element_edit, name="element"),
    path("calendars/new/", views.calendar_edit, name="calendar_new"),
    path("calendars/<int:calendar_pk>/", views.calendar_edit, name="calendar"),
]
