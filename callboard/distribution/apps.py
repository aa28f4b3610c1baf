from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "callboard.distribution"
    label = "distribution"
    verbose_name = "Distribution"

    def ready(self) -> None:
        from callboard.core.outbox import outbox_register

        from .sending import composers_register
        from .services import message_send

        # Core's mail (invitations, password resets) goes out here, as a tracked delivery.
        outbox_register(message_send)
        composers_register()
