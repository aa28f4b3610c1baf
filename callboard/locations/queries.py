"""Reads for locations: the list with what needs attention, the sets and their candidates,
and the confirmed places a shoot day is at (for its call sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from callboard.schedule.models import Element, Ucid

from .models import Candidate, Location, LocationDocument, Permit
from .permits import PermitTerms, PlacePermits

# A certificate of insurance this close to its expiry is flagged on the list.
COI_WARNING_DAYS = 14
SET_UCIDS = (Ucid.SET, Ucid.LOCATION)


def active_locations(production):
    """The production's locations, with their chosen sets, live permits and documents."""
    return (
        Location.objects.active()
        .filter(production=production)
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=Candidate.objects.select_related("element").order_by("element__name"),
            ),
            Prefetch("permits", queryset=Permit.objects.filter(deleted_at__isnull=True)),
            Prefetch(
                "documents", queryset=LocationDocument.objects.filter(deleted_at__isnull=True)
            ),
        )
    )


def coi_standing(location: Location, today: date) -> tuple[str, str]:
    """('missing' | 'lapsed' | 'soon' | 'ok', words) for the owner's certificate of insurance:
    the one on file that runs longest. Reads the prefetched documents."""
    expiries = [
        d.ends for d in location.documents.all() if d.kind == LocationDocument.Kind.INSURANCE
    ]
    if not expiries:
        return "missing", "no certificate of insurance"
    if None in expiries:
        return "ok", "certificate of insurance on file (no expiry given)"
    expires = max(expiries)
    days = (expires - today).days
    if days < 0:
        return "lapsed", f"insurance lapsed {expires:%b %-d, %Y}"
    if days <= COI_WARNING_DAYS:
        return (
            "soon",
            f"insurance expires in {days} day{'s' if days != 1 else ''} ({expires:%b %-d})",
        )
    return "ok", f"insured until {expires:%b %-d, %Y}"


def permit_terms(permit: Permit) -> PermitTerms:
    return PermitTerms(
        number=permit.number,
        first_day=permit.first_day,
        last_day=permit.last_day,
        opens=permit.opens,
        closes=permit.closes,
    )


@dataclass
class LocationRow:
    location: Location
    sets: list[str]  # the sets it is chosen for
    considered_for: list[str]  # the sets it is a candidate for, not chosen
    permits: list[PermitTerms]
    coi: tuple[str, str]

    @property
    def permit_dates(self) -> str:
        return "; ".join(p.dates_text for p in self.permits)


def location_rows(production, today: date) -> list[LocationRow]:
    rows = []
    for location in active_locations(production):
        candidates = list(location.candidates.all())
        rows.append(
            LocationRow(
                location=location,
                sets=[c.element.name for c in candidates if c.chosen],
                considered_for=[c.element.name for c in candidates if not c.chosen],
                permits=[permit_terms(p) for p in location.permits.all()],
                coi=coi_standing(location, today),
            )
        )
    return rows


def schedule_sets(production):
    """The schedule's sets and location elements, each with its candidates (chosen first)."""
    live = Candidate.objects.filter(location__deleted_at__isnull=True).select_related("location")
    return (
        Element.objects.filter(production=production, category__ucid__in=SET_UCIDS)
        .select_related("category")
        .prefetch_related(Prefetch("location_candidates", queryset=live))
        .order_by("category__ucid", "name")
    )


def _day_elements(strips) -> list[int]:
    """The set and location elements of the day's strips, in strip order, with the location
    elements linked to those sets (either way round), each once."""
    pks = [
        e.pk
        for info in strips
        for e in info.elements
        if e.category is not None and e.category.ucid in SET_UCIDS
    ]
    links = Element.linked.through.objects.filter(
        Q(from_element_id__in=pks, to_element__category__ucid__in=SET_UCIDS)
        | Q(to_element_id__in=pks, from_element__category__ucid__in=SET_UCIDS)
    ).values_list("from_element_id", "to_element_id")
    for first, second in links:
        pks += [first, second]
    return list(dict.fromkeys(pks))


def day_locations(production, strips) -> list[Location]:
    """The confirmed locations chosen for the day's sets, in the order the day shoots them."""
    element_pks = _day_elements(strips)
    chosen = (
        Candidate.objects.filter(
            production=production,
            element_id__in=element_pks,
            chosen=True,
            location__deleted_at__isnull=True,
            location__status=Location.Status.CONFIRMED,
        )
        .select_related("location")
        .prefetch_related(
            Prefetch("location__permits", queryset=Permit.objects.filter(deleted_at__isnull=True))
        )
    )
    by_element = {c.element_id: c.location for c in chosen}
    places = [by_element[pk] for pk in element_pks if pk in by_element]
    return list({place.pk: place for place in places}.values())


def place_permits(location: Location) -> PlacePermits:
    return PlacePermits(
        location=location.name,
        needs_permit=location.needs_permit,
        permits=tuple(permit_terms(p) for p in location.permits.all()),
    )
