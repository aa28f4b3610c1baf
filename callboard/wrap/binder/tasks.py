"""The binder, built by the worker section by section with its progress on the page. A section
that fails is named in the binder's contents and on the page; the rest are still built."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from ..models import Binder
from .render import BuiltSection, binder_pdf, binder_zip, cover_pdf
from .sections import SECTIONS

log = logging.getLogger(__name__)


def _cover(binder: Binder) -> dict:
    production = binder.production
    first = production.prep_start or production.shoot_start
    last = production.wrap_end or production.shoot_end
    dates = " – ".join(f"{d:%b} {d.day}, {d:%Y}" for d in (first, last) if d)
    if production.shoot_start and production.shoot_end:
        dates += (
            f" (shooting {production.shoot_start:%b} {production.shoot_start.day} – "
            f"{production.shoot_end:%b} {production.shoot_end.day}, {production.shoot_end:%Y})"
        )
    now = timezone.localtime(timezone=production.tzinfo)
    return {
        "production": {
            "title": production.title,
            "episode_line": production.episode_line,
            "company": production.company,
            "office_address": production.office_address,
            "office_phone": production.office_phone,
            "office_email": production.office_email,
        },
        "dates": dates or "Not set on the production",
        "edition": f"{binder.get_edition_display()} edition",
        "built_at": f"{now:%b} {now.day}, {now:%Y} {now:%-I:%M %p %Z}",
        "built_by": str(binder.built_by or "the office"),
    }


@task()
def binder_build(*, binder_id: int) -> None:
    binder = Binder.objects.select_related("production", "built_by").filter(pk=binder_id).first()
    if binder is None or binder.is_finished:
        return
    rows = Binder.objects.filter(pk=binder_id)
    rows.update(status=Binder.Status.RUNNING, started_at=timezone.now(), done_sections=0)
    built, failures = [], []
    for number, key in enumerate(binder.sections, start=1):
        section = SECTIONS[key]
        rows.update(current=section.title, done_sections=number - 1)
        part = BuiltSection(number, section.title)
        try:
            part.docs = section.build(binder.production)
        except Exception as exc:  # any one section's fault must not cost the others
            log.exception("Binder %s: section %s failed", binder_id, key)
            part.failed = str(exc)[:200] or exc.__class__.__name__
            failures.append({"key": key, "title": section.title, "error": part.failed})
        built.append(part)
    rows.update(current="Contents and bookmarks", done_sections=len(binder.sections))
    try:
        cover = cover_pdf(_cover(binder), built)
        pdf, pages = binder_pdf(cover, built)
        archive = binder_zip(cover, built)
    except Exception as exc:
        log.exception("Binder %s could not be put together", binder_id)
        rows.update(
            status=Binder.Status.FAILED,
            failures=failures,
            error=(str(exc) or exc.__class__.__name__)[:300],
            current="",
            finished_at=timezone.now(),
        )
        return
    stem = f"{binder.production.slug}-wrap-binder-{binder.edition}-{binder.pk}"
    binder.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    binder.zip.save(f"{stem}.zip", ContentFile(archive), save=False)
    rows.update(
        pdf=binder.pdf.name,
        zip=binder.zip.name,
        page_count=pages,
        document_count=sum(len(p.docs) for p in built),
        failures=failures,
        status=Binder.Status.DONE,
        current="",
        finished_at=timezone.now(),
    )
