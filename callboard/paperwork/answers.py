"""Answers as typed, checked and shown, framework-free (no Django import): the format check of
one value, whether two answers say the same, money and dates as people read them, private
numbers masked, a bank account's keyed digest, a drawn signature rebuilt from its strokes, and
the wage notices' terms worked out from the deal."""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from . import rules
from .catalogue import (
    ACCOUNT,
    DATE,
    DATE_OF_BIRTH,
    DOCUMENT_NUMBER,
    EIN,
    MONEY,
    NUMBER,
    ROUTING,
    SSN,
    Field,
)


def value_problem(kind: str, value: str) -> str | None:
    """The problem with one typed value, in words; None when it is fine (or empty)."""
    value = value.strip()
    if not value:
        return None
    if kind == SSN:
        return rules.ssn_problem(value)
    if kind == ROUTING:
        return rules.routing_number_problem(value)
    if kind == ACCOUNT:
        return rules.account_number_problem(value)
    if kind == EIN:
        return rules.ein_problem(value)
    if kind == DOCUMENT_NUMBER:
        return rules.document_number_problem(value)
    if kind in (DATE, DATE_OF_BIRTH):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "Write the date as YYYY-MM-DD."
        return None
    if kind in (MONEY, NUMBER):
        try:
            number = Decimal(value.replace("$", "").replace(",", ""))
        except InvalidOperation:
            return "Write a number, like 52.50."
        if not number.is_finite() or number < 0:
            return "Write a number, like 52.50."
    return None


def same_answer(kind: str, a: str, b: str) -> bool:
    """Two answers that say the same thing ("52.5" and "$52.50")."""
    if kind in (MONEY, NUMBER):
        try:
            return amount(a or "0") == amount(b or "0")
        except InvalidOperation:
            return False
    return a.strip() == b.strip()


def amount(text: str) -> Decimal:
    """A money answer (its format was checked when saved)."""
    return Decimal(text.replace("$", "").replace(",", ""))


def shown_answer(field, value: str) -> str:
    """An answer as people read it: money to the cent ("$52.50"), dates as dates."""
    try:
        if field.kind == MONEY and value:
            return rules.money(amount(value))
        if field.kind == DATE and value:
            return f"{date.fromisoformat(value):%a %b %-d, %Y}"
    except (ArithmeticError, ValueError):
        pass
    return value


_VIEWBOX = re.compile(r'viewBox="0 0 (\d{1,5}) (\d{1,5})"')


_PATH = re.compile(r'd="(M[\d .L-]{1,20000})"')


def clean_signature_svg(svg: str) -> str:
    """A drawn signature rebuilt from its numbers only: strokes of points, nothing else from
    the browser reaches the PDF renderer (no scripts, links or external images)."""
    box = _VIEWBOX.search(svg or "")
    paths = _PATH.findall(svg or "")[:200]
    if not box or not paths:
        return ""
    width, height = box.groups()
    strokes = "".join(
        f'<path d="{d}" fill="none" stroke="black" stroke-width="2" stroke-linecap="round"/>'
        for d in paths
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{strokes}</svg>'


def wage_notice_terms(deal: dict[str, str], payday: str, overtime: str = "") -> dict[str, str]:
    """What a wage notice states, from the deal: its rate, the overtime rate and the payday.
    Overtime is time and a half of the straight hourly rate: the rate itself when hourly; for
    a day rate guaranteeing G hours (G > 8, California's daily overtime after 8), the day rate
    buys 8 + 1.5 × (G − 8) straight hours. Otherwise (weekly deals) the office states it."""
    terms = {"payday": payday}
    if overtime:
        terms["overtime_rate"] = overtime
    if not deal.get("rate"):
        return terms
    terms["rate"] = deal["rate"]
    rate, unit = amount(deal["rate"]), deal.get("rate_unit")
    hours = amount(deal["guaranteed_hours"]) if deal.get("guaranteed_hours") else None
    straight = None
    if unit == "hour":
        straight = rate
    elif unit == "day" and hours and hours > 8:
        straight = rate / (8 + (hours - 8) * Decimal("1.5"))
    if straight is not None and not overtime:
        terms["overtime_rate"] = (
            f"{(straight * Decimal('1.5')).quantize(Decimal('0.0001')).normalize():f}"
        )
    return terms


# How each private kind shows wherever it is shown: the screen, e-mails and every PDF.
PRIVATE_MASKS = {
    SSN: rules.mask_ssn,
    ROUTING: rules.mask_account,
    ACCOUNT: rules.mask_account,
    DATE_OF_BIRTH: lambda v: "••••-••-••" if v else "",
    DOCUMENT_NUMBER: rules.mask_document_number,
    EIN: rules.mask_ein,
}


def mask_email(email: str) -> str:
    name, _, domain = (email or "").partition("@")
    return f"{name[:1]}•••@{domain}" if domain else ""


def bank_shown(answers: dict[str, str]) -> str:
    account = rules.mask_account(answers.get("account_number"))
    return f"{answers.get('bank_name', '').strip()} {account}".strip()


def bank_digest(answers: dict[str, str], key: bytes) -> str:
    """A keyed hash of routing and account: tells a change without keeping the numbers twice."""
    material = f"{answers.get('routing_number', '')}|{answers.get('account_number', '')}"
    return hmac.new(key, material.encode(), "sha256").hexdigest()


def terms_problems(office: Mapping[str, Field], terms: Mapping[str, str]) -> list[str]:
    """What is wrong with the deal terms the office typed, each with its field's label
    (``office``: the deal memo's office fields by name)."""
    problems = [
        f"{office[n].label}: {p}"
        for n, v in terms.items()
        if n in office
        if (p := value_problem(office[n].kind, str(v or "")))
    ]
    for name in ("rate_unit", "kit_rental_unit"):
        value = (terms.get(name) or "").strip()
        if name in office and value and value not in office[name].choices:
            problems.append(f"{office[name].label}: one of {', '.join(office[name].choices)}.")
    return problems


def form_terms(kind: str, deal: dict[str, str], payday: str, overtime: str) -> dict[str, str]:
    """The terms a form states, from the deal's: the deal memo its own, the kit inventory the
    kit rental, a wage notice its rate, overtime rate and payday."""
    if kind.startswith("deal_memo"):
        return deal
    if kind == "box_rental":
        return {
            "weekly_rate": deal.get("kit_rental", ""),
            "rental_per": deal.get("kit_rental_unit", ""),
        }
    return wage_notice_terms(deal, payday, overtime)
