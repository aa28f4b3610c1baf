from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "callboard.home"
    label = "home"
    verbose_name = "Home"
