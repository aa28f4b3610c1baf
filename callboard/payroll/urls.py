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
    path("batches/<int:batch_pk>/override/", views.batch_override, name="batch_override"),
    path("batches/<int:batch_pk>/close/", views.batch_close, name="batch_close"),
    path("batches/<int:batch_pk>/batch.<str:fmt>", views.batch_export, name="batch_export"),
    path("union-days/", views.union_days, name="union_days"),
    path("union-days/stubs/", views.pay_stub_add, name="pay_stub_add"),
    path("union-days/stubs/remove/", views.pay_stub_remove, name="pay_stub_remove"),
    path("union-days/thresholds/", views.thresholds_save, name="thresholds_save"),
    path("union-days.csv", views.union_days_csv, name="union_days_csv"),
    path("union-days/<int:person_pk>.pdf", views.union_days_pdf, name="union_days_pdf"),
    path("<int:card_pk>/", views.timecard_detail, name="card"),
    path("<int:card_pk>/approve/", views.card_approve, name="card_approve"),
    path("<int:card_pk>/send-back/", views.card_send_back, name="card_send_back"),
    path("<int:card_pk>/submit/", views.card_submit, name="card_submit"),
    path("<int:card_pk>/review/", views.card_review, name="card_review"),
    path("<int:card_pk>/override/", views.card_override, name="card_override"),
    path("<int:card_pk>/correct/", views.card_correct, name="card_correct"),
    path("<int:card_pk>/send/", views.card_send, name="card_send"),
    path("<int:card_pk>/card.pdf", views.timecard_pdf, name="pdf"),
]
