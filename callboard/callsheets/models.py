"""Call sheets: one per shoot day of a scenario, in versions. A published version is never
changed: a change makes the next version, and its recipients are told what changed."""

from django.conf import settings
from django.db import models

from callboard.core.models import Production


class CallSheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="call_sheets")
    # A scenario with call sheets cannot be deleted (they went out); a whole production can.
    scenario = models.ForeignKey(
        "schedule.Scenario", on_delete=models.RESTRICT, related_name="call_sheets"
    )
    day_number = models.PositiveIntegerField("shoot day")
    date = models.DateField()
    number = models.PositiveIntegerField("call sheet no.")
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    crew_call = models.TimeField()
    shooting_call = models.TimeField(null=True, blank=True)
    breakfast = models.TimeField("breakfast (ready)", null=True, blank=True)
    lunch = models.TimeField(null=True, blank=True)
    second_meal = models.TimeField(null=True, blank=True)
    est_wrap = models.TimeField("estimated wrap", null=True, blank=True)
    # Yesterday's wrap, for turnaround: the previous day's sheet fills it; the office corrects it.
    previous_wrap = models.DateTimeField("previous day's wrap", null=True, blank=True)

    location_name = models.CharField("location", max_length=200, blank=True)
    set_address = models.TextField(blank=True)
    basecamp = models.TextField(blank=True)
    crew_parking = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    hospital_name = models.CharField("nearest hospital", max_length=200, blank=True)
    hospital_address = models.CharField(max_length=300, blank=True)
    hospital_phone = models.CharField(max_length=40, blank=True)
    weather_summary = models.CharField("weather", max_length=120, blank=True)
    weather_high = models.CharField("high", max_length=20, blank=True)
    weather_low = models.CharField("low", max_length=20, blank=True)
    safety_notes = models.TextField(blank=True)
    safety_hotline = models.CharField(max_length=40, blank=True)
    notes = models.TextField("general notes", blank=True)
    # [{"department": "Props", "note": "..."}]
    department_notes = models.JSONField(default=list, blank=True)
    # [{"channel": "1", "use": "Production"}]
    walkies = models.JSONField(default=list, blank=True)
    # {"<department pk>": "HH:MM"} and {"<person pk>": "HH:MM"}: calls that differ from crew call
    # (or a call that is not a time, as typed: O/C, O/C OFFICE, W/N, N/W, PER DEPT HEAD)
    department_calls = models.JSONField(default=dict, blank=True)
    person_calls = models.JSONField(default=dict, blank=True)
    # {"<element pk>": {"pickup": "HH:MM", "makeup": "HH:MM", "on_set": "HH:MM", "remarks": ""}}
    cast_calls = models.JSONField(default=dict, blank=True)
    # [{"description": "Pedestrians", "count": "12", "call": "HH:MM", "notes": ""}]
    background = models.JSONField(default=list, blank=True)
    # Errors published anyway: [{"code": ..., "message": ..., "reason": ..., "by": ..., "at": ...}]
    overrides = models.JSONField(default=list, blank=True)
    # What this version changed from the last published one (told to recipients).
    changes = models.JSONField(default=list, blank=True)
    # The sheet as published, frozen: what the PDF, the e-mails, the phone pages and the
    # calendars show from then on, whatever later happens to the board or the crew list.
    # {"document": {...}, "calls": {"<person pk>": ["HH:MM", "text"]}, "sides_for": [pks]}
    snapshot = models.JSONField(default=dict, blank=True)

    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "day_number", "version"], name="call_sheet_version_unique"
            )
        ]

    def __str__(self):
        return f"Call sheet #{self.number} v{self.version} — {self.date:%a %b %-d}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
