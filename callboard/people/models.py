from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from callboard.core.models import Production

from .minors import MINOR_CHOICES

# The order departments appear on crew lists and call sheets.
STANDARD_DEPARTMENTS = [
    "Production",
    "Locations",
    "Camera",
    "Grip",
    "Electric",
    "Art",
    "Set Dressing",
    "Props",
    "Construction",
    "Wardrobe",
    "Hair",
    "Makeup",
    "Sound",
    "Transportation",
    "Catering",
    "Craft Service",
    "Accounting",
    "Post",
    "Casting",
    "Special Effects",
    "Stunts",
    "Medic & Safety",
]

STANDARD_VENDOR_CATEGORIES = [
    "Camera rental",
    "Grip & electric",
    "Expendables",
    "Production vehicles",
    "Catering",
    "Craft service",
    "Props house",
    "Wardrobe rental",
    "Location services",
    "Office & supplies",
    "Post production",
    "Security",
    "Medic & safety",
    "Travel & hotels",
    "Insurance",
    "Payroll",
]


class Department(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="department_name_unique")
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)

    def crew(self):
        return self.active().filter(kind=Person.Kind.CREW)

    def cast(self):
        return self.active().filter(kind=Person.Kind.CAST)


class Person(models.Model):
    """One member of the cast or crew of one production."""

    class Kind(models.TextChoices):
        CREW = "crew", "Crew"
        CAST = "cast", "Cast"

    class Status(models.TextChoices):
        PREPPING = "prepping", "Prepping"
        SHOOTING = "shooting", "Shooting"
        WRAPPED = "wrapped", "Wrapped"

    class RateUnit(models.TextChoices):
        HOUR = "hour", "per hour"
        DAY = "day", "per day"
        WEEK = "week", "per week"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CREW)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField("mobile phone", max_length=40, blank=True)
    phone_other = models.CharField("other phone", max_length=40, blank=True)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField("state / province", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=60, blank=True)
    emergency_name = models.CharField("emergency contact", max_length=200, blank=True)
    emergency_relation = models.CharField("relationship", max_length=60, blank=True)
    emergency_phone = models.CharField("emergency phone", max_length=40, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    position = models.CharField(max_length=120, blank=True)
    is_department_head = models.BooleanField(default=False)
    union = models.CharField(
        max_length=60, blank=True, help_text="e.g. IATSE, Teamsters, SAG-AFTRA"
    )
    local = models.CharField(max_length=30, blank=True, help_text="e.g. 600, 399")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPPING)
    character = models.CharField(max_length=120, blank=True)
    cast_number = models.PositiveSmallIntegerField(
        "cast ID",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9999)],
    )
    # A cast member under 18: the age group sets the hours the call sheet allows and calls for
    # a studio teacher (the date of birth itself stays in the private start paperwork).
    minor_age = models.CharField(
        "minor (age group)",
        max_length=8,
        blank=True,
        choices=MINOR_CHOICES,
        help_text=(
            "Only for cast under 18: the call sheet checks their hours and the studio teacher."
        ),
    )
    rate = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    rate_unit = models.CharField(max_length=10, choices=RateUnit.choices, blank=True)
    notes = models.TextField(blank=True)
    # Text messages only to people who said yes (recorded with its time).
    sms_opt_in_at = models.DateTimeField("agreed to texts", null=True, blank=True)
    # Set when mail to the address bounced; cleared when the address changes.
    email_bounced_at = models.DateTimeField(null=True, blank=True)
    # The Callboard login that is this person, when they have one: what makes their own time
    # cards and packets theirs (nobody approves their own) beyond a matching e-mail.
    account = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "email"],
                condition=Q(deleted_at__isnull=True) & ~Q(email=""),
                name="person_email_unique_per_production",
            ),
            models.UniqueConstraint(
                fields=["production", "cast_number"],
                condition=Q(deleted_at__isnull=True, kind="cast", cast_number__isnull=False),
                name="cast_number_unique_per_production",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="person_start_before_end",
            ),
        ]
        indexes = [models.Index(fields=["production", "kind", "deleted_at"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        """The name on lists: preferred first name where given."""
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(
            p
            for p in [self.city + ("," if self.region else ""), self.region, self.postal_code]
            if p
        )
        return [line for line in [self.street, locality.strip(), self.country] if line]


class VendorCategory(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="vendor_categories"
    )
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="vendor_category_unique")
        ]

    def __str__(self):
        return self.name


class VendorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)


class Vendor(models.Model):
    """A company the production rents from or buys from."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="vendors")
    name = models.CharField(max_length=200)
    categories = models.ManyToManyField(VendorCategory, blank=True, related_name="vendors")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField("state / province", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    account_number = models.CharField("our account no.", max_length=60, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "name"],
                condition=Q(deleted_at__isnull=True),
                name="vendor_name_unique_per_production",
            )
        ]

    def __str__(self):
        return self.name


class VendorContact(models.Model):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "name"]

    def __str__(self):
        return self.name


class DistributionGroup(models.Model):
    """Who gets a document: resolved to people when it is sent, never stored as a copy."""

    class Kind(models.TextChoices):
        ALL_CREW = "all_crew", "All crew"
        DEPARTMENT_HEADS = "department_heads", "Department heads"
        CAST = "cast", "Cast"
        DEPARTMENT = "department", "A department"
        CUSTOM = "custom", "Hand-picked"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="distribution_groups"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="groups"
    )
    members = models.ManyToManyField(Person, blank=True, related_name="distribution_groups")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="group_name_unique"),
            models.CheckConstraint(
                condition=~Q(kind="department") | Q(department__isnull=False),
                name="department_group_has_department",
            ),
        ]

    def __str__(self):
        return self.name

    def recipients(self):
        """The people this group reaches today (active, not wrapped, not past their end date)."""
        people = (
            Person.objects.active()
            .filter(production_id=self.production_id)
            .exclude(status=Person.Status.WRAPPED)
            .exclude(end_date__lt=self.production.today())
        )
        match self.kind:
            case self.Kind.ALL_CREW:
                return people.filter(kind=Person.Kind.CREW)
            case self.Kind.DEPARTMENT_HEADS:
                return people.filter(kind=Person.Kind.CREW, is_department_head=True)
            case self.Kind.CAST:
                return people.filter(kind=Person.Kind.CAST)
            case self.Kind.DEPARTMENT:
                return people.filter(department_id=self.department_id)
            case _:
                return people.filter(distribution_groups=self)


class ImportBatch(models.Model):
    """An uploaded list waiting for its column mapping and commit."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        COMMITTED = "committed", "Imported"
        DISCARDED = "discarded", "Discarded"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Person.Kind.choices, default=Person.Kind.CREW)
    filename = models.CharField(max_length=255)
    # The file read once at upload (headers, rows, row numbers), so review and commit never
    # re-parse it; cleared once the import is committed or discarded (it holds personal data).
    table = models.JSONField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    row_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
