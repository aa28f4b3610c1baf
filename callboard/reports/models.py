"""The day on set as one record: the Daily Production Report of a unit's shoot day, the times
recorded from set, the script supervisor's scenes, the cast's times (Exhibit G), the crew's
actual times, background, and the rest of the report.

Times are minutes after midnight at the start of the shoot date (reports.settimes): 1530 is
01:30 the next morning, so a night shoot sorts and subtracts like any other day.
"""

from django.conf import settings
from django.db import models

from callboard.core.models import Production

from .exhibitg import meal_penalty_text
from .settimes import KINDS, LABELS


class Unit(models.TextChoices):
    MAIN = "main", "Main unit"
    SECOND = "second", "Second unit"


class ProductionReport(models.Model):
    """One unit's shoot day, as it happened: one per production, scenario day and unit, in
    versions (an approved report is frozen; a correction is a new version saying why)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        REPLACED = "replaced", "Replaced by a correction"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="reports")
    # The plan the day is measured against: the call sheet published for the day.
    call_sheet = models.ForeignKey(
        "callsheets.CallSheet", on_delete=models.PROTECT, related_name="reports"
    )
    day_number = models.PositiveIntegerField("shoot day")
    date = models.DateField()
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.MAIN)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reason = models.CharField("why this version", max_length=300, blank=True)
    changes = models.JSONField(default=list, blank=True)  # what the correction changed

    # The rest of the report.
    weather = models.CharField(max_length=200, blank=True)
    locations = models.TextField(blank=True)
    camera_media = models.CharField("camera rolls / cards", max_length=300, blank=True)
    sound_media = models.CharField("sound rolls / cards", max_length=300, blank=True)
    equipment = models.TextField("equipment and vehicles", blank=True)
    meals_served = models.JSONField(default=dict, blank=True)  # {"breakfast": 120, "lunch": 150}
    notes = models.TextField(blank=True)
    visitors = models.TextField(blank=True)

    # Frozen at approval: the whole report as approved (what the PDF and the command read).
    snapshot = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day_number", "unit", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "date", "unit", "version"], name="one_report_version"
            ),
            # One report in the works or approved per unit and day; older versions are replaced.
            models.UniqueConstraint(
                fields=["production", "date", "unit"],
                condition=~models.Q(status="replaced"),
                name="one_current_report_per_unit_day",
            ),
        ]

    def __str__(self) -> str:
        unit = "" if self.unit == Unit.MAIN else f" ({self.get_unit_display()})"
        version = f" v{self.version}" if self.version > 1 else ""
        return f"DPR day {self.day_number}{unit}, {self.date:%a %-d %b %Y}{version}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.REPLACED)

    @property
    def is_draft(self) -> bool:
        """Open for changes: submitted, it is with the UPM; approved, it is frozen."""
        return self.status == self.Status.DRAFT


class SetTime(models.Model):
    """A time of the day recorded from set, once each: a second person recording first shot
    is told it is already in (the constraint lets only one through)."""

    Kind = models.TextChoices("Kind", [(kind, LABELS[kind]) for kind in KINDS])

    report = models.ForeignKey(ProductionReport, on_delete=models.CASCADE, related_name="times")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    minutes = models.PositiveIntegerField()  # after midnight of the shoot date
    grace = models.BooleanField("grace called", default=False)  # meals only
    note = models.CharField(max_length=300, blank=True)  # e.g. why first shot was late
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_via = models.CharField(max_length=200, blank=True)  # the person behind a link
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_time_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.minutes}"


class SetTimesLink(models.Model):
    """A signed link to the day's times, issued by the office to someone on set without an
    account (a set PA, the script supervisor): what they record carries this name."""

    report = models.ForeignKey(ProductionReport, on_delete=models.CASCADE, related_name="set_links")
    grant = models.OneToOneField("core.LinkGrant", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("who holds it", max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name}'s set-times link"


class SceneProgress(models.Model):
    """The script supervisor's line for a scene on the day: complete, part or not shot, with
    what was shot of it today (eighths, screen time, setups)."""

    class Status(models.TextChoices):
        COMPLETE = "complete", "Complete"
        PART = "part", "Part shot"
        NOT_SHOT = "not_shot", "Not shot"

    report = models.ForeignKey(ProductionReport, on_delete=models.CASCADE, related_name="scenes")
    strip = models.ForeignKey(
        "schedule.Strip", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scene = models.CharField(max_length=20)  # as numbered in the script
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NOT_SHOT)
    added = models.BooleanField(default=False)  # shot though not scheduled for the day
    retake = models.BooleanField(default=False)  # shot again, already credited before
    eighths = models.PositiveIntegerField(default=0)  # the scene's length in the script
    eighths_shot = models.PositiveIntegerField(default=0)  # of it, shot today (parts)
    seconds = models.PositiveIntegerField(default=0)  # screen time shot today
    setups = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "strip"],
                condition=models.Q(strip__isnull=False),
                name="one_line_per_scene",
            )
        ]

    def __str__(self) -> str:
        return f"Sc. {self.scene} {self.status}"


class CastTime(models.Model):
    """One performer's day on the Exhibit G (SAG-AFTRA's performers' production time report):
    the times the sheet pays from, and the performer's signature."""

    report = models.ForeignKey(
        ProductionReport, on_delete=models.CASCADE, related_name="cast_times"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    cast_number = models.CharField(max_length=10, blank=True)
    character = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=4, blank=True)  # W, SW, WF, SWF, H, T, TR...
    minor = models.BooleanField(default=False)
    report_makeup = models.PositiveIntegerField(null=True, blank=True)
    on_set = models.PositiveIntegerField(null=True, blank=True)
    ndb_start = models.PositiveIntegerField(null=True, blank=True)
    ndb_end = models.PositiveIntegerField(null=True, blank=True)
    meal_out = models.PositiveIntegerField(null=True, blank=True)
    meal_in = models.PositiveIntegerField(null=True, blank=True)
    second_meal_out = models.PositiveIntegerField(null=True, blank=True)
    second_meal_in = models.PositiveIntegerField(null=True, blank=True)
    dismiss = models.PositiveIntegerField("dismiss on set", null=True, blank=True)
    travel_out_leave = models.PositiveIntegerField(null=True, blank=True)
    travel_out_arrive = models.PositiveIntegerField(null=True, blank=True)
    travel_back_leave = models.PositiveIntegerField(null=True, blank=True)
    travel_back_arrive = models.PositiveIntegerField(null=True, blank=True)
    outfits = models.PositiveSmallIntegerField(default=0)
    stunt_adjustment = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    forced_call = models.BooleanField(default=False)
    # Computed from the times by the pay engine's rules whenever they change.
    meal_penalties = models.PositiveSmallIntegerField(default=0)
    rest_invaded = models.BooleanField(default=False)
    signed_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cast_number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="one_cast_time_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.cast_number} {self.character}"

    @property
    def meal_penalties_text(self) -> str:
        return meal_penalty_text(self.meal_penalties)


class CrewTime(models.Model):
    """A crew member's actual day where it differs from the call sheet and the department's
    wrap (entered by the department head or best boy); everyone else worked as called."""

    report = models.ForeignKey(
        ProductionReport, on_delete=models.CASCADE, related_name="crew_times"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    call = models.PositiveIntegerField(null=True, blank=True)
    wrap = models.PositiveIntegerField(null=True, blank=True)
    meal_out = models.PositiveIntegerField(null=True, blank=True)
    meal_in = models.PositiveIntegerField(null=True, blank=True)
    second_meal_out = models.PositiveIntegerField(null=True, blank=True)
    second_meal_in = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="one_crew_time_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.report}"


class DepartmentWrap(models.Model):
    """When a department actually wrapped (and, if it differs, was called): the default for
    each of its people on the DPR's back page and their time cards."""

    report = models.ForeignKey(
        ProductionReport, on_delete=models.CASCADE, related_name="department_wraps"
    )
    department = models.ForeignKey("people.Department", on_delete=models.CASCADE, related_name="+")
    call = models.PositiveIntegerField(null=True, blank=True)
    wrap = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "department"], name="one_wrap_per_department")
        ]

    def __str__(self) -> str:
        return f"{self.department} wrap on {self.report}"


class BackgroundLine(models.Model):
    """A group of background on the day: type, union or not, count, rate and times, with the
    vouchers counted to reconcile against the call sheet."""

    report = models.ForeignKey(
        ProductionReport, on_delete=models.CASCADE, related_name="background"
    )
    description = models.CharField(max_length=200)
    union = models.BooleanField(default=False)
    count = models.PositiveIntegerField(default=0)
    called = models.PositiveIntegerField(default=0)  # on the call sheet
    vouchers = models.PositiveIntegerField(default=0)
    rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    call = models.PositiveIntegerField(null=True, blank=True)
    wrap = models.PositiveIntegerField(null=True, blank=True)
    meal_out = models.PositiveIntegerField(null=True, blank=True)
    meal_in = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.count} {self.description}"


class Delay(models.Model):
    report = models.ForeignKey(ProductionReport, on_delete=models.CASCADE, related_name="delays")
    reason = models.CharField(max_length=300)
    minutes = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.minutes} min: {self.reason}"


class Incident(models.Model):
    """An accident or incident on the day: who, what, when, first aid, the report filed."""

    report = models.ForeignKey(ProductionReport, on_delete=models.CASCADE, related_name="incidents")
    who = models.CharField(max_length=200)
    what = models.TextField()
    at = models.PositiveIntegerField(null=True, blank=True)  # minutes of the shoot day
    first_aid = models.BooleanField("first aid given", default=False)
    report_filed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.who}: {self.what[:40]}"


class ReportSettings(models.Model):
    """A production's choices for its reports: who gets the status reports from set, whether
    they also go by text, the tolerance between a time card and the DPR, and whether a part
    of a scene is credited on the day it is shot."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="report_settings"
    )
    status_group = models.ForeignKey(
        "people.DistributionGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who gets the first shot, lunch and wrap reports (UPM, producers, studio).",
    )
    status_by_text = models.BooleanField(
        "also by text",
        default=False,
        help_text="Status reports also go by SMS to those who opted in.",
    )
    report_group = models.ForeignKey(
        "people.DistributionGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who gets the approved DPR.",
    )
    tolerance_minutes = models.PositiveSmallIntegerField(
        default=6, help_text="A time card further than this from the DPR is flagged."
    )
    credit_parts = models.BooleanField(
        "credit parts of scenes",
        default=False,
        help_text="Credit a partly shot scene's pages on the day shot, not the day completed.",
    )

    def __str__(self) -> str:
        return f"Report settings of {self.production}"
