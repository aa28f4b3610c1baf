from django.urls import path

from . import views

app_name = "accounting"
urlpatterns = [
    path("", views.cost_report, name="cost_report"),
    path("cost-report.<str:fmt>", views.cost_report_export, name="cost_report_export"),
    path("estimate/", views.estimate_save, name="estimate"),
    path("chart/", views.chart, name="chart"),
    path("import/", views.import_upload, name="import"),
    path("import/preview/", views.import_preview, name="import_preview"),
    path("budgets/<int:budget_pk>/lock/", views.budget_lock, name="budget_lock"),
]
