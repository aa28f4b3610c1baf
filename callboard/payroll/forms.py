"""What payroll's pages post, parsed once: each helper takes the posted values (a QueryDict,
or any mapping) and returns typed values, or raises TimeCardError saying what to correct.
Views only hand these to queries and services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from callboard.core.params import id_param, text_param

from .engine import sunday_on_or_before
from .models import KitPer, Per
from .services import TimeCardError
from .timecards import clock_text

LIMIT_FIELDS = ["max_day_worked_hours", "max_day_elapsed_hours", "max_week_worked_hours"]


def week(today: date, *sources: Mapping) -> date:
    """The Sunday of the asked-for week (any date in it, years 1900–2999: the first of
    ``sources`` that names one), else of this week."""
    text = next((s.get("week") for s in sources if s.get("week")), "")
    try:
        asked = date.fromisoformat(text[:10])
        if not 1900 <= asked.year <= 2999:
            raise ValueError("out of range")
    except ValueError:
        asked = today
    return sunday_on_or_before(asked)


def person_id(post: Mapping) -> int | None:
    return id_param(post.get("person"))


def decimal(post: Mapping, name: str, *, blank_ok: bool = False) -> Decimal | None:
    text = (post.get(name) or "").replace("$", "").replace(",", "").strip()
    if not text and blank_ok:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        label = name.replace("_", " ")
        raise TimeCardError(f"Write the {label} as a number.", {name: "not a number"})
    return value


def terms(post: Mapping) -> dict:
    """Deal terms as typed: rule set, guarantee, days per week, kit rental, account."""
    days_per_week = id_param(post.get("days_per_week")) or 0
    if not 1 <= days_per_week <= 7:
        raise TimeCardError("Days per week are 1 to 7.")
    kit_per = post.get("kit_rental_per") if post.get("kit_rental_per") in KitPer.values else "week"
    return {
        "rules": post.get("rules"),
        "guaranteed_hours": decimal(post, "guaranteed_hours"),
        "days_per_week": days_per_week,
        "kit_rental": decimal(post, "kit_rental", blank_ok=True),
        "kit_rental_per": kit_per,
        "account": text_param(post.get("account"), 30),
    }


def deal(post: Mapping) -> dict:
    """A card's deal as typed by the office: the terms plus the rate and its unit."""
    per = post.get("per")
    if per not in Per.values:
        raise TimeCardError("Choose per hour, day or week.")
    return terms(post) | {"rate": decimal(post, "rate"), "per": per}


def previous_wrap(post: Mapping) -> str | None:
    """None when the form did not carry it (those who do not see the deal), so it is kept."""
    if "previous_wrap" not in post:
        return None
    text = (post.get("previous_wrap") or "").strip()
    if not text:
        return ""
    try:
        day, _, clock = text.replace(" ", "T").partition("T")
        return f"{date.fromisoformat(day).isoformat()}T{clock_text(clock) or '00:00'}"
    except ValueError as exc:
        raise TimeCardError(
            "Write the previous wrap as a date and time.", {"previous_wrap": "not a date and time"}
        ) from exc


def typed_days(post: Mapping) -> dict[str, str]:
    """The day fields as typed (d1_call, d1_wrap...), to show again when they are refused."""
    return {k: v for k, v in post.items() if k.startswith("d")}


def signature(post: Mapping) -> str:
    return text_param(post.get("signature"), 200)


def signs(post: Mapping) -> bool:
    """The person's phone card: "Sign and submit" pressed (else "Save")."""
    return post.get("action") == "submit"


def comment(post: Mapping) -> str:
    """What to correct, for a card sent back."""
    return text_param(post.get("comment"), 1000)


def correction_reason(post: Mapping) -> str:
    return text_param(post.get("reason"), 300)


@dataclass(frozen=True)
class Override:
    """A warning let pass with a reason: the warning's full text, exactly as shown."""

    warning: str
    reason: str


def override(post: Mapping) -> Override:
    return Override(post.get("warning", ""), post.get("reason", ""))


def card_ids(post) -> list[int]:
    """The ticked cards of a week, for a payroll batch."""
    return [i for i in (id_param(v) for v in post.getlist("card")) if i is not None]


def batch_note(post: Mapping) -> str:
    return text_param(post.get("note"), 200)


def limits(post: Mapping) -> dict[str, Decimal | None]:
    """The hours past which a card is flagged, as the office typed them."""
    return {name: decimal(post, name) for name in LIMIT_FIELDS}


# --------------------------------------------------------------------------- union days


def _date(text: str | None, what: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise TimeCardError(f"Give the {what} as a date.") from exc


@dataclass(frozen=True)
class PayStubInput:
    employer: str
    job: str
    union: bool
    start_date: date
    end_date: date
    days: int
    note: str


def pay_stub(post: Mapping) -> PayStubInput:
    """A pay stub from another show, as typed (the person is chosen apart: ``person_id``)."""
    return PayStubInput(
        employer=text_param(post.get("employer"), 200),
        job=text_param(post.get("job"), 120),
        union=post.get("union") == "on",
        start_date=_date(post.get("start_date"), "first day"),
        end_date=_date(post.get("end_date"), "last day"),
        days=id_param(post.get("days")) or 0,
        note=text_param(post.get("note"), 200),
    )


def stub_id(post: Mapping) -> int | None:
    return id_param(post.get("stub"))


def thresholds(post: Mapping) -> list[dict]:
    """Lines 'Position | union | local | union days | non-union days'."""
    rows = []
    for n, line in enumerate(post.get("thresholds", "").splitlines()[:50], start=1):
        if not line.strip():
            continue
        parts = [text_param(p, 120) for p in line.split("|")]
        if len(parts) != 5 or not parts[0]:
            raise TimeCardError(
                f"Line {n}: write 'Position | union | local | union days | non-union days'."
            )
        union_days, nonunion_days = id_param(parts[3]), id_param(parts[4])
        if not union_days or not nonunion_days or union_days > 9999 or nonunion_days > 9999:
            raise TimeCardError(f"Line {n}: the days are whole numbers from 1 to 9999.")
        rows.append(
            {
                "position": parts[0][:120],
                "union": parts[1][:60],
                "local": parts[2][:30],
                "union_days": union_days,
                "nonunion_days": nonunion_days,
            }
        )
    return rows
