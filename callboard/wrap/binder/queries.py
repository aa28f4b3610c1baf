"""Reads for the binder's page: the editions and their sections as a member may choose them,
who may read a binder, the builds and the uploads on file."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Binder, WrapDocument
from .sections import EDITION_CAPS, EDITION_DEFAULTS, SECTIONS, Section, sections_for


def edition_caps(edition: str, keys) -> set:
    """What building or reading an edition with these sections takes."""
    caps = set(EDITION_CAPS.get(edition, ()))
    for key in keys:
        section = SECTIONS.get(key)
        if section is not None:
            caps.update(section.caps)
    return caps


def may_read(membership, binder: Binder) -> bool:
    return all(membership.can(cap) for cap in edition_caps(binder.edition, binder.sections))


def may_build(membership, edition: str) -> bool:
    return all(membership.can(cap) for cap in EDITION_CAPS.get(edition, ()))


@dataclass
class Choice:
    section: Section
    checked: bool
    allowed: bool


def edition_choices(membership, edition: str) -> list[Choice]:
    """Each section the edition may hold, ticked by default, greyed where the member may not
    read it."""
    defaults = EDITION_DEFAULTS.get(edition, ())
    choices = []
    for section in sections_for(edition):
        allowed = all(membership.can(cap) for cap in section.caps)
        choices.append(Choice(section, allowed and section.key in defaults, allowed))
    return choices


def binders(production):
    return Binder.objects.filter(production=production).select_related("built_by")


def latest_binder(production) -> Binder | None:
    return binders(production).first()


def wrap_documents(production):
    return WrapDocument.objects.filter(production=production).select_related("uploaded_by")


def section_titles(binder: Binder) -> list[str]:
    return [SECTIONS[k].title for k in binder.sections if k in SECTIONS]
