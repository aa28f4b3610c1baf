"""Telling one invoice from another the way an accounts-payable clerk does.

Pure Python (no Django). Vendors type the same invoice number many ways: "KLS 1001",
"KLS-1001", "kls1001" and "KLS-01001" are one invoice. A different number for the same
amount from the same vendor within a week is usually the same bill sent twice: warned.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

NEAR_DAYS = 7


def invoice_number_key(number: str) -> str:
    """Case, spaces, dashes and other punctuation ignored, and the leading zeros of each run
    of digits: "KLS-01001" → "kls1001"."""
    compact = re.sub(r"[\W_]+", "", number or "").lower()
    return re.sub(r"(?<!\d)0+(?=\d)", "", compact)


def near_duplicate(a_date: date, a_amount: Decimal, b_date: date, b_amount: Decimal) -> bool:
    """Same amount, dated within a week of each other."""
    return a_amount == b_amount and abs((a_date - b_date).days) <= NEAR_DAYS
