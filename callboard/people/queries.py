"""Reads for the people lists and the production home page."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from callboard.core.capabilities import Cap
from callboard.core.models import AuditEvent, Production
from callboard.core.params import id_param, text_param

from .columns import can_see
from .models import Department, Person, Vendor
from .phones import format_phone
from .positions import position_rank

MISSING_FILTERS = {
    "phone": ("no mobile phone", Q(phone="")),
    "email": ("no e-mail", Q(email="")),
    "department": ("no department", Q(kind=Person.Kind.CREW, department__isnull=True)),
    "cast_number": ("no cast ID", Q(kind=Person.Kind.CAST, cast_number__isnull=True)),
    "emergency": ("no emergency contact", Q(emergency_phone="")),
}
# Who lacks an emergency contact is itself private.
PRIVATE_MISSING = {"emergency"}


def missing_choices(membership, kind: str = Person.Kind.CREW) -> list[tuple[str, str]]:
    return [
        (key, label)
        for key, (label, _) in MISSING_FILTERS.items()
        if (key not in PRIVATE_MISSING or membership.can(Cap.PEOPLE_PRIVATE))
        and (key not in ("phone", "email") or can_see(membership, kind=kind, name=key))
    ]


SEARCHABLE = frozenset(
    {
        "first_name",
        "last_name",
        "preferred_name",
        "position",
        "email",
        "phone",
        "phone_other",
        "character",
    }
)


@dataclass
class PeopleFilter:
    """The crew/cast list's filters, parsed once from the query string."""

    kind: str = Person.Kind.CREW
    q: str = ""
    department: int | None = None
    status: str = ""
    union: str = ""
    missing: str = ""
    ended: bool = False
    # The fields a search may match: only those the member may see (a crew member must not
    # find a cast member by a phone number hidden from them).
    searchable: frozenset[str] = SEARCHABLE

    @classmethod
    def from_params(cls, params, *, membership) -> "PeopleFilter":
        kind = params.get("kind", Person.Kind.CREW)
        missing = params.get("missing", "")
        shown_kind = kind if kind in Person.Kind.values else Person.Kind.CREW
        if (
            missing not in MISSING_FILTERS
            or (missing in PRIVATE_MISSING and not membership.can(Cap.PEOPLE_PRIVATE))
            or (
                missing in ("phone", "email")
                and not can_see(membership, kind=shown_kind, name=missing)
            )
        ):
            # Who lacks a number hidden from this member is itself hidden.
            missing = ""
        return cls(
            kind=kind if kind in Person.Kind.values else Person.Kind.CREW,
            q=text_param(params.get("q")),
            department=id_param(params.get("department")),
            status=params.get("status", "") if params.get("status") in Person.Status.values else "",
            union=text_param(params.get("union"), 60),
            missing=missing,
            ended=params.get("ended") == "1",
            searchable=frozenset(
                name
                for name in SEARCHABLE
                if can_see(
                    membership,
                    kind=kind if kind in Person.Kind.values else Person.Kind.CREW,
                    name=name,
                )
            ),
        )

    def as_query(self) -> dict:
        """The non-default filters, for export links that must print what the screen shows."""
        values = {
            "kind": self.kind,
            "q": self.q,
            "department": self.department or "",
            "status": self.status,
            "union": self.union,
            "missing": self.missing,
            "ended": "1" if self.ended else "",
        }
        return {key: value for key, value in values.items() if value}

    def describe(self, departments) -> str:
        parts = []
        if self.department:
            parts += [d.name for d in departments if d.pk == self.department]
        if self.status:
            parts.append(Person.Status(self.status).label)
        if self.union:
            parts.append("Non-union" if self.union == "non-union" else self.union)
        if self.missing:
            parts.append(MISSING_FILTERS[self.missing][0])
        if self.ended:
            parts.append("past their end date")
        if self.q:
            parts.append(f"matching “{self.q}”")
        return ", ".join(parts)


def people_filtered(*, production: Production, filters: PeopleFilter, today: date) -> list[Person]:
    """The list on screen (and in every export of it), in list order."""
    people = list(_people_query(production=production, filters=filters, today=today))
    if filters.kind == Person.Kind.CREW:
        people.sort(key=crew_order)
    return people


def crew_order(person: Person):
    """Department order, then the head, then by rank of position, then by name."""
    department = person.department
    return (
        department is None,
        department.order if department else 0,
        department.name if department else "",
        not person.is_department_head,
        position_rank(person.position),
        person.position.lower(),
        person.last_name.lower(),
        person.first_name.lower(),
    )


def _people_query(*, production: Production, filters: PeopleFilter, today: date) -> QuerySet:
    people = (
        Person.objects.active()
        .filter(production=production, kind=filters.kind)
        .select_related("department")
    )
    phones = [name for name in ("phone", "phone_other") if name in filters.searchable]
    if (
        filters.q
        and sum(c.isdigit() for c in filters.q) >= 7
        and not re.search(r"[a-wyz@]", filters.q, re.I)
    ):
        # A phone number however typed: the list stores them in one format.
        match = Q(pk__in=[])
        for name in phones:
            match |= Q(**{name: format_phone(filters.q)}) | Q(**{f"{name}__icontains": filters.q})
        people = people.filter(match)
    elif filters.q:
        for word in filters.q.split():
            match = Q(department__name__icontains=word)
            for name in filters.searchable:
                match |= Q(**{f"{name}__icontains": word})
            people = people.filter(match)
    if filters.department:
        people = people.filter(department_id=filters.department)
    if filters.status:
        people = people.filter(status=filters.status)
    if filters.union == "non-union":
        people = people.filter(union="")
    elif filters.union:
        people = people.filter(Q(union__iexact=filters.union) | Q(local__iexact=filters.union))
    if filters.missing:
        people = people.filter(MISSING_FILTERS[filters.missing][1])
    if filters.ended:
        people = people.filter(end_date__lt=today).exclude(status=Person.Status.WRAPPED)
    return people.order_by("cast_number", "last_name", "first_name")


@dataclass
class DepartmentGroup:
    department: Department | None
    people: list[Person] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.department.name if self.department else "No department"


def group_by_department(people) -> list[DepartmentGroup]:
    """People in list order, grouped under their department (already in crew_order)."""
    groups: list[DepartmentGroup] = []
    for person in people:
        if not groups or groups[-1].department != person.department:
            groups.append(DepartmentGroup(person.department))
        groups[-1].people.append(person)
    return groups


@dataclass
class AttentionItem:
    count: int
    text: str
    query: str  # the crew/cast list filter that shows them


def production_dashboard(*, production: Production, today: date, membership) -> dict:
    people = Person.objects.active().filter(production=production)
    totals = people.aggregate(
        crew=Count("pk", filter=Q(kind=Person.Kind.CREW)),
        cast=Count("pk", filter=Q(kind=Person.Kind.CAST)),
        no_phone=Count("pk", filter=Q(phone="")),
        no_email=Count("pk", filter=Q(email="")),
        no_department=Count("pk", filter=MISSING_FILTERS["department"][1]),
        no_cast_number=Count("pk", filter=MISSING_FILTERS["cast_number"][1]),
        no_emergency=Count("pk", filter=Q(kind=Person.Kind.CREW, emergency_phone="")),
        ended=Count("pk", filter=Q(end_date__lt=today) & ~Q(status=Person.Status.WRAPPED)),
        starting=Count(
            "pk", filter=Q(start_date__gte=today, start_date__lt=today + timedelta(days=7))
        ),
    )
    departments = list(
        production.departments.annotate(
            crew=Count("people", filter=Q(people__deleted_at__isnull=True))
        ).order_by("order", "name")
    )
    heads = list(
        people.filter(kind=Person.Kind.CREW, is_department_head=True)
        .select_related("department")
        .order_by("department__order", "last_name")
    )
    vendors = Vendor.objects.active().filter(production=production)
    vendor_totals = vendors.aggregate(
        total=Count("pk", distinct=True),
        no_contact=Count("pk", filter=Q(contacts__isnull=True), distinct=True),
    )
    attention = [
        AttentionItem(totals["no_phone"], "without a mobile phone", "missing=phone"),
        AttentionItem(totals["no_email"], "without an e-mail address", "missing=email"),
        AttentionItem(totals["no_department"], "crew without a department", "missing=department"),
        AttentionItem(
            totals["no_cast_number"], "cast without a cast ID", "kind=cast&missing=cast_number"
        ),
        AttentionItem(
            totals["no_emergency"] if membership.can(Cap.PEOPLE_PRIVATE) else 0,
            "crew without an emergency contact",
            "missing=emergency",
        ),
        AttentionItem(totals["ended"], "past their end date but not marked wrapped", "ended=1"),
    ]
    open_invitations = [
        i
        for i in production.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        if i.is_open
    ]
    recent = (
        AuditEvent.objects.filter(production=production).select_related("actor")[:8]
        if membership.can(Cap.AUDIT_VIEW)
        else []
    )
    return {
        "today": today,
        "phase": production.phase_on(today),
        "totals": totals,
        "departments": departments,
        "max_department": max((d.crew for d in departments), default=0),
        "heads": heads,
        "vendor_totals": vendor_totals,
        "attention": [item for item in attention if item.count],
        "open_invitations": open_invitations,
        "recent": recent,
    }


def is_own_person(user, person: Person) -> bool:
    """Whether this login is this person: linked to their list entry, or carrying the same
    e-mail (either is enough, so unlinking an entry never hides someone's own record)."""
    if user is None or user.pk is None:
        return False
    if person.account_id == user.pk:
        return True
    email = (user.email or "").strip().casefold()
    return bool(email) and email == (person.email or "").strip().casefold()


def own_people(user, production: Production) -> QuerySet:
    """The list entries on this production that are this login."""
    email = (user.email or "").strip()
    match = Q(account=user) | (Q(email__iexact=email) if email else Q(pk__in=[]))
    return Person.objects.active().filter(match, production=production)


def employment_ended(person: Person, today) -> bool:
    """Removed from the list, wrapped, or past their end date: the links made for them (call
    sheets, scripts, calendar) stop, checked again each time one is opened."""
    return bool(
        person.deleted_at
        or person.status == Person.Status.WRAPPED
        or (person.end_date and person.end_date < today)
    )
