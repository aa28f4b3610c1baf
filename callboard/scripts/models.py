from django.conf import settings
from django.db import models

from callboard.core.eighths import format_eighths
from callboard.core.models import Production

from .compare import SceneFacts

# REFERENCE.md's default order; a production may reorder and extend it.
DEFAULT_REVISION_COLOURS = [
    "White",
    "Blue",
    "Pink",
    "Yellow",
    "Green",
    "Goldenrod",
    "Buff",
    "Salmon",
    "Cherry",
    "Tan",
    "Double White",
    "Double Blue",
    "Double Pink",
    "Double Yellow",
    "Double Green",
    "Double Goldenrod",
    "Double Buff",
    "Double Salmon",
    "Double Cherry",
    "Double Tan",
]


def script_upload_path(version: "ScriptVersion", filename: str) -> str:
    return f"productions/{version.production_id}/scripts/{filename}"


def copy_upload_path(copy: "ScriptCopy", filename: str) -> str:
    return f"productions/{copy.distribution.version.production_id}/scripts/copies/{filename}"


class ScriptVersion(models.Model):
    """One draft or revision of the script, as received. Never overwritten: a change is a new
    version."""

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
    # Once locked, later drafts without scene numbers are numbered against this version.
    locked_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A version changes once after import, when its scene numbers are locked (the API's feed).
    updated_at = models.DateTimeField(auto_now=True)

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
    # Where the scene sits in the version's PDF: [[page index, top, bottom], ...] in points,
    # for sides.
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


class Distribution(models.Model):
    """A version sent to people: one watermarked copy and personal link each, made in the
    background."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Watermarking"
        DONE = "done", "Sent"
        FAILED = "failed", "Failed"

    version = models.ForeignKey(
        ScriptVersion, on_delete=models.CASCADE, related_name="distributions"
    )
    message = models.TextField(blank=True)
    expires_at = models.DateTimeField()
    # How a send went before copies went out through distribution (issue 16); since, the
    # dispatch of kind "script_copy" for this distribution says (scripts.queries).
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.version} to {self.copies.count()} people"

    @property
    def production(self):
        return self.version.production


class ScriptCopy(models.Model):
    """One recipient's copy: their name on every page, their own revocable link."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="copies")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="script_copies"
    )
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.PROTECT, related_name="script_copy"
    )
    pdf = models.FileField(upload_to=copy_upload_path, blank=True)
    watermark = models.CharField(max_length=200)
    made_at = models.DateTimeField(null=True, blank=True)
    # Sends before issue 16; since, the copy's delivery has its sent time.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self):
        return f"{self.distribution.version} for {self.person}"


class CopyAccess(models.Model):
    """Who opened which copy, when, from where: the access log studios ask for."""

    copy = models.ForeignKey(ScriptCopy, on_delete=models.CASCADE, related_name="accesses")
    at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.copy} opened {self.at:%Y-%m-%d %H:%M}"
