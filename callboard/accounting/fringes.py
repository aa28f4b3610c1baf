"""Fringes the way payroll houses compute them: on top of each time card's wages.

Pure Python (no Django), Decimal end to end. A fringe line is one of:

- ``percent``: a percentage of wages up to an annual wage base per person (FICA 6.2 % to the
  Social Security wage base, Medicare 1.45 % with none, FUTA 0.6 % to $7,000, state
  unemployment, workers' compensation, the payroll house's fee);
- ``hour``: an amount per hour worked or guaranteed (IATSE pension and health);
- ``day``: an amount per day worked (some locals);
- ``scale``: a percentage of scale wages up to a ceiling per person (SAG-AFTRA P&H).

Wages are what the pay engine calls wages and penalties; per diem and kit rental are not
wages and carry no fringe. Caps count what the person earned earlier in the same calendar
year (``ytd``) and within the batch, card by card in the order given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
BASES = ("percent", "hour", "day", "scale")


@dataclass(frozen=True)
class FringeRule:
    name: str
    account_code: str
    basis: str  # one of BASES
    rate: Decimal  # a percentage (6.2) for percent and scale; an amount for hour and day
    cap: Decimal | None = None  # annual wage base / ceiling per person; None for none
    union: str = ""  # only cards of this union; "" for everyone

    def applies_to(self, union: str) -> bool:
        return not self.union or self.union.strip().lower() == (union or "").strip().lower()


@dataclass(frozen=True)
class CardPay:
    """What one time card paid, as the fringes need it."""

    key: object  # the card, for the caller to find its fringes
    person: object  # who: caps are per person
    year: int  # the calendar year its wages count in
    union: str
    wages: Decimal  # wages and penalties: not per diem, not kit rental
    hours: Decimal  # worked or guaranteed
    days: int  # days worked


@dataclass(frozen=True)
class Fringe:
    key: object
    name: str
    account_code: str
    basis_amount: Decimal  # wages under the cap, hours or days the fringe is charged on
    amount: Decimal


def q_cent(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def under_cap(wages: Decimal, earned_before: Decimal, cap: Decimal | None) -> Decimal:
    """The part of ``wages`` still under the cap, given what was earned before."""
    if cap is None:
        return wages
    return max(min(wages, cap - earned_before), ZERO)


def card_fringes(rules: list[FringeRule], card: CardPay, earned_before: Decimal) -> list[Fringe]:
    out = []
    for rule in rules:
        if not rule.applies_to(card.union):
            continue
        if rule.basis in ("percent", "scale"):
            basis = under_cap(card.wages, earned_before, rule.cap)
            amount = q_cent(basis * rule.rate / 100)
        elif rule.basis == "hour":
            basis, amount = card.hours, q_cent(card.hours * rule.rate)
        elif rule.basis == "day":
            basis, amount = Decimal(card.days), q_cent(card.days * rule.rate)
        else:
            raise ValueError(f"Unknown fringe basis {rule.basis!r}; use one of {', '.join(BASES)}.")
        if amount:
            out.append(Fringe(card.key, rule.name, rule.account_code, basis, amount))
    return out


def batch_fringes(
    rules: list[FringeRule], cards: list[CardPay], ytd: dict[tuple[object, int], Decimal]
) -> list[Fringe]:
    """Every card's fringes, caps counting ``ytd`` (wages by (person, year) from earlier
    batches) and the batch's own earlier cards."""
    earned = dict(ytd)
    out = []
    for card in cards:
        before = earned.get((card.person, card.year), ZERO)
        out += card_fringes(rules, card, before)
        earned[(card.person, card.year)] = before + card.wages
    return out
