from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "callboard.people"
    label = "people"
    verbose_name = "Cast, crew and vendors"
