from django.apps import AppConfig


class TravelConfig(AppConfig):
    """Travel: bookings for cast and crew, the checks against the schedule and the call
    sheets, per diem, and the documents that go to travellers, hotels and transportation."""

    name = "callboard.travel"
    label = "travel"
    verbose_name = "Travel"

    def ready(self):
        from callboard.distribution.registry import composer_register

        from . import sending

        composer_register(sending.KIND, sending.composer)
