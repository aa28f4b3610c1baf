"""Drive-ons and gate lists: the production's gates, the passes asked for and approved, and
every check a guard makes at a gate the production controls."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from callboard.core.models import Production


class Gate(models.Model):
    class Kind(models.TextChoices):
        # On a studio lot security issues the passes in its own system from the list we send.
        STUDIO = "studio", "Studio lot (security issues the passes from our list)"
        # A location or our own office: our pass cards, QR codes and the guard's page.
        CONTROLLED = "controlled", "Our own gate (pass cards, QR codes, the guard's page)"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="gates")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.STUDIO)
    address = models.CharField(max_length=200, blank=True)
    # The day's call sheet (cast and day players not yet passed) comes in through this gate.
    takes_call_sheet = models.BooleanField("call sheet comes through here", default=False)
    # The columns the studio's security office asks for, in order (gate/columns.py's keys).
    columns = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="gate_name_unique")
        ]

    def __str__(self):
        return self.name


class Pass(models.Model):
    """A drive-on or walk-on asked for by a department and approved (or not) by the office."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the office"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    class Purpose(models.TextChoices):
        MEETING = "meeting", "Meeting"
        CASTING = "casting", "Casting"
        DELIVERY = "delivery", "Delivery"
        WORK = "work", "Working (crew, day player, cast)"
        VISIT = "visit", "Visit"

    class Vehicle(models.TextChoices):
        CAR = "car", "Vehicle (make and plate)"
        TBD = "tbd", "Vehicle TBD"
        RENTAL = "rental", "Rental (plate not known yet)"
        WALK_ON = "walk_on", "Walk-on (no vehicle)"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="passes")
    number = models.PositiveIntegerField()
    # A gate with passes cannot be deleted (they went on lists); a whole production can.
    gate = models.ForeignKey(Gate, on_delete=models.RESTRICT, related_name="passes")
    name = models.CharField("name as on their ID", max_length=120)
    company = models.CharField(max_length=120, blank=True)
    host = models.CharField(max_length=120, help_text="Who they are here to see.")
    department = models.CharField(max_length=80, blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.MEETING)
    # A delivery may name the PO it delivers: the gate list shows the PO number.
    purchase_order = models.ForeignKey(
        "accounting.PurchaseOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Crew on for the whole run: listed once on the run-of-show list, not every day.
    run_of_show = models.BooleanField(default=False)
    start_date = models.DateField()
    end_date = models.DateField()
    arrival_time = models.TimeField(null=True, blank=True)
    departure_time = models.TimeField(null=True, blank=True)
    stage = models.CharField("stage / building", max_length=80, blank=True)
    vehicle = models.CharField(max_length=10, choices=Vehicle.choices, default=Vehicle.CAR)
    vehicle_make = models.CharField("make and colour", max_length=60, blank=True)
    plate = models.CharField(max_length=12, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who asked, as the list shows it: a member's name, or a department head's link.
    requested_by_label = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start_date", "arrival_time", "name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="pass_number_unique"),
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="pass_start_before_end"
            ),
        ]
        indexes = [models.Index(fields=["production", "status", "start_date", "end_date"])]

    def __str__(self):
        return f"Pass {self.code} — {self.name}"

    @property
    def code(self) -> str:
        return f"{self.number:04d}"

    @property
    def vehicle_text(self) -> str:
        if self.vehicle == self.Vehicle.CAR:
            return self.vehicle_make
        return {"tbd": "TBD", "rental": "Rental", "walk_on": "Walk-on"}[self.vehicle]


class GateCheck(models.Model):
    """One code or pass number a guard checked at a gate, valid or not: the gate's log and
    the source of who is in now."""

    class Direction(models.TextChoices):
        IN = "in", "Arrived"
        OUT = "out", "Left"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="checks")
    pass_obj = models.ForeignKey(
        Pass, on_delete=models.CASCADE, null=True, blank=True, related_name="checks"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.IN)
    valid = models.BooleanField()
    # Why not, in the guard's words ("not valid: forged code"); blank when valid.
    reason = models.CharField(max_length=200, blank=True)
    # What the guard typed or scanned, clipped: forged codes are kept for the office to see.
    code = models.CharField(max_length=120, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["production", "at"])]

    def __str__(self):
        verdict = "valid" if self.valid else "not valid"
        return f"{self.get_direction_display()} at {self.gate}: {verdict}"
