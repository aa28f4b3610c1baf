"""Writes for script versions. Each function is one transaction and audited."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from callboard.core.audit import audit_record
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, Production
from callboard.distribution.services import dispatch_create, link_opened

from . import sending
from .errors import ScriptError
from .locking import renumber_to_locked
from .models import CopyAccess, Distribution, Scene, ScriptCopy, ScriptVersion
from .queries import revised_lines
from .reading import read_script
from .scenes import Scene as ReadScene


def check_script_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ScriptError(
            f"The file is {size / 1024 / 1024:.0f} MB; scripts up to "
            f"{max_bytes // 1024 // 1024} MB can be imported."
        )


def script_version_import(
    *,
    actor,
    production: Production,
    filename: str,
    data: bytes,
    colour: str,
    revision_date: date,
    max_bytes: int,
    notes: str = "",
) -> ScriptVersion:
    """Read, paginate and store a new version; a file that cannot be read raises ScriptError
    and changes nothing (the previous version stays the current one)."""
    check_script_size(len(data), max_bytes)
    script = read_script(filename, data)
    stored: list[tuple[ReadScene, int | None]] = [
        (scene, i) for i, scene in enumerate(script.scenes)
    ]
    locked = production.script_versions.filter(locked_at__isnull=False).first()
    if locked is not None and not script.numbered:
        stored = renumber_to_locked(
            [(s.number, s.heading, s.omitted) for s in locked.scenes.all()], script.scenes
        )
        for scene, index in stored:
            if index is not None:
                script.scenes[index].number = scene.number  # the rendition prints the kept numbers
    label = f"{colour} Revision — {revision_date:%m/%d/%y}" if colour != "White" else ""
    pdf = script.pdf(
        data, revision=label, starred=revised_lines(production, script) if label else frozenset()
    )
    stem = slugify(f"{script.title or production.title} {colour} {revision_date:%Y-%m-%d}")[:80]
    with transaction.atomic():
        version = ScriptVersion(
            production=production,
            title=script.title[:300],
            colour=colour,
            revision_date=revision_date,
            source_format=script.format,
            source_name=filename[:255],
            page_count=script.page_count,
            page_labels=script.page_labels,
            notes=notes,
            uploaded_by=actor,
        )
        version.source.save(f"{stem}-source{_suffix(filename)}", ContentFile(data), save=False)
        version.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        version.save()
        Scene.objects.bulk_create(
            [
                Scene(
                    version=version,
                    order=order,
                    number=s.number,
                    heading=s.heading[:300],
                    int_ext=s.int_ext,
                    set_name=s.set[:200],
                    time_of_day=s.time[:40],
                    page_start=s.page_start,
                    page_end=s.page_end,
                    eighths=s.eighths,
                    characters=s.characters,
                    synopsis=s.synopsis[:300],
                    omitted=s.omitted,
                    digest=s.digest,
                    bands=[
                        [b.page, round(b.top, 1), round(b.bottom, 1)]
                        for b in script.bands.get(index, [])
                    ]
                    if index is not None
                    else [],
                )
                for order, (s, index) in enumerate(stored)
            ]
        )
        audit_record(
            actor=actor,
            production=production,
            action=AuditEvent.Action.CREATE,
            obj=version,
            changes={
                "file": [None, filename],
                "scenes": [None, len(stored)],
                "pages": [None, script.page_count],
            },
        )
    return version


def _suffix(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else ""


COPY_LINK = "script.copy"


@transaction.atomic
def script_distribute(
    *, actor, version: ScriptVersion, people, valid_days: int, message: str = ""
) -> Distribution:
    """One watermarked copy and personal link per person with an e-mail: each a delivery of
    one dispatch, the copy made and sent by the worker once this commits."""
    recipients = {person.pk: person for person in people if person.email}
    if not recipients:
        raise ScriptError("None of the chosen people has an e-mail address.")
    expires = timezone.now() + timedelta(days=valid_days)
    distribution = Distribution.objects.create(
        version=version, message=message, expires_at=expires, created_by=actor
    )
    grants = {}
    for person in recipients.values():
        grants[person.pk], _ = link_grant_create(
            production=version.production,
            purpose=COPY_LINK,
            subject=person,
            created_by=actor,
            valid_for=timedelta(days=valid_days),
        )
        ScriptCopy.objects.create(
            distribution=distribution,
            person=person,
            grant=grants[person.pk],
            watermark=person.full_name.upper()[:200],
        )
    audit_record(
        actor=actor,
        production=version.production,
        action=AuditEvent.Action.CREATE,
        obj=distribution,
        changes={"version": [None, str(version)], "recipients": [None, len(recipients)]},
    )
    # One send per distribution: a retried task sends each copy once.
    dispatch_create(
        actor=actor,
        production=version.production,
        kind=sending.KIND,
        object_id=distribution.pk,
        key=f"{sending.KIND}-{distribution.pk}",
        subject=f"{version.production.title}: {version.colour} script",
        people=list(recipients.values()),
        grants=grants,
    )
    return distribution


@transaction.atomic
def script_copy_revoke(*, actor, copy: ScriptCopy) -> None:
    link_grant_revoke(grant=copy.grant)
    audit_record(
        actor=actor,
        production=copy.distribution.version.production,
        action=AuditEvent.Action.DELETE,
        obj=copy,
    )


def script_copy_opened(*, copy: ScriptCopy, ip: str | None, user_agent: str) -> None:
    """A recipient opened their copy by its link: logged for the office, and their delivery
    counts as opened."""
    link_opened(grant=copy.grant)
    CopyAccess.objects.create(copy=copy, ip=ip, user_agent=user_agent[:300])


@transaction.atomic
def script_version_lock(*, actor, version: ScriptVersion) -> None:
    """From now on, new drafts keep this version's scene numbers (A-numbers, OMITTED)."""
    version.locked_at = timezone.now()
    version.save(update_fields=["locked_at", "updated_at"])
    audit_record(
        actor=actor,
        production=version.production,
        action=AuditEvent.Action.UPDATE,
        obj=version,
        changes={"scene numbers": [None, "locked"]},
    )
