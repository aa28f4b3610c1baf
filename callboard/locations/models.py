"""Locations: the real places behind the schedule's set and location elements, each with its
contact, facilities, agreement, insurance certificate, permits and photos; several candidates
may be priced for one set and one chosen. Call sheets, scouts and the DPR read them here."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from callboard.core.models import Production


class LocationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)


class Location(models.Model):
    class Status(models.TextChoices):
        NEEDS_SCOUTING = "needs_scouting", "Needs scouting"
        SCOUTED = "scouted", "Scouted"
        CONFIRMED = "confirmed", "Confirmed"
        RELEASED = "released", "Released"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    basecamp = models.TextField("parking & basecamp", blank=True)
    crew_parking = models.TextField(blank=True)
    hospital_name = models.CharField("nearest hospital", max_length=200, blank=True)
    hospital_address = models.CharField(max_length=300, blank=True)
    hospital_phone = models.CharField(max_length=40, blank=True)
    restrooms = models.TextField(blank=True)
    power = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    # Most practical locations need a film permit; a stage or a private lot may not.
    needs_permit = models.BooleanField("needs a film permit", default=True)
    # Typed by the office (there is no routing service offline): what the travel checks add to a
    # flight's landing before a call here.
    airport_transfer_minutes = models.PositiveSmallIntegerField(
        "from the airport (minutes)", null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEEDS_SCOUTING)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["needs_scouting", "scouted", "confirmed", "released"]),
                name="location_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name


class Candidate(models.Model):
    """A location considered for a set (or a schedule location element), at its price; one
    candidate per set is chosen, and the chosen, confirmed one is where the set shoots."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="location_candidates"
    )
    element = models.ForeignKey(
        "schedule.Element", on_delete=models.CASCADE, related_name="location_candidates"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="candidates")
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price_note = models.CharField(max_length=200, blank=True, help_text="e.g. per day, prep incl.")
    chosen = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["element__name", "-chosen", "price", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "location"], name="location_candidate_once_per_set"
            ),
            models.UniqueConstraint(
                fields=["element"], condition=Q(chosen=True), name="location_one_chosen_per_set"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="location_price_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.location} for {self.element.name}"


def document_path(document: "LocationDocument", filename: str) -> str:
    return f"locations/{document.location.production_id}/{document.location_id}/{filename}"


class LocationDocument(models.Model):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", "Location agreement"
        INSURANCE = "insurance", "Certificate of insurance"
        PHOTO = "photo", "Photo"
        OTHER = "other", "Other"

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    # An agreement's term; a certificate of insurance's expiry is its ``ends``.
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["agreement", "insurance", "photo", "other"]),
                name="location_document_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(starts__isnull=True)
                | Q(ends__isnull=True)
                | Q(ends__gte=models.F("starts")),
                name="location_document_term_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.location}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def permit_path(permit: "Permit", filename: str) -> str:
    return f"locations/{permit.location.production_id}/{permit.location_id}/permits/{filename}"


class Permit(models.Model):
    """A film permit: its dates and the hours it permits shooting on each of them."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="permits")
    number = models.CharField("permit no.", max_length=60, blank=True)
    issuer = models.CharField(max_length=200, blank=True, help_text="e.g. FilmLA")
    first_day = models.DateField("from")
    last_day = models.DateField("to")
    opens = models.TimeField("permitted from", null=True, blank=True)
    closes = models.TimeField("permitted until", null=True, blank=True)
    pdf = models.FileField(upload_to=permit_path, blank=True)
    notes = models.TextField(blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="permit_dates_in_order"
            ),
        ]

    def __str__(self):
        return f"Permit {self.number or '(no number)'} — {self.location}"
