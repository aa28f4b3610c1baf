"""Writes for the cast, crew and vendor lists. Each function is one transaction and audited."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.models import AuditEvent, Production

from .models import (
    STANDARD_DEPARTMENTS,
    STANDARD_VENDOR_CATEGORIES,
    Department,
    DistributionGroup,
    Person,
    Vendor,
    VendorCategory,
    VendorContact,
)

PERSON_FIELDS = [
    "kind", "first_name", "last_name", "preferred_name", "pronouns", "email", "phone",
    "phone_other", "street", "city", "region", "postal_code", "country", "emergency_name",
    "emergency_relation", "emergency_phone", "department", "position", "is_department_head",
    "union", "local", "start_date", "end_date", "status", "character", "cast_number", "rate",
    "rate_unit", "notes",
]  # fmt: skip
VENDOR_FIELDS = [
    "name", "phone", "email", "website", "street", "city", "region", "postal_code",
    "account_number", "notes",
]  # fmt: skip


def production_lists_seed(*, production: Production) -> None:
    """Standard departments, vendor categories and the three standing distribution groups."""
    Department.objects.bulk_create(
        [
            Department(production=production, name=name, order=i)
            for i, name in enumerate(STANDARD_DEPARTMENTS)
        ]
    )
    VendorCategory.objects.bulk_create(
        [VendorCategory(production=production, name=name) for name in STANDARD_VENDOR_CATEGORIES]
    )
    DistributionGroup.objects.bulk_create(
        [
            DistributionGroup(production=production, name=kind.label, kind=kind)
            for kind in (
                DistributionGroup.Kind.ALL_CREW,
                DistributionGroup.Kind.DEPARTMENT_HEADS,
                DistributionGroup.Kind.CAST,
            )
        ]
    )


def _normalise_person(person: Person) -> None:
    person.email = person.email.strip().lower()
    if person.kind == Person.Kind.CAST:
        person.department = None
    else:
        person.character, person.cast_number = "", None


@transaction.atomic
def person_create(*, actor, production: Production, **fields) -> Person:
    person = Person(production=production, **fields)
    _normalise_person(person)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=person,
        changes={k: [None, v] for k, v in snapshot(person, PERSON_FIELDS).items() if v not in ("", None, False)},
    )  # fmt: skip
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value)
    _normalise_person(person)
    person.full_clean()
    person.save()
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        audit_record(
            actor=actor, production=person.production, action=AuditEvent.Action.UPDATE,
            obj=person, changes=changes,
        )  # fmt: skip
    return person


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    """Soft delete: the person leaves every list but stays in the audit trail and can be restored."""
    person.deleted_at = timezone.now()
    person.save(update_fields=["deleted_at", "updated_at"])
    audit_record(
        actor=actor, production=person.production, action=AuditEvent.Action.DELETE, obj=person
    )


@transaction.atomic
def person_restore(*, actor, person: Person) -> Person:
    person.deleted_at = None
    person.full_clean()  # the e-mail or cast ID may have been taken since
    person.save(update_fields=["deleted_at", "updated_at"])
    audit_record(
        actor=actor, production=person.production, action=AuditEvent.Action.RESTORE, obj=person
    )
    return person


@transaction.atomic
def people_import(
    *, actor, production: Production, rows: list[dict], kind: str, filename: str
) -> int:
    """Create every row or none. Rows arrive validated; the database constraints are the last guard."""
    people = []
    for row in rows:
        person = Person(production=production, kind=kind, **row)
        _normalise_person(person)
        # Uniqueness and date order were checked row by row against the production
        # (importing.py); per-row constraint queries would cost thousands of round trips.
        person.full_clean(validate_unique=False, validate_constraints=False)
        people.append(person)
    Person.objects.bulk_create(people, batch_size=500)
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.IMPORT, obj=production,
        changes={"file": [None, filename], "people": [None, len(people)], "kind": [None, kind]},
    )  # fmt: skip
    return len(people)


@transaction.atomic
def department_create(*, actor, production: Production, name: str) -> Department:
    order = (production.departments.aggregate(m=Max("order"))["m"] or 0) + 1
    department = Department(production=production, name=name.strip(), order=order)
    department.full_clean()
    department.save()
    audit_record(
        actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=department
    )
    return department


@transaction.atomic
def department_rename(*, actor, department: Department, name: str) -> Department:
    before = department.name
    department.name = name.strip()
    department.full_clean()
    department.save(update_fields=["name"])
    audit_record(
        actor=actor, production=department.production, action=AuditEvent.Action.UPDATE,
        obj=department, changes={"name": [before, department.name]},
    )  # fmt: skip
    return department


@transaction.atomic
def department_move(*, actor, department: Department, offset: int) -> None:
    """Move a department up (-1) or down (+1) in the list order."""
    ordered = list(department.production.departments.all())
    i = ordered.index(department)
    j = max(0, min(len(ordered) - 1, i + offset))
    ordered.insert(j, ordered.pop(i))
    for position, each in enumerate(ordered):
        each.order = position
    Department.objects.bulk_update(ordered, ["order"])


class DepartmentInUse(Exception):
    pass


@transaction.atomic
def department_delete(*, actor, department: Department) -> None:
    in_use = department.people.filter(deleted_at__isnull=True).count()
    if in_use:
        raise DepartmentInUse(
            f"{department.name} still has {in_use} people. Move them to another department first."
        )
    audit_record(
        actor=actor,
        production=department.production,
        action=AuditEvent.Action.DELETE,
        obj=department,
    )
    # Soft-deleted people keep no hold on a department they can no longer appear in.
    department.people.update(department=None)
    department.delete()


def _save_vendor(vendor: Vendor, categories, contacts: list[dict]) -> None:
    vendor.full_clean()
    vendor.save()
    vendor.categories.set(categories)
    vendor.contacts.all().delete()
    VendorContact.objects.bulk_create(
        [VendorContact(vendor=vendor, **contact) for contact in contacts if contact.get("name")]
    )


@transaction.atomic
def vendor_create(*, actor, production: Production, categories=(), contacts=(), **fields) -> Vendor:
    vendor = Vendor(production=production, **fields)
    _save_vendor(vendor, categories, list(contacts))
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=vendor)
    return vendor


@transaction.atomic
def vendor_update(*, actor, vendor: Vendor, categories=(), contacts=(), **fields) -> Vendor:
    before = snapshot(vendor, VENDOR_FIELDS) | {
        "categories": sorted(c.name for c in vendor.categories.all()),
        "contacts": sorted(c.name for c in vendor.contacts.all()),
    }
    for name, value in fields.items():
        setattr(vendor, name, value)
    contacts = list(contacts)
    _save_vendor(vendor, categories, contacts)
    after = snapshot(vendor, VENDOR_FIELDS) | {
        "categories": sorted(c.name for c in categories),
        "contacts": sorted(c["name"] for c in contacts if c.get("name")),
    }
    if changes := diff(before, after):
        audit_record(
            actor=actor, production=vendor.production, action=AuditEvent.Action.UPDATE,
            obj=vendor, changes=changes,
        )  # fmt: skip
    return vendor


@transaction.atomic
def vendor_delete(*, actor, vendor: Vendor) -> None:
    vendor.deleted_at = timezone.now()
    vendor.save(update_fields=["deleted_at", "updated_at"])
    audit_record(
        actor=actor, production=vendor.production, action=AuditEvent.Action.DELETE, obj=vendor
    )


@transaction.atomic
def group_save(
    *, actor, production: Production, group: DistributionGroup | None = None,
    name: str, kind: str, department: Department | None = None, members=(),
) -> DistributionGroup:  # fmt: skip
    created = group is None
    group = group or DistributionGroup(production=production)
    group.name, group.kind = name.strip(), kind
    group.department = department if kind == DistributionGroup.Kind.DEPARTMENT else None
    group.full_clean()
    group.save()
    group.members.set(members if kind == DistributionGroup.Kind.CUSTOM else [])
    audit_record(
        actor=actor, production=production,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=group,
    )  # fmt: skip
    return group


@transaction.atomic
def group_delete(*, actor, group: DistributionGroup) -> None:
    audit_record(
        actor=actor, production=group.production, action=AuditEvent.Action.DELETE, obj=group
    )
    group.delete()
