from django.apps import AppConfig


class TravelConfig(AppConfig):
    """Travel: bookings for cast and crew, the checks against the schedule and the call
    sheets, per diem, scouts, and the documents that go to travellers, hotels and
    transportation."""

    name = "callboard.travel"
    label = "travel"
    verbose_name = "Travel"

    def ready(self):
        from callboard.accounting.queries import commitments_register
        from callboard.distribution.registry import composer_register

        from . import queries, roomingsending, scoutsending, sending

        commitments_register(queries.booking_commitments)
        composer_register(sending.KIND, sending.composer)
        composer_register(scoutsending.KIND, scoutsending.composer)
        composer_register(roomingsending.KIND, roomingsending.composer)
