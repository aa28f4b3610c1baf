from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "callboard.documents"
    label = "documents"
    verbose_name = "Documents"
