"""Travel: each traveller's terms (where they come from, the cabin their deal gives, their
passport's expiry, local hire or not), the production's per diem rates by city, and the
bookings — flights, hotels, cars and ground transfers — that the checks, the memos, the
rooming lists and the cost report read."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from callboard.core.models import Production

from .checks import CABINS

CABIN_CHOICES = [(c, {"premium": "Premium economy"}.get(c, c.capitalize())) for c in CABINS]


class TravelProfile(models.Model):
    """What travel needs to know about one person beyond the crew list."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="travel_profile"
    )
    local_hire = models.BooleanField(
        default=False, help_text="Lives where the show shoots: no per diem, no travel expected."
    )
    # Their point of origin: one or more airport codes ("LAX BUR").
    home_airports = models.CharField("home airports", max_length=40, blank=True)
    cabin_required = models.CharField(
        "class of travel (deal)", max_length=10, choices=CABIN_CHOICES, blank=True
    )
    passport_expires = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Travel — {self.person}"

    @property
    def home_codes(self) -> frozenset[str]:
        return frozenset(self.home_airports.split())


class PerDiemRate(models.Model):
    """The production's meals-and-incidentals rate for a city, with the breakdown a provided
    meal comes off at (GSA's table, or the production's own)."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="per_diem_rates"
    )
    city = models.CharField(max_length=100)
    daily = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(0)])
    breakfast = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    lunch = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    dinner = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    travel_day_percent = models.PositiveSmallIntegerField(
        "first and last travel day (%)", default=75
    )

    class Meta:
        ordering = ["city"]
        constraints = [
            models.UniqueConstraint(fields=["production", "city"], name="per_diem_city_unique")
        ]

    def __str__(self):
        return f"{self.city} ${self.daily}/day"


class Booking(models.Model):
    """One booking for one traveller (a hotel room may be held for nobody yet: a block room).
    Times are stored as instants with the zone of each end's place, so each prints in the
    zone of where it happens (a flight's departure at its airport, its arrival at the other)."""

    class Kind(models.TextChoices):
        FLIGHT = "flight", "Flight"
        HOTEL = "hotel", "Hotel"
        CAR = "car", "Car rental"
        TRANSFER = "transfer", "Ground transfer"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"  # from the schedule, not booked yet
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)

    # Flights, cars and transfers: from when to when, each end in its place's zone.
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    starts_tz = models.CharField(max_length=64, blank=True)
    ends_tz = models.CharField(max_length=64, blank=True)
    # Hotels: nights from check-in to check-out.
    check_in = models.DateField(null=True, blank=True)
    check_out = models.DateField(null=True, blank=True)

    carrier = models.CharField(max_length=60, blank=True)  # airline; car company
    number = models.CharField("flight number", max_length=10, blank=True)
    origin = models.CharField(max_length=3, blank=True)  # IATA
    destination = models.CharField(max_length=3, blank=True)
    cabin = models.CharField(max_length=10, choices=CABIN_CHOICES, blank=True)
    seat = models.CharField(max_length=8, blank=True)
    record_locator = models.CharField(max_length=12, blank=True)

    hotel = models.CharField(max_length=200, blank=True)
    room_type = models.CharField(max_length=60, blank=True)
    nightly_rate = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    pickup_place = models.CharField(max_length=200, blank=True)
    dropoff_place = models.CharField("drop-off / return place", max_length=200, blank=True)
    driver = models.CharField(max_length=120, blank=True)
    vehicle = models.CharField(max_length=120, blank=True)

    confirmation = models.CharField(max_length=40, blank=True)
    cost = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    account_code = models.CharField(max_length=41, blank=True)
    notes = models.TextField(blank=True)
    # Actualised: the approved invoice line or the card receipt line that paid it. Until then a
    # booked cost is a commitment on the cost report; after, the ledger has the actual.
    invoice_line = models.ForeignKey(
        "accounting.InvoiceLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    receipt_line = models.ForeignKey(
        "accounting.ReceiptLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "check_in", "id"]
        indexes = [models.Index(fields=["production", "person", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="hotel")
                | (Q(check_in__isnull=False) & Q(check_out__gt=F("check_in"))),
                name="booking_hotel_nights",
            ),
            models.CheckConstraint(
                condition=Q(kind="hotel")
                | (Q(starts_at__isnull=False) & Q(ends_at__gt=F("starts_at"))),
                name="booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="hotel") | Q(person__isnull=False),
                name="booking_has_traveller",
            ),
            models.CheckConstraint(
                condition=Q(invoice_line__isnull=True) | Q(receipt_line__isnull=True),
                name="booking_actualised_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.title}"

    @property
    def title(self) -> str:
        if self.kind == self.Kind.FLIGHT:
            return f"{self.carrier} {self.number} {self.origin}–{self.destination}".strip()
        if self.kind == self.Kind.HOTEL:
            return self.hotel
        return " ".join(p for p in (self.carrier, self.vehicle) if p) or self.get_kind_display()


class TravelSettings(models.Model):
    """Where the show flies people to, and the hotel it puts them in, for proposed bookings."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="travel_settings"
    )
    airport = models.CharField("the show's airport", max_length=3, blank=True)
    hotel = models.CharField("the show's hotel", max_length=200, blank=True)
    # Per diem is coded here when it is paid (a check request), never to the labour accounts:
    # it is not part of the overtime base nor of the fringes.
    per_diem_account = models.CharField("per diem account", max_length=41, blank=True)

    def __str__(self):
        return f"Travel settings — {self.production}"


class TravelMemo(models.Model):
    """One version of a traveller's travel memo as it was sent: the document frozen (what the
    PDF, the phone page and the calendar were made from), what changed since the version
    before, and when. A change to a booking never alters a sent memo: sending again makes the
    next version."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="travel_memos"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="travel_memos"
    )
    version = models.PositiveSmallIntegerField()
    document = models.JSONField()
    # What the document says, hashed: a memo is "changed since sent" when today's differs.
    fingerprint = models.CharField(max_length=64)
    changes = models.JSONField(default=list, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="travel_memo_version_once")
        ]

    def __str__(self):
        return f"Travel memo v{self.version} — {self.person}"


def rooming_path(sent: "RoomingListSend", filename: str) -> str:
    return f"travel/{sent.production_id}/rooming/{filename}"


class RoomingListSend(models.Model):
    """One version of a hotel's rooming list as it was sent to the hotel: the PDF and the
    spreadsheet kept as they went (never overwritten), the address, and a hash of what the
    list said, so the page can tell when the list changed since. Sending the same list again
    sends nothing; a changed list is the next version."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    hotel = models.CharField(max_length=200)  # as the list prints it
    hotel_key = models.CharField(max_length=200)  # queries.hotel_key: one hotel however typed
    version = models.PositiveSmallIntegerField()
    fingerprint = models.CharField(max_length=64)
    address = models.EmailField()
    pdf = models.FileField(upload_to=rooming_path)
    xlsx = models.FileField(upload_to=rooming_path)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hotel_key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "hotel_key", "version"], name="rooming_send_version_once"
            )
        ]

    def __str__(self):
        return f"Rooming list v{self.version} — {self.hotel}"


class PerDiemPayment(models.Model):
    """A traveller's per diem for one workweek, asked for as a check request: once per week,
    so a second click or a second tab never pays it twice."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="per_diem_payments"
    )
    week_start = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    check_request = models.ForeignKey(
        "accounting.CheckRequest", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["week_start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "week_start"], name="per_diem_week_once")
        ]

    def __str__(self):
        return f"Per diem {self.person}, week of {self.week_start}"


class Scout(models.Model):
    """A location scout or a tech scout: one day, a call time at a meeting place, the stops in
    the order the vans drive them, the vans and who rides in each, and a lunch stop. Each
    change makes a new version; a send is keyed by the version (a double click sends once)."""

    class Kind(models.TextChoices):
        SCOUT = "scout", "Location scout"
        TECH = "tech", "Tech scout"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scouts")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SCOUT)
    call_time = models.TimeField()
    meeting_place = models.CharField(max_length=200)
    meeting_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    meeting_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lunch_place = models.CharField("lunch stop", max_length=200, blank=True)
    lunch_time = models.TimeField(null=True, blank=True)
    lunch_minutes = models.PositiveSmallIntegerField(default=45)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "call_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["scout", "tech"]), name="scout_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(meeting_latitude__isnull=True, meeting_longitude__isnull=True)
                | Q(meeting_latitude__isnull=False, meeting_longitude__isnull=False),
                name="scout_meeting_point_whole",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%a %-d %b %Y}"


class ScoutStop(models.Model):
    """A location the scout visits: when the vans get there and how long they stay; what the
    scout found (notes, photos) goes back into the location."""

    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(default=0)
    location = models.ForeignKey(
        "locations.Location", on_delete=models.PROTECT, related_name="scout_stops"
    )
    arrives = models.TimeField(null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(
        "minutes there", default=30, validators=[MinValueValidator(1)]
    )
    notes = models.TextField(blank=True)  # what the scout found, also appended to the location

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scout", "location"], name="scout_stop_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.location}"


class ScoutVan(models.Model):
    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, related_name="vans")
    name = models.CharField(max_length=60)
    driver = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scout", "name"], name="scout_van_name_once"),
        ]

    def __str__(self):
        return self.name


class ScoutRider(models.Model):
    """Who rides in which van: one van a person on a scout (the same person twice is refused)."""

    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, related_name="riders")
    van = models.ForeignKey(ScoutVan, on_delete=models.CASCADE, related_name="riders")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scout", "person"], name="scout_rider_one_van"),
        ]

    def __str__(self):
        return f"{self.person} in {self.van}"


class SentScout(models.Model):
    """One version of a scout as it was sent: the schedule frozen (what each rider's link
    opens — the phone page, the PDF, the calendar — whatever later happens to the scout),
    and the send that carried it. A change to the scout never alters a sent version."""

    scout = models.ForeignKey(Scout, on_delete=models.CASCADE, related_name="sent_versions")
    version = models.PositiveIntegerField()
    document = models.JSONField()
    dispatch = models.OneToOneField(
        "distribution.Dispatch", on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scout", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["scout", "version"], name="sent_scout_version_once")
        ]

    def __str__(self):
        return f"{self.scout} v{self.version} (sent)"
