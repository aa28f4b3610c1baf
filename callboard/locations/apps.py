from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "callboard.locations"
    label = "locations"
    verbose_name = "Locations"
