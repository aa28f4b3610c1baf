"""The arithmetic of the office's shelves and of what it lends out: how many to order, the key
that makes "#12" and "12" the same walkie, and when an item is due back. No Django here."""

from __future__ import annotations

import re
from datetime import date, timedelta

# An item is flagged this many days before its holder's last day.
DUE_BACK_DAYS = 7

_NUMBER_NOISE = re.compile(r"^(?:no\.?|num(?:ber)?\.?|#)\s*", re.IGNORECASE)


def number_key(typed: str) -> str:
    """The same item however it is typed: "#12", "No. 12", " 12 " and "012" are walkie 12;
    serials compare without case or spaces ("c02 xk1" is "C02XK1")."""
    text = _NUMBER_NOISE.sub("", " ".join((typed or "").split()))
    text = text.replace(" ", "").upper()
    if text.isdigit():
        return text.lstrip("0") or "0"
    return text


def reorder_quantity(stock: int, level: int) -> int:
    """Enough to bring the shelf back to twice its reorder level (at least one)."""
    return max(level * 2 - stock, 1)


def due_back(end_date: date | None, today: date) -> str:
    """ "" while the holder is on the show for a while yet; "soon" within DUE_BACK_DAYS of
    their end date; "overdue" once it has passed."""
    if end_date is None:
        return ""
    if end_date < today:
        return "overdue"
    if end_date <= today + timedelta(days=DUE_BACK_DAYS):
        return "soon"
    return ""
