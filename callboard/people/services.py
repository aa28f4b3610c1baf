"""Writes for the cast, crew and vendor lists. Each function is one transaction and audited."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.links import link_grant_create, link_grant_revoke, link_grants_revoke
from callboard.core.models import AuditEvent, LinkGrant, Production
from callboard.distribution.services import dispatch_create

from .models import (
    STANDARD_DEPARTMENTS,
    STANDARD_VENDOR_CATEGORIES,
    Department,
    DistributionGroup,
    ImportBatch,
    Person,
    Vendor,
    VendorCategory,
    VendorContact,
)
from .phones import canonical_union, format_phone
from .queries import employment_ended
from .sending import DETAILS_LINK_DAYS
from .sending import KIND as DETAILS_LINK_KIND

PERSON_FIELDS = [
    "kind",
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "email",
    "phone",
    "phone_other",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_name",
    "emergency_relation",
    "emergency_phone",
    "department",
    "position",
    "is_department_head",
    "union",
    "local",
    "start_date",
    "end_date",
    "status",
    "character",
    "cast_number",
    "rate",
    "rate_unit",
    "notes",
    "minor_age",
]
VENDOR_FIELDS = [
    "name",
    "phone",
    "email",
    "website",
    "street",
    "city",
    "region",
    "postal_code",
    "account_number",
    "notes",
]


DETAILS_LINK = "person.details"


@transaction.atomic
def person_details_link_send(*, actor, person: Person) -> LinkGrant:
    """E-mail a person a link to check and correct their own contact details (no account needed).

    Earlier links for the same person stop working, so only the newest e-mail is live.
    """
    if not person.email:
        raise ValueError(f"{person} has no e-mail address to send the link to.")
    link_grants_revoke(
        production=person.production,
        subject_type="people.person",
        subject_ids=[person.pk],
        purposes=[DETAILS_LINK],
    )
    grant, _ = link_grant_create(
        production=person.production,
        purpose=DETAILS_LINK,
        subject=person,
        created_by=actor,
        valid_for=timedelta(days=DETAILS_LINK_DAYS),
    )
    production = person.production
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=grant,
        changes={"details link for": [None, person.full_name], "sent to": [None, person.email]},
    )
    # A tracked delivery carrying this grant: the worker sends it once this commits.
    dispatch_create(
        actor=actor,
        production=production,
        kind=DETAILS_LINK_KIND,
        object_id=person.pk,
        key=f"details-link-{grant.pk}",
        subject=f"{production.title}: please check your contact details",
        people=[person],
        grants={person.pk: grant},
    )
    return grant


@transaction.atomic
def person_details_link_revoke(*, actor, grant: LinkGrant) -> None:
    link_grant_revoke(grant=grant)
    audit_record(
        actor=actor, production=grant.production, action=AuditEvent.Action.DELETE, obj=grant
    )


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
    for name in ("phone", "phone_other", "emergency_phone"):
        setattr(person, name, format_phone(getattr(person, name)))
    person.union = canonical_union(person.union)
    if person.kind == Person.Kind.CAST:
        person.department = None
    else:
        person.character, person.cast_number = "", None


@transaction.atomic
def _texts_consent(person: Person, agreed: bool | None) -> None:
    """Record when the person agreed to texts (kept while they still agree)."""
    if agreed is None:
        return
    if not agreed:
        person.sms_opt_in_at = None
    elif person.sms_opt_in_at is None:
        person.sms_opt_in_at = timezone.now()


def person_create(
    *, actor, production: Production, sms_opt_in: bool | None = None, **fields
) -> Person:
    person = Person(production=production, **fields)
    _texts_consent(person, sms_opt_in)
    _normalise_person(person)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=person,
        changes={
            k: [None, v]
            for k, v in snapshot(person, PERSON_FIELDS).items()
            if v not in ("", None, False)
        },
    )
    return person


@transaction.atomic
def person_update(
    *, actor, person: Person, actor_label: str = "", sms_opt_in: bool | None = None, **fields
) -> Person:
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value)
    _texts_consent(person, sms_opt_in)
    _normalise_person(person)
    if person.email != before["email"]:
        person.email_bounced_at = None  # a new address gets a fresh chance
    person.full_clean()
    person.save()
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            actor_label=actor_label,
            production=person.production,
            action=AuditEvent.Action.UPDATE,
            obj=person,
            changes=changes,
        )
    if ({"status", "end_date"} & set(changes)) and employment_ended(
        person, person.production.today()
    ):
        # Their job is over: call sheets, scripts and the calendar feed stop; they may still
        # correct their details (for their tax forms).
        _links_end(actor=actor, person=person, keep=(DETAILS_LINK,))
    return person


def _soft_delete(*, actor, record) -> None:
    """The record leaves every list but stays in the audit trail, restorable."""
    record.deleted_at = timezone.now()
    record.save(update_fields=["deleted_at", "updated_at"])
    audit_record(
        actor=actor, production=record.production, action=AuditEvent.Action.DELETE, obj=record
    )


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    """Off every list, and every link made for them (call sheets, script and sides copies,
    calendar feed, details) stops at once. Their own time-card and paperwork links are not the
    person's subject: payroll ends those once their final pay is accepted."""
    _soft_delete(actor=actor, record=person)
    _links_end(actor=actor, person=person, keep=())


def _links_end(*, actor, person: Person, keep: tuple[str, ...]) -> None:
    revoked = link_grants_revoke(
        production=person.production,
        subject_type="people.person",
        subject_ids=[person.pk],
        keep_purposes=keep,
    )
    if revoked:
        audit_record(
            actor=actor,
            production=person.production,
            action=AuditEvent.Action.UPDATE,
            obj=person,
            changes={"links revoked": [None, revoked]},
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
def import_upload(
    *, actor, production: Production, kind: str, filename: str, table: dict
) -> ImportBatch:
    """Keep a read file until its columns are matched and its rows committed."""
    return ImportBatch.objects.create(
        production=production, uploaded_by=actor, kind=kind, filename=filename[:255], table=table
    )


def import_mapping_save(*, batch: ImportBatch, mapping: dict) -> None:
    """Remember the column matching chosen on the review page."""
    ImportBatch.objects.filter(pk=batch.pk).update(mapping=mapping)
    batch.mapping = mapping


class ImportAlreadyDone(Exception):
    pass


def _validate_related_once(people: list[Person], names: list[str]) -> None:
    """full_clean's checks of these foreign keys (a query each), once per distinct value."""
    every_field = [field.name for field in Person._meta.fields]
    for name in names:
        attname = Person._meta.get_field(name).attname
        exclude = [other for other in every_field if other != name]
        checked = set()
        for person in people:
            if (value := getattr(person, attname)) not in checked:
                checked.add(value)
                person.clean_fields(exclude=exclude)


@transaction.atomic
def import_commit(*, actor, batch: ImportBatch, rows: list[dict]) -> int:
    """Create every row or none, once: a second click or a second worker finds it done.

    Rows arrive checked against the production (importing.py); the database
    constraints are the last guard, and any failure rolls the whole file back.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PENDING:
        raise ImportAlreadyDone(
            f"{batch.filename} was already {batch.get_status_display().lower()}."
        )
    people = []
    related = ["production", "department"]
    for row in rows:
        person = Person(production=batch.production, kind=batch.kind, **row)
        _normalise_person(person)
        # Uniqueness and date order were checked row by row against the production;
        # per-row constraint queries would cost thousands of round trips. So would
        # checking that the production and department exist for every row: that is
        # done below, once for each distinct value.
        person.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
        people.append(person)
    _validate_related_once(people, related)
    Person.objects.bulk_create(people, batch_size=500)
    label = f"{actor} (import of {batch.filename})"
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                production=batch.production,
                actor=actor,
                actor_label=label[:200],
                action=AuditEvent.Action.IMPORT,
                object_type="person",
                object_id=person.pk,
                object_repr=str(person)[:300],
                changes={
                    k: [None, v]
                    for k, v in snapshot(person, PERSON_FIELDS).items()
                    if v not in ("", None, False)
                },
            )
            for person in people
        ],
        batch_size=500,
    )
    batch.status, batch.row_count, batch.table = ImportBatch.Status.COMMITTED, len(people), None
    batch.committed_at = timezone.now()
    batch.save(update_fields=["status", "row_count", "table", "committed_at"])
    return len(people)


@transaction.atomic
def import_discard(*, actor, batch: ImportBatch) -> None:
    batch.status, batch.table = ImportBatch.Status.DISCARDED, None
    batch.save(update_fields=["status", "table"])


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
    if department.name == before:
        return department
    department.full_clean()
    department.save(update_fields=["name"])
    audit_record(
        actor=actor,
        production=department.production,
        action=AuditEvent.Action.UPDATE,
        obj=department,
        changes={"name": [before, department.name]},
    )
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
    if i != j:
        audit_record(
            actor=actor,
            production=department.production,
            action=AuditEvent.Action.UPDATE,
            obj=department,
            changes={"position in list": [i + 1, j + 1]},
        )


class DepartmentInUse(Exception):
    pass


@transaction.atomic
def department_delete(*, actor, department: Department) -> None:
    in_use = department.people.filter(deleted_at__isnull=True).count()
    if in_use:
        raise DepartmentInUse(
            f"{department.name} still has {in_use} people. Move them to another department first."
        )
    if group := department.groups.first():
        raise DepartmentInUse(
            f"{department.name} is used by the distribution group “{group.name}”. "
            "Delete or change the group first."
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


def _vendor_state(vendor: Vendor) -> dict:
    return snapshot(vendor, VENDOR_FIELDS) | {
        "categories": sorted(c.name for c in vendor.categories.all()),
        "contacts": [
            " · ".join(p for p in (c.name, c.title, c.email, c.phone) if p)
            for c in vendor.contacts.all()
        ],
    }


def _save_vendor(vendor: Vendor, categories, contacts: list[dict], new_category: str) -> None:
    vendor.full_clean()
    vendor.save()
    categories = list(categories)
    if new_category.strip():
        category, _ = VendorCategory.objects.get_or_create(
            production=vendor.production, name=new_category.strip()
        )
        categories.append(category)
    vendor.categories.set(categories)
    # Contacts are edited in place (later records such as POs may point at them);
    # the first one listed is the main contact.
    existing = {contact.pk: contact for contact in vendor.contacts.all()}
    kept = []
    for position, data in enumerate(c for c in contacts if c.get("name")):
        contact = existing.get(data.get("id")) or VendorContact(vendor=vendor)
        for name in ("name", "title", "email", "phone"):
            setattr(contact, name, data.get(name, ""))
        contact.is_primary = position == 0
        contact.full_clean()
        contact.save()
        kept.append(contact.pk)
    vendor.contacts.exclude(pk__in=kept).delete()


@transaction.atomic
def vendor_create(
    *, actor, production: Production, categories=(), contacts=(), new_category: str = "", **fields
) -> Vendor:
    vendor = Vendor(production=production, **fields)
    _save_vendor(vendor, categories, list(contacts), new_category)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=vendor,
        changes={k: [None, v] for k, v in _vendor_state(vendor).items() if v not in ("", [], None)},
    )
    return vendor


@transaction.atomic
def vendor_update(
    *, actor, vendor: Vendor, categories=(), contacts=(), new_category: str = "", **fields
) -> Vendor:
    before = _vendor_state(vendor)
    for name, value in fields.items():
        setattr(vendor, name, value)
    _save_vendor(vendor, categories, list(contacts), new_category)
    if changes := diff(before, _vendor_state(vendor)):
        audit_record(
            actor=actor,
            production=vendor.production,
            action=AuditEvent.Action.UPDATE,
            obj=vendor,
            changes=changes,
        )
    return vendor


@transaction.atomic
def vendor_delete(*, actor, vendor: Vendor) -> None:
    _soft_delete(actor=actor, record=vendor)


@transaction.atomic
def group_save(
    *,
    actor,
    production: Production,
    group: DistributionGroup | None = None,
    name: str,
    kind: str,
    department: Department | None = None,
    members=(),
) -> DistributionGroup:
    created = group is None
    group = group or DistributionGroup(production=production)

    def state() -> dict:
        return {
            "name": group.name,
            "reaches": group.get_kind_display() if group.kind else "",
            "department": str(group.department or ""),
            "members": sorted(p.full_name for p in group.members.all()) if group.pk else [],
        }

    before = state()
    group.name, group.kind = name.strip(), kind
    group.department = department if kind == DistributionGroup.Kind.DEPARTMENT else None
    group.full_clean()
    group.save()
    if kind == DistributionGroup.Kind.CUSTOM:
        # Removed people are not offered on the form; keep them so a restore brings them back.
        removed = group.members.filter(deleted_at__isnull=False)
        group.members.set([*members, *removed])
    else:
        group.members.clear()
    if changes := diff(before, state()):
        audit_record(
            actor=actor,
            production=production,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            obj=group,
            changes=changes,
        )
    return group


@transaction.atomic
def group_delete(*, actor, group: DistributionGroup) -> None:
    audit_record(
        actor=actor, production=group.production, action=AuditEvent.Action.DELETE, obj=group
    )
    group.delete()


@transaction.atomic
def person_account_link(*, actor, person: Person, user) -> Person:
    """Tie a list entry to the login that is this person (or untie it with None): their own
    cards and packets are then theirs to fill and never theirs to approve."""
    if user is not None and not user.memberships.filter(production=person.production).exists():
        raise ValueError("Only a member of this production can be linked to its list.")
    before = person.account
    person.account = user
    person.save(update_fields=["account", "updated_at"])
    audit_record(
        actor=actor,
        production=person.production,
        action=AuditEvent.Action.UPDATE,
        obj=person,
        changes={"login": [str(before or ""), str(user or "")]},
    )
    return person
