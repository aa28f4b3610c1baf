from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """The production office itself: drive-ons and gate lists, the PAs and their runs, lunch
    orders, conference rooms and table reads, supplies, and the items issued to people.
    Each part is a subpackage (``office/gate``, ``office/runs`` …) with its models in
    ``office/models/<part>.py``; they share the one Office page and the office capabilities."""

    name = "callboard.office"
    label = "office"
    verbose_name = "Office"

    def ready(self):
        from callboard.core.vault import sealed_field_register
        from callboard.distribution.registry import composer_register
        from callboard.people.panels import person_panel_register

        from .gate import sending as gate_sending
        from .lunch import sending as lunch_sending
        from .rooms import sending as rooms_sending
        from .supplies.panels import person_items_panel

        composer_register(gate_sending.KIND, gate_sending.composer)
        composer_register(lunch_sending.KIND, lunch_sending.composer)
        person_panel_register(person_items_panel)
        composer_register(rooms_sending.KIND, rooms_sending.composer)
        sealed_field_register("office.Diet", "allergies_sealed")
        sealed_field_register("office.Diet", "preferences_sealed")
