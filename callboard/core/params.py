"""Query-string and form values as untrusted text: parse once, never crash on them."""

import re

_ID = re.compile(r"[0-9]{1,18}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def id_param(value: str | None) -> int | None:
    """A database id from a parameter, or None for anything else ('²', '-1', 10**30, '')."""
    return int(value) if value and _ID.fullmatch(value) else None


def text_param(value: str | None, limit: int = 100) -> str:
    """Search text without NUL and other control characters (PostgreSQL refuses NUL)."""
    return _CONTROL.sub("", value or "").strip()[:limit]
