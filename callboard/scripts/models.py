from django.conf import settings
from django.db import models

from callboard.core.models import Production

from .compare import SceneFacts
from .eighths import format_eighths

# REFERENCE.md's default order; a production may reorder and extend it.
DEFAULT_REVISION_COLOURS = [
    "White", "Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry", "Tan",
    "Double White", "Double Blue", "Double Pink", "Double Yellow", "Double Green",
    "Double Goldenrod", "Double Buff", "Double Salmon", "Double Cherry", "Double Tan",
]  # fmt: skip


def script_upload_path(version: "ScriptVersion", filename: str) -> str:
    return f"productions/{version.production_id}/scripts/{filename}"


class ScriptVersion(models.Model):
    """One draft or revision of the script, as received. Never overwritten: a change is a new version."""

    class Format(models.TextChoices):
        FOUNTAIN = "fountain", "Fountain"
        FDX = "fdx", "Final Draft"
        PDF = "pdf", "PDF"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="script_versions"
    )
    title = models.CharField(max_length=300, blank=True)
    colour = models.CharField("revision colour", max_length=40)
    revision_date = models.DateField()
    source_format = models.CharField(max_length=10, choices=Format.choices)
    source_name = models.CharField(max_length=255)
    source = models.FileField(upload_to=script_upload_path)
    # The PDF everyone reads: the original for a PDF script, Callboard's rendition otherwise.
    pdf = models.FileField(upload_to=script_upload_path)
    page_count = models.PositiveIntegerField()
    # The page labels in order ("1", ..., "12", "12A", "13"), for page ranges and revision pages.
    page_labels = models.JSONField(default=list, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.title or 'Script'} — {self.colour} {self.revision_date:%m/%d/%y}"

    @property
    def total_eighths(self) -> int:
        return sum(scene.eighths for scene in self.scenes.all())


class Scene(models.Model):
    version = models.ForeignKey(ScriptVersion, on_delete=models.CASCADE, related_name="scenes")
    order = models.PositiveIntegerField()
    number = models.CharField(max_length=12)
    heading = models.CharField(max_length=300)
    int_ext = models.CharField(max_length=10, blank=True)
    set_name = models.CharField("set", max_length=200, blank=True)
    time_of_day = models.CharField(max_length=40, blank=True)
    page_start = models.CharField(max_length=10, blank=True)
    page_end = models.CharField(max_length=10, blank=True)
    eighths = models.PositiveIntegerField()
    characters = models.JSONField(default=list, blank=True)
    synopsis = models.CharField(max_length=300, blank=True)
    omitted = models.BooleanField(default=False)
    # Where the scene sits in the version's PDF: [[page index, top, bottom], ...] in points, for sides.
    bands = models.JSONField(default=list, blank=True)
    digest = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="scene_order_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    @property
    def length(self) -> str:
        return format_eighths(self.eighths)

    @property
    def facts(self) -> SceneFacts:
        return SceneFacts(
            self.number,
            self.heading,
            self.page_start,
            self.page_end,
            self.eighths,
            self.omitted,
            self.digest,
        )
