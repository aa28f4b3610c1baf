"""Reads for script versions and their distributions."""

from __future__ import annotations

from django.db.models import Count, Max, Min

from callboard.core.models import Production
from callboard.distribution.models import Delivery, Dispatch

from . import sending
from .errors import ScriptError
from .models import DEFAULT_REVISION_COLOURS, Distribution, ScriptCopy, ScriptVersion
from .reading import changed_lines, read_script


def revision_colours(production: Production) -> list[str]:
    return production.revision_colours or DEFAULT_REVISION_COLOURS


def next_colour(production: Production) -> str:
    """The colour after the latest version's, in the production's order (White first)."""
    colours = revision_colours(production)
    latest = production.script_versions.first()
    if latest is None or latest.colour not in colours:
        return colours[0]
    return colours[(colours.index(latest.colour) + 1) % len(colours)]


def revised_lines(production: Production, script) -> set[tuple[int, int]]:
    """Lines to asterisk: those not in the same scene of the latest earlier Fountain/FDX version."""
    previous = production.script_versions.exclude(source_format=ScriptVersion.Format.PDF).first()
    if previous is None or script.format == "pdf":
        return set()
    try:
        with previous.source.open("rb") as source:
            earlier = read_script(previous.source_name, source.read())
    except (ScriptError, OSError):
        return set()  # the earlier file cannot be read again: no asterisks rather than no import
    return changed_lines(earlier, script)


def distribution_dispatch(distribution: Distribution) -> Dispatch | None:
    """The send that carries a distribution's copies (none for one sent before sends were
    tracked by distribution: its own status says how it went)."""
    return Dispatch.objects.filter(
        production=distribution.version.production, kind=sending.KIND, object_id=distribution.pk
    ).first()


def distribution_copies(distribution: Distribution, dispatch: Dispatch | None) -> list[ScriptCopy]:
    """Each copy with its openings (``opens``, ``first_open``, ``last_open``) and its message
    (``delivery``: sent, bounced, failed; None before sends were tracked)."""
    copies = list(
        distribution.copies.select_related("person", "grant").annotate(
            opens=Count("accesses"), first_open=Min("accesses__at"), last_open=Max("accesses__at")
        )
    )
    deliveries = (
        {d.person_id: d for d in Delivery.objects.filter(dispatch=dispatch)} if dispatch else {}
    )
    for copy in copies:
        copy.delivery = deliveries.get(copy.person_id)
    return copies
