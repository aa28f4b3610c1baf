"""The wrap binder: each build is a row (earlier ones stay downloadable), and the releases and
agreements the office uploads where no app makes them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from callboard.core.models import Production


def binder_path(binder: "Binder", filename: str) -> str:
    return f"wrap/{binder.production_id}/binders/{filename}"


class Binder(models.Model):
    """One build of the binder for one edition: the sections chosen, its progress, what failed,
    and the PDF and ZIP it made."""

    class Edition(models.TextChoices):
        STUDIO = "studio", "Studio"
        ACCOUNTING = "accounting", "Accounting"
        PAYROLL = "payroll", "Payroll"
        OFFICE = "office", "Office"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="binders")
    edition = models.CharField(max_length=12, choices=Edition.choices)
    # Section keys in binder order (wrap.binder.sections.SECTIONS).
    sections = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done_sections = models.PositiveSmallIntegerField(default=0)
    current = models.CharField("section being built", max_length=120, blank=True)
    # Sections that could not be built: [{"key", "title", "error"}]; the rest still are.
    failures = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=300, blank=True)
    pdf = models.FileField(upload_to=binder_path, blank=True)
    zip = models.FileField(upload_to=binder_path, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    document_count = models.PositiveIntegerField(null=True, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(edition__in=["studio", "accounting", "payroll", "office"]),
                name="binder_edition_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_edition_display()} binder #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def total_sections(self) -> int:
        return len(self.sections)


def wrap_document_path(document: "WrapDocument", filename: str) -> str:
    return f"wrap/{document.production_id}/documents/{filename}"


class WrapDocument(models.Model):
    """A release or agreement on file that no app makes (appearance and materials releases):
    uploaded on the binder's page, bound into its releases section."""

    class Kind(models.TextChoices):
        APPEARANCE = "appearance", "Appearance release"
        MATERIALS = "materials", "Materials release"
        AGREEMENT = "agreement", "Other agreement"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="wrap_documents"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=wrap_document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["appearance", "materials", "agreement"]),
                name="wrap_document_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.title}"
