from django.urls import path

from . import views

app_name = "paperwork"
urlpatterns = [
    path("", views.paperwork_board, name="board"),
    path("start/", views.packet_start, name="start"),
    path("settings/", views.paperwork_settings, name="settings"),
    path("approved.zip", views.packets_export, name="export"),
    path("<int:packet_pk>/", views.packet_detail, name="packet"),
    path("<int:packet_pk>/act/", views.packet_act, name="act"),
    path("<int:packet_pk>/packet.pdf", views.packet_pdf, name="pdf"),
    path("<int:packet_pk>/forms/<int:form_pk>.pdf", views.packet_form_pdf, name="form_pdf"),
    path("<int:packet_pk>/documents/<int:upload_pk>/", views.packet_upload, name="upload"),
]
