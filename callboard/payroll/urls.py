from django.urls import path

from . import views

app_name = "payroll"
urlpatterns = [
    path("", views.timecard_week, name="week"),
    path("send/", views.timecards_send, name="send"),
    path("deals/", views.deal_terms, name="deals"),
    path("settings/", views.payroll_settings, name="settings"),
    path("batches/", views.batches, name="batches"),
    path("batches/<int:batch_pk>/", views.batch_detail, name="batch"),
    path("batches/<int:batch_pk>/batch.<str:fmt>", views.batch_export, name="batch_export"),
    path("union-days/", views.union_days, name="union_days"),
    path("union-days.csv", views.union_days_csv, name="union_days_csv"),
    path("union-days/<int:person_pk>.pdf", views.union_days_pdf, name="union_days_pdf"),
    path("<int:card_pk>/", views.timecard_detail, name="card"),
    path("<int:card_pk>/act/", views.timecard_act, name="act"),
    path("<int:card_pk>/card.pdf", views.timecard_pdf, name="pdf"),
]
