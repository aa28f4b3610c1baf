from django.urls import path

from . import views

app_name = "callsheets"
urlpatterns = [
    path("", views.callsheet_list, name="list"),
    path("new/", views.callsheet_create, name="create"),
    path("<int:sheet_pk>/", views.callsheet_detail, name="detail"),
    path("<int:sheet_pk>/forecast/", views.callsheet_forecast, name="forecast"),
    path("<int:sheet_pk>/publish/", views.callsheet_publish, name="publish"),
    path("<int:sheet_pk>/revise/", views.callsheet_revise, name="revise"),
    path("<int:sheet_pk>/send/", views.callsheet_send, name="send"),
    path("calendar/<int:person_pk>/reissue/", views.calendar_reissue, name="calendar_reissue"),
    path("<int:sheet_pk>/sent/", views.callsheet_status, name="status"),
    path("<int:sheet_pk>/resend/", views.callsheet_resend, name="resend"),
    path(
        "<int:sheet_pk>/sent/<int:delivery_pk>/resend/",
        views.callsheet_resend_one,
        name="resend_one",
    ),
    path(
        "<int:sheet_pk>/confirmations/", views.confirmations_setting, name="confirmations_setting"
    ),
    path(
        "<int:sheet_pk>/sent/<int:delivery_pk>/settle/",
        views.callsheet_doubt_settle,
        name="doubt_settle",
    ),
    path("<int:sheet_pk>/<slug:kind>.pdf", views.callsheet_pdf, name="pdf"),
]
