from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "callboard.distribution"
    label = "distribution"
    verbose_name = "Distribution"
