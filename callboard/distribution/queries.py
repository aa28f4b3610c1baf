"""Reads for "who has it": each copy's status as the coordinator filters by it, the counts per
status, the copies by department, and how a production hears of confirmations."""

from __future__ import annotations

from dataclasses import dataclass

from callboard.core.models import Production

from .models import Delivery, DistributionSettings

# The statuses a coordinator filters by, in the order the counts show them. Each copy is in
# exactly one, except "unconfirmed", which is everyone not confirmed yet.
STATUSES: list[tuple[str, str]] = [
    ("confirmed", "confirmed"),
    ("opened", "opened"),
    ("sent", "sent"),
    ("sending", "on its way"),
    ("in-doubt", "in doubt"),
    ("failed", "failed"),
    ("no-contact", "no contact"),
    ("unconfirmed", "unconfirmed"),
]
STATUS_LABELS = dict(STATUSES)

# Delivery.state (the furthest step reached) -> the status filtered by.
_BY_STATE = {
    "confirmed": "confirmed",
    "opened": "opened",
    "delivered": "sent",
    "sent": "sent",
    "sending": "sending",
    "queued": "sending",
    "in-doubt": "in-doubt",
    "failed": "failed",
    "bounced": "failed",
    "unreachable": "no-contact",
}

CAST = "cast"
NO_DEPARTMENT = "none"
NOT_LISTED = "account"  # an account on no list (an invitation)


def delivery_status(delivery: Delivery) -> str:
    return _BY_STATE[delivery.state]


def status_matches(delivery: Delivery, status: str) -> bool:
    if not status:
        return True
    if status == "unconfirmed":
        return delivery.confirmed_at is None
    return delivery_status(delivery) == status


def department_key(delivery: Delivery) -> str:
    person = delivery.person
    if person is None:
        return NOT_LISTED
    if person.kind == person.Kind.CAST:
        return CAST
    return str(person.department_id) if person.department_id else NO_DEPARTMENT


@dataclass
class Department:
    key: str
    name: str
    order: tuple


def _department_of(delivery: Delivery) -> Department:
    person = delivery.person
    key = department_key(delivery)
    if key == CAST:
        return Department(CAST, "Cast", (0,))
    if key == NO_DEPARTMENT:
        return Department(NO_DEPARTMENT, "No department", (2,))
    if key == NOT_LISTED:
        return Department(NOT_LISTED, "Not on the lists", (3,))
    return Department(
        key, person.department.name, (1, person.department.order, person.department.name)
    )


def departments_of(deliveries) -> list[Department]:
    """The departments the recipients are in, in the crew list's order, cast first."""
    found = {}
    for delivery in deliveries:
        department = _department_of(delivery)
        found.setdefault(department.key, department)
    return sorted(found.values(), key=lambda d: d.order)


@dataclass
class WhoHasIt:
    """One sheet's copies, filtered; ``counts`` are per status within the chosen department."""

    status: str
    department: str
    counts: list[tuple[str, str, int]]  # (status, label, count)
    total: int  # in the chosen department, any status
    departments: list[Department]
    groups: list[tuple[Department, list[Delivery]]]
    shown: list[Delivery]
    problem: str = ""


def who_has_it(deliveries: list[Delivery], *, status: str = "", department: str = "") -> WhoHasIt:
    """Filter by status and department (unknown values are named in ``problem`` and ignored),
    count per status, and group what is left by department."""
    problems = []
    departments = departments_of(deliveries)
    if status and status not in STATUS_LABELS:
        problems.append(f"There is no status called “{status[:40]}”")
        status = ""
    if department and department not in {d.key for d in departments}:
        problems.append("Nobody this sheet went to is in that department")
        department = ""
    in_department = [d for d in deliveries if not department or department_key(d) == department]
    tally = {key: 0 for key, _ in STATUSES}
    for delivery in in_department:
        tally[delivery_status(delivery)] += 1
        tally["unconfirmed"] += delivery.confirmed_at is None
    shown = [d for d in in_department if status_matches(d, status)]
    groups: dict[str, tuple[Department, list[Delivery]]] = {}
    for delivery in shown:
        group = _department_of(delivery)
        groups.setdefault(group.key, (group, []))[1].append(delivery)
    return WhoHasIt(
        status=status,
        department=department,
        counts=[(key, label, tally[key]) for key, label in STATUSES],
        total=len(in_department),
        departments=departments,
        groups=sorted(groups.values(), key=lambda g: g[0].order),
        shown=shown,
        problem=("; ".join(problems) + ": showing everyone.") if problems else "",
    )


def resendable_count(deliveries: list[Delivery]) -> int:
    """How many of these copies a resend to many would send again (the same test it makes)."""
    return Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).resendable().count()


def confirmations_mode(production: Production) -> str:
    """How the person a send names hears of confirmations: a digest (the default) or each."""
    mode = (
        DistributionSettings.objects.filter(production=production)
        .values_list("confirmations", flat=True)
        .first()
    )
    return mode or DistributionSettings.Confirmations.DIGEST
