from django.urls import path

from . import views

app_name = "paperwork"
urlpatterns = [
    path("", views.paperwork_board, name="board"),
    path("start/", views.packet_start, name="start"),
    path("settings/", views.paperwork_settings, name="settings"),
    path("approved.zip", views.packets_export, name="export"),
    path("<int:packet_pk>/", views.packet_detail, name="packet"),
    # The office's steps on a packet, one each (all POST, back to the packet's page).
    path("<int:packet_pk>/approve/", views.packet_approve, name="approve"),
    path("<int:packet_pk>/send-back/", views.packet_send_back, name="send_back"),
    path("<int:packet_pk>/resend/", views.packet_resend, name="resend"),
    path("<int:packet_pk>/terms/", views.packet_terms, name="terms"),
    path("<int:packet_pk>/change-answer/", views.packet_change_answer, name="change_answer"),
    path("<int:packet_pk>/override/", views.packet_override, name="override"),
    path("<int:packet_pk>/i9-section-2/", views.packet_i9_section2, name="i9_section2"),
    path("<int:packet_pk>/i9-supplement-b/", views.packet_i9_supplement_b, name="i9_supplement_b"),
    path("<int:packet_pk>/packet.pdf", views.packet_pdf, name="pdf"),
    path("<int:packet_pk>/forms/<int:form_pk>.pdf", views.packet_form_pdf, name="form_pdf"),
    path("<int:packet_pk>/documents/<int:upload_pk>/", views.packet_upload, name="upload"),
]
