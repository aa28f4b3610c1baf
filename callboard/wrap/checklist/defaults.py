"""The wrap checklist a production starts from: what every show closes at wrap, in the order
it usually falls, each due a number of days after the last shoot day (the binder at the end of
wrap). Framework-free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DefaultItem:
    category: str
    title: str
    days_after_shoot: int | None  # None: due at the end of wrap
    notes: str = ""


DEFAULT_ITEMS = (
    DefaultItem("rentals", "Return walkies, keys, badges and parking passes", 1,
                "The completeness report lists who still holds what."),
    DefaultItem("rentals", "Return rental equipment and close the rental accounts", 3,
                "Camera, grip, electric, sound, vehicles: get the return receipts."),
    DefaultItem("rentals", "Return office furniture, copiers and rented office equipment", 7),
    DefaultItem("services", "Cancel phones and the internet", 7),
    DefaultItem("services", "Cancel parking", 5),
    DefaultItem("services",
                "Cancel office services: water, coffee, cleaning, shredding, courier accounts", 7),
    DefaultItem("accounts", "Close vendor accounts and credit accounts", 14,
                "Ask each vendor for a final statement showing a zero balance."),
    DefaultItem("accounts", "Return petty-cash floats and close the production cards", 10),
    DefaultItem("accounts", "Final cost report", None),
    DefaultItem("insurance", "File the final insurance report and any loss or damage reports", 14,
                "Equipment lost or damaged at wrap, and claims still open."),
    DefaultItem("insurance", "Cancel location and equipment insurance certificates", 14),
    DefaultItem("other", "Deliver the wrap binder", None),
)  # fmt: skip


def due_date(item: DefaultItem, shoot_end: date | None, wrap_end: date | None) -> date | None:
    """The item's date on this production's calendar (None when the dates are not set)."""
    if item.days_after_shoot is None:
        return wrap_end
    return shoot_end + timedelta(days=item.days_after_shoot) if shoot_end else None
