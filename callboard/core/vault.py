"""Private data at rest: SSN, date of birth, bank and tax numbers are stored only as Fernet
tokens (AES-128-CBC + HMAC-SHA256) under settings.PII_KEYS, newest key first, so keys rotate:
new tokens use the first key, old tokens still open with the others until re-sealed.

Reading a value is never a side effect: callers ask ``unseal`` explicitly, and the services
that show private data to payroll record every view in the audit log.

Every model field holding tokens is registered here (``sealed_field_register``, from the
owning app's ``AppConfig.ready``), so key rotation (core.services.pii_keys_rotate) re-seals
them all without core naming any app.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class VaultError(Exception):
    """A token that no configured key opens (a lost key, or tampering)."""


def _vault() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.PII_KEYS])


def seal(value: str) -> str:
    """The token to store; "" stays "" (nothing to hide)."""
    return _vault().encrypt(value.encode()).decode() if value else ""


def unseal(token: str) -> str:
    if not token:
        return ""
    try:
        return _vault().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise VaultError("This value cannot be opened with the configured keys.") from exc


def reseal(token: str) -> str:
    """The same value under the newest key (for key rotation)."""
    if not token:
        return ""
    try:
        return _vault().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise VaultError("This value cannot be opened with the configured keys.") from exc


def mask(value: str, keep: int = 4) -> str:
    """•••••6789: only the last ``keep`` characters (letters and digits) show."""
    visible = [c for c in value if c.isalnum()]
    if len(visible) <= keep:
        return "•" * len(visible)
    return "•" * (len(visible) - keep) + "".join(visible[-keep:])


@dataclass(frozen=True)
class SealedField:
    """A model field that stores vault tokens: one token ("" for none), or with ``keyed`` a
    JSON object of {name: token}."""

    model: str  # "app_label.ModelName"
    field: str
    keyed: bool = False


SEALED_FIELDS: list[SealedField] = []


def sealed_field_register(model: str, field: str, *, keyed: bool = False) -> None:
    """Called from an app's ``AppConfig.ready`` for each field it stores tokens in."""
    entry = SealedField(model, field, keyed)
    if entry not in SEALED_FIELDS:
        SEALED_FIELDS.append(entry)
