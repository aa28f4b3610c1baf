"""Key rotation re-seals what the apps register: every model field that stores vault tokens
(named ``sealed`` or ``*_sealed``) must be registered, and every registration must name a real
field, so a new private field cannot be forgotten by ``rotate_pii_keys``."""

from django.apps import apps

from callboard.core.vault import SEALED_FIELDS


def _token_fields() -> set[tuple[str, str]]:
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.name == "sealed" or field.name.endswith("_sealed")
    }


def test_every_field_holding_tokens_is_registered_and_nothing_else():
    registered = {(s.model, s.field) for s in SEALED_FIELDS}
    assert _token_fields() - registered == set(), "register these with sealed_field_register"
    assert registered - _token_fields() == set(), "registered fields that do not exist"
    assert ("office.Diet", "allergies_sealed") in registered
    assert ("paperwork.PacketForm", "sealed") in registered
