"""Petty cash and card receipts: what to flag, likely duplicates, and an envelope's
reconciliation against its imprest float.

Pure Python (no Django), Decimal end to end. REFERENCE.md's example: float $500,
envelope JS03 receipts $312.47 (2700 $212.47, 2800 $100.00), cash on hand $187.53 →
balanced, replenish $312.47.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal("0.00")
# Words on a receipt that accounting asks about (productions do not reimburse them, or
# only with a reason).
FLAG_WORDS = {
    "alcohol": (
        "alcohol",
        "beer",
        "wine",
        "liquor",
        "vodka",
        "whiskey",
        "whisky",
        "tequila",
        "rum",
        "gin",
        "champagne",
        "spirits",
        "bevmo",
        "total wine",
        "brewery",
        "bar tab",
    ),
    "tobacco": (
        "tobacco",
        "cigarette",
        "cigarettes",
        "cigar",
        "cigars",
        "vape",
        "smoke shop",
        "juul",
        "nicotine",
    ),
    "prepaid gas": (
        "prepaid gas",
        "gas prepay",
        "prepay gas",
        "fuel prepay",
        "prepaid fuel",
        "gas card",
        "pump prepay",
    ),
}
LABELS = {"alcohol": "Alcohol", "tobacco": "Tobacco", "prepaid gas": "Prepaid gas"}


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "


def receipt_flags(*, vendor: str, descriptions: list[str], has_file: bool) -> list[str]:
    """What accounting must look at on one receipt, in words."""
    text = _words(" ".join([vendor, *descriptions]))
    flags = []
    for kind, words in FLAG_WORDS.items():
        found = next((w for w in words if f" {w} " in text), None)
        if found:
            flags.append(f"{LABELS[kind]}: “{found}” on the receipt")
    if not has_file:
        flags.append("Missing receipt: no photo or PDF")
    return flags


def duplicate_key(vendor: str, on: date, amount: Decimal) -> tuple:
    """Receipts with the same key are likely the same purchase entered twice."""
    return (re.sub(r"[^a-z0-9]", "", vendor.lower()), on, Decimal(amount).quantize(Decimal("0.01")))


@dataclass(frozen=True)
class Reconciliation:
    float_amount: Decimal
    receipts: Decimal
    cash_on_hand: Decimal
    by_account: dict[str, Decimal]

    @property
    def difference(self) -> Decimal:
        """Float − (cash on hand + receipts): zero when the envelope balances; positive when
        money is unaccounted for, negative when there is more than there should be."""
        return self.float_amount - (self.cash_on_hand + self.receipts)

    @property
    def balanced(self) -> bool:
        return self.difference == 0

    @property
    def replenish(self) -> Decimal:
        """What brings the float back to its amount: the receipts' total."""
        return self.receipts


def reconcile(
    *, float_amount: Decimal, lines: list[tuple[str, Decimal]], cash_on_hand: Decimal
) -> Reconciliation:
    """``lines``: every receipt line of the envelope as (account code, amount)."""
    by_account: dict[str, Decimal] = {}
    for code, amount in lines:
        by_account[code] = by_account.get(code, ZERO) + amount
    total = sum(by_account.values(), ZERO)
    return Reconciliation(float_amount, total, cash_on_hand, dict(sorted(by_account.items())))
