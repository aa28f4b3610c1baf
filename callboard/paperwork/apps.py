from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    name = "callboard.paperwork"
    label = "paperwork"
    verbose_name = "Start paperwork"
