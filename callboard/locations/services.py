"""Writes for locations. Each function is one transaction and audited."""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.models import AuditEvent
from callboard.documents.uploads import UploadError, check_upload
from callboard.schedule.models import Ucid

from .coordinates import CoordinatesError, checked
from .models import Candidate, Location, LocationDocument, Permit

EDITABLE = [
    "name",
    "address",
    "latitude",
    "longitude",
    "contact_name",
    "contact_phone",
    "contact_email",
    "owner",
    "basecamp",
    "crew_parking",
    "hospital_name",
    "hospital_address",
    "hospital_phone",
    "restrooms",
    "power",
    "notes",
    "needs_permit",
    "airport_transfer_minutes",
]

Status = Location.Status
# Where a location may go from each status: scouting comes before confirming, and a released
# place comes back only by being confirmed again (a reshoot).
NEXT_STATUSES: dict[str, frozenset[str]] = {
    Status.NEEDS_SCOUTING: frozenset({Status.SCOUTED}),
    Status.SCOUTED: frozenset({Status.CONFIRMED, Status.NEEDS_SCOUTING}),
    Status.CONFIRMED: frozenset({Status.RELEASED, Status.SCOUTED}),
    Status.RELEASED: frozenset({Status.CONFIRMED}),
}
# A permit must be a PDF; a photo is a photo; an agreement or certificate may be either
# (a phone picture of the signed page is common).
PDF = "application/pdf"
TAKES = {
    LocationDocument.Kind.PHOTO: "image",
    LocationDocument.Kind.AGREEMENT: "any",
    LocationDocument.Kind.INSURANCE: "any",
    LocationDocument.Kind.OTHER: "any",
}


class LocationError(ValueError):
    """A step that cannot be taken; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def _checked_fields(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"cannot set {', '.join(sorted(unknown))} on a location")
    problems = []
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            problems.append("Give the location a name.")
    if "latitude" in fields or "longitude" in fields:
        try:
            pair = checked(fields.get("latitude"), fields.get("longitude"))
        except CoordinatesError as exc:
            problems.append(str(exc))
        else:
            fields["latitude"], fields["longitude"] = pair or (None, None)
    if problems:
        raise LocationError("Nothing was saved.", problems)
    return fields


@transaction.atomic
def location_create(*, actor, production, name: str, **fields) -> Location:
    fields = _checked_fields({"name": name, **fields})
    location = Location.objects.create(production=production, **fields)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=location,
        changes=snapshot(location, list(fields)),
    )
    return location


@transaction.atomic
def location_update(*, actor, location: Location, **fields) -> Location:
    fields = _checked_fields(fields)
    location = Location.objects.select_for_update().get(pk=location.pk)
    before = snapshot(location, list(fields))
    for name, value in fields.items():
        setattr(location, name, value)
    location.save()
    changes = diff(before, snapshot(location, list(fields)))
    if changes:
        audit_record(
            actor=actor,
            production=location.production,
            action=AuditEvent.Action.UPDATE,
            obj=location,
            changes=changes,
        )
    return location


@transaction.atomic
def location_status_set(*, actor, location: Location, status: str) -> Location:
    location = Location.objects.select_for_update().get(pk=location.pk)
    if status == location.status:
        return location
    if status not in NEXT_STATUSES:
        raise LocationError(f"“{status[:30]}” is not a location status.")
    if status not in NEXT_STATUSES[location.status]:
        allowed = " or ".join(
            str(Status(s).label).lower() for s in sorted(NEXT_STATUSES[location.status])
        )
        raise LocationError(
            f"{location.name} is {location.get_status_display().lower()}: it can go to "
            f"{allowed} next, not {Status(status).label.lower()}."
        )
    before = location.status
    location.status = status
    location.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        production=location.production,
        action=AuditEvent.Action.UPDATE,
        obj=location,
        changes={"status": [before, status]},
    )
    return location


@transaction.atomic
def location_remove(*, actor, location: Location) -> None:
    """Soft: the location leaves the lists and stops being any set's choice; the audit keeps it."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    location.deleted_at = timezone.now()
    location.save(update_fields=["deleted_at", "updated_at"])
    location.candidates.filter(chosen=True).update(chosen=False)
    audit_record(
        actor=actor, production=location.production, action=AuditEvent.Action.DELETE, obj=location
    )


def _price(price: Decimal | None) -> Decimal | None:
    if price is None:
        return None
    if price < 0:
        raise LocationError("A price is not below zero.")
    if price >= Decimal("10000000000"):
        raise LocationError("That price is too large to be a location fee.")
    return price.quantize(Decimal("0.01"))


@transaction.atomic
def candidate_add(
    *, actor, location: Location, element, price: Decimal | None, price_note: str = ""
) -> Candidate:
    """Consider the location for a set (a schedule set or location element), at its price; the
    same pair again updates the price."""
    if element.production_id != location.production_id:
        raise LocationError("Choose one of this production's sets.")
    if element.category is None or element.category.ucid not in (Ucid.SET, Ucid.LOCATION):
        raise LocationError(f"{element.name} is not a set or a location on the schedule.")
    candidate, created = Candidate.objects.update_or_create(
        element=element,
        location=location,
        defaults={
            "production": location.production,
            "price": _price(price),
            "price_note": price_note.strip()[:200],
        },
    )
    audit_record(
        actor=actor,
        production=location.production,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=candidate,
        changes={"price": str(candidate.price or ""), "note": candidate.price_note},
    )
    return candidate


@transaction.atomic
def candidate_choose(*, actor, candidate: Candidate) -> Candidate:
    """This candidate becomes the set's one choice; whichever was chosen before is not."""
    if candidate.location.deleted_at is not None:
        raise LocationError(f"{candidate.location} was removed: it cannot be chosen.")
    previous = list(
        Candidate.objects.select_for_update()
        .filter(element_id=candidate.element_id, chosen=True)
        .exclude(pk=candidate.pk)
    )
    Candidate.objects.filter(pk__in=[c.pk for c in previous]).update(chosen=False)
    Candidate.objects.filter(pk=candidate.pk).update(chosen=True)
    candidate.chosen = True
    audit_record(
        actor=actor,
        production=candidate.production,
        action=AuditEvent.Action.UPDATE,
        obj=candidate,
        changes={"chosen": [", ".join(str(c.location) for c in previous), str(candidate.location)]},
    )
    return candidate


@transaction.atomic
def candidate_remove(*, actor, candidate: Candidate) -> None:
    audit_record(
        actor=actor,
        production=candidate.production,
        action=AuditEvent.Action.DELETE,
        obj=candidate,
        changes={"price": str(candidate.price or ""), "chosen": candidate.chosen},
    )
    candidate.delete()


def _stored(data: bytes, *, takes: str, what: str):
    """The upload checked (a real PDF, JPEG or PNG, within the size limit) and of the kind taken."""
    try:
        stored = check_upload(data)
    except UploadError as exc:
        raise LocationError(f"{what}: {exc}") from exc
    if takes == "pdf" and stored.content_type != PDF:
        raise LocationError(f"{what}: send the PDF, not a photo.")
    if takes == "image" and not stored.content_type.startswith("image/"):
        raise LocationError(f"{what}: a photo is a JPEG or PNG picture, not a PDF.")
    return stored


def _dates_in_order(first: date | None, last: date | None, what: str) -> None:
    if first and last and last < first:
        raise LocationError(
            f"{what} ends ({last:%b %-d, %Y}) before it starts ({first:%b %-d, %Y})."
        )


@transaction.atomic
def document_add(
    *,
    actor,
    location: Location,
    kind: str,
    filename: str,
    data: bytes,
    title: str = "",
    starts: date | None = None,
    ends: date | None = None,
) -> LocationDocument:
    if kind not in TAKES:
        raise LocationError("Say what the document is: agreement, insurance, photo or other.")
    label = LocationDocument.Kind(kind).label
    _dates_in_order(starts, ends, f"The {label.lower()}")
    stored = _stored(data, takes=TAKES[kind], what=label)
    document = LocationDocument(
        location=location,
        kind=kind,
        title=title.strip()[:200],
        original_name=(filename or f"{kind}.{stored.extension}")[-255:],
        content_type=stored.content_type,
        starts=starts,
        ends=ends,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    document.file.save(
        f"{kind}-{uuid.uuid4().hex[:12]}.{stored.extension}", ContentFile(stored.data), save=False
    )
    document.save()
    audit_record(
        actor=actor,
        production=location.production,
        action=AuditEvent.Action.CREATE,
        obj=document,
        changes={
            "file": document.original_name,
            "starts": str(starts or ""),
            "ends": str(ends or ""),
        },
    )
    return document


@transaction.atomic
def document_remove(*, actor, document: LocationDocument) -> None:
    document.deleted_at = timezone.now()
    document.save(update_fields=["deleted_at"])
    audit_record(
        actor=actor,
        production=document.location.production,
        action=AuditEvent.Action.DELETE,
        obj=document,
        changes={"file": document.original_name},
    )


@transaction.atomic
def permit_add(
    *,
    actor,
    location: Location,
    first_day: date | None,
    last_day: date | None,
    number: str = "",
    issuer: str = "",
    opens: time | None = None,
    closes: time | None = None,
    notes: str = "",
    pdf: tuple[str, bytes] | None = None,
) -> Permit:
    problems = []
    if first_day is None:
        problems.append("Give the permit's first day.")
    if last_day is None:
        problems.append("Give the permit's last day.")
    if (opens is None) != (closes is None):
        problems.append("Give the permitted hours both ways (from and until), or neither.")
    if problems:
        raise LocationError("Nothing was saved.", problems)
    _dates_in_order(first_day, last_day, "The permit")
    stored = _stored(pdf[1], takes="pdf", what="The permit") if pdf else None
    permit = Permit(
        location=location,
        number=number.strip()[:60],
        issuer=issuer.strip()[:200],
        first_day=first_day,
        last_day=last_day,
        opens=opens,
        closes=closes,
        notes=notes.strip(),
    )
    if stored is not None:
        permit.pdf.save(f"permit-{uuid.uuid4().hex[:12]}.pdf", ContentFile(stored.data), save=False)
    permit.save()
    audit_record(
        actor=actor,
        production=location.production,
        action=AuditEvent.Action.CREATE,
        obj=permit,
        changes=snapshot(permit, ["number", "issuer", "first_day", "last_day", "opens", "closes"]),
    )
    return permit


@transaction.atomic
def permit_remove(*, actor, permit: Permit) -> None:
    permit.deleted_at = timezone.now()
    permit.save(update_fields=["deleted_at"])
    audit_record(
        actor=actor,
        production=permit.location.production,
        action=AuditEvent.Action.DELETE,
        obj=permit,
    )
