from django.apps import AppConfig


class WrapConfig(AppConfig):
    """The end of the show: the completeness report (what is still missing or open), the wrap
    checklist, and the wrap binder built from every app's records. It sits on top with
    ``home`` and ``demo``: it reads every app and no app reads it."""

    name = "callboard.wrap"
    label = "wrap"
    verbose_name = "Wrap"
