"""Private data is stored sealed, opens only with a configured key, and keys rotate."""

import pytest
from cryptography.fernet import Fernet

from callboard.core.vault import VaultError, mask, reseal, seal, unseal


def test_a_sealed_value_does_not_contain_the_value_and_opens_again():
    token = seal("123-45-6789")
    assert "6789" not in token and token != seal("123-45-6789")  # random IV each time
    assert unseal(token) == "123-45-6789"
    assert seal("") == "" and unseal("") == ""


def test_keys_rotate_old_tokens_still_open_and_reseal_under_the_new_key(settings):
    old_key = settings.PII_KEYS[0]
    token = seal("021000021")
    new_key = Fernet.generate_key().decode()
    settings.PII_KEYS = [new_key, old_key]
    assert unseal(token) == "021000021"
    fresh = reseal(token)
    settings.PII_KEYS = [new_key]
    assert unseal(fresh) == "021000021"
    with pytest.raises(VaultError):
        unseal(token)  # the retired key is gone


def test_a_tampered_token_is_refused():
    token = seal("1985-04-12")
    with pytest.raises(VaultError):
        unseal(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])


def test_masking_shows_only_the_last_four():
    assert mask("123-45-6789") == "•••••6789"
    assert mask("12") == "••"
