"""The binder's writes: asking for a build (the worker makes it) and filing a release or
agreement that no app makes."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from callboard.core.audit import audit_record
from callboard.documents.uploads import UploadError, check_upload

from ..models import Binder, WrapDocument
from .queries import may_build
from .sections import SECTIONS, sections_for

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


class BinderError(ValueError):
    """What is asked cannot be done; the message says why."""


@transaction.atomic
def binder_request(*, production, membership, actor, edition: str, sections: list[str]) -> Binder:
    """A new build of ``edition`` with the ticked sections (in binder order), made by the
    worker; earlier builds are kept."""
    if edition not in Binder.Edition.values:
        raise BinderError("Choose an edition: studio, accounting, payroll or office.")
    if not may_build(membership, edition):
        raise BinderError(
            f"The {Binder.Edition(edition).label.lower()} edition holds the signed start "
            "packets: only payroll may build it."
        )
    possible = [s.key for s in sections_for(edition)]
    unknown = [k for k in sections if k not in possible]
    if unknown:
        raise BinderError("A section asked for is not part of this edition.")
    chosen = [k for k in possible if k in sections]
    if not chosen:
        raise BinderError("Tick at least one section.")
    refused = [
        SECTIONS[k].title for k in chosen if not all(membership.can(c) for c in SECTIONS[k].caps)
    ]
    if refused:
        raise BinderError(f"Your role does not read: {', '.join(refused)}.")
    binder = Binder.objects.create(
        production=production, edition=edition, sections=chosen, built_by=actor
    )
    audit_record(
        actor=actor,
        production=production,
        action="wrap.binder_request",
        obj=binder,
        changes={"edition": edition, "sections": chosen},
    )
    from .tasks import binder_build  # the task module imports the sections' apps

    transaction.on_commit(lambda: binder_build.enqueue(binder_id=binder.pk))
    return binder


@transaction.atomic
def wrap_document_add(
    *, production, actor, kind: str, title: str, name: str, data: bytes
) -> WrapDocument:
    """An appearance or materials release (or another agreement) on file: a real PDF, JPEG or
    PNG (what the bytes are, not what the name says), up to 25 MB."""
    if kind not in WrapDocument.Kind.values:
        raise BinderError("Choose what the document is.")
    title = title.strip()
    if not title:
        raise BinderError("Give the document a title (who or what it releases).")
    if len(title) > 200:
        raise BinderError("The title is longer than 200 characters.")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise BinderError(f"The file is {len(data) // 1024 // 1024} MB; up to 25 MB is taken.")
    try:
        checked = check_upload(data)
    except UploadError as exc:
        raise BinderError(str(exc)) from exc
    document = WrapDocument(
        production=production,
        kind=kind,
        title=title,
        original_name=name[:255] or f"document.{checked.extension}",
        content_type=checked.content_type,
        size=len(checked.data),
        uploaded_by=actor,
    )
    document.file.save(f"{kind}.{checked.extension}", ContentFile(checked.data), save=False)
    document.save()
    audit_record(
        actor=actor,
        production=production,
        action="wrap.document_add",
        obj=document,
        changes={"kind": kind, "title": title, "name": document.original_name},
    )
    return document
