"""Page lengths in eighths of a page, the unit of schedules and call sheets.

Kept as integers everywhere; shown as "2 6/8". No Django here.
"""

import re

_SHOWN = re.compile(r"^\s*(?:(\d+)\s*)?(?:(\d)\s*/\s*8)?\s*$")


def format_eighths(eighths: int) -> str:
    """22 -> '2 6/8', 8 -> '1', 3 -> '3/8', 0 -> '0'."""
    whole, part = divmod(int(eighths), 8)
    if not part:
        return str(whole)
    return f"{whole} {part}/8" if whole else f"{part}/8"


def parse_eighths(text: str) -> int:
    """'2 6/8' -> 22, '3/8' -> 3, '1' -> 8; ValueError for anything else."""
    match = _SHOWN.match(text or "")
    if not match or not any(match.groups()):
        raise ValueError(f"not a page length in eighths: {text!r}")
    whole, part = match.groups()
    if part is not None and int(part) >= 8:
        raise ValueError(f"not a page length in eighths: {text!r}")
    return int(whole or 0) * 8 + int(part or 0)
