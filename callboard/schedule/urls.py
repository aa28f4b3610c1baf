from django.urls import path

from . import views

app_name = "schedule"
BOARD = "scenarios/<int:scenario_pk>/board/"
urlpatterns = [
    path("", views.schedule_home, name="home"),
    path("import/", views.schedule_import, name="import"),
    path("export.uss", views.schedule_export_uss, name="export"),
    path("scenarios/new/", views.scenario_create, name="scenario_create"),
    path("scenarios/<int:scenario_pk>/", views.scenario_board, name="board"),
    # The board's edits, one URL a verb (the page's script posts to board/<verb>/).
    path(f"{BOARD}move/", views.board_move, name="board_move"),
    path(f"{BOARD}move-many/", views.board_move_many, name="board_move_many"),
    path(f"{BOARD}move-scenes/", views.board_move_scenes, name="board_move_scenes"),
    path(f"{BOARD}add-day/", views.board_add_day, name="board_add_day"),
    path(f"{BOARD}split-day/", views.board_split_day, name="board_split_day"),
    path(f"{BOARD}remove-day/", views.board_remove_day, name="board_remove_day"),
    path(f"{BOARD}sort/", views.board_sort, name="board_sort"),
    path(f"{BOARD}break-into-days/", views.board_break_days, name="board_break_days"),
    path(f"{BOARD}acknowledge/", views.board_acknowledge, name="board_acknowledge"),
    path(f"{BOARD}banner/", views.board_banner, name="board_banner"),
    path(f"{BOARD}remove-banner/", views.board_remove_banner, name="board_remove_banner"),
    path(f"{BOARD}rename/", views.board_rename, name="board_rename"),
    path(f"{BOARD}calendar/", views.board_calendar, name="board_calendar"),
    path("scenarios/<int:scenario_pk>/delete/", views.scenario_delete, name="scenario_delete"),
    path("scenarios/<int:scenario_pk>/dood/", views.scenario_dood_page, name="dood"),
    path(
        "scenarios/<int:scenario_pk>/<slug:kind>.<str:fmt>",
        views.scenario_document,
        name="document",
    ),
    path("scenarios/<int:scenario_pk>/publish/", views.version_publish, name="publish"),
    path("versions/", views.version_list, name="versions"),
    path("versions/compare/", views.version_compare, name="compare"),
    path("versions/<int:schedule_version_pk>/", views.version_detail, name="version"),
    path("versions/<int:schedule_version_pk>/send/", views.version_send, name="version_send"),
    path(
        "versions/<int:schedule_version_pk>/<slug:kind>.pdf",
        views.version_document,
        name="version_document",
    ),
    path("breakdown/", views.breakdown_list, name="breakdown"),
    path("breakdown/from-script/", views.breakdown_seed, name="seed"),
    path("breakdown/<int:strip_pk>/", views.breakdown_sheet, name="sheet"),
    path("breakdown/<int:strip_pk>/add/", views.breakdown_element_add, name="sheet_add"),
    path("breakdown/<int:strip_pk>/remove/", views.breakdown_element_remove, name="sheet_remove"),
    path("elements/", views.element_list, name="elements"),
    path("elements/<int:element_pk>/", views.element_edit, name="element"),
    path("calendars/new/", views.calendar_edit, name="calendar_new"),
    path("calendars/<int:calendar_pk>/", views.calendar_edit, name="calendar"),
]
