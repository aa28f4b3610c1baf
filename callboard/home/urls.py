from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("packet/<int:packet_pk>/", views.packet_open, name="packet"),
    path("timecards/<int:card_pk>/", views.timecard_open, name="timecard"),
    path("callsheets/<int:sheet_pk>/", views.callsheet_open, name="callsheet"),
]
