from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "callboard.people"
    label = "people"
    verbose_name = "Cast, crew and vendors"

    def ready(self) -> None:
        from callboard.core.services import production_seeder_register
        from callboard.distribution.registry import composer_register

        from . import sending
        from .services import production_lists_seed

        production_seeder_register(production_lists_seed)
        composer_register(sending.KIND, sending.composer)
