"""Start packets: the forms one person fills for one production, their answers (private ones
sealed), the review chain and every event, ending in one signed PDF."""

from django.conf import settings
from django.db import models

from callboard.core.models import Production

from .catalogue import FORMS, adapted


class Packet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent"
        SENT = "sent", "Sent"
        OPENED = "opened", "Opened"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        NEEDS_CORRECTION = "needs_correction", "Needs correction"
        APPROVED = "approved", "Approved"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="packets")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="packets")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(null=True, blank=True)
    job_days = models.PositiveIntegerField(null=True, blank=True)
    # Who approves, in order (roles); and who did, with when.
    chain = models.JSONField(default=list, blank=True)
    approvals = models.JSONField(default=list, blank=True)
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="packet"
    )
    sealed_pdf = models.FileField(upload_to="packets/", blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Start packet — {self.person}"

    @property
    def next_approver(self) -> str | None:
        done = len(self.approvals)
        return self.chain[done] if done < len(self.chain) else None


class PaperworkSettings(models.Model):
    """How a production adapts the standard forms: which it uses, their terms, extra
    questions, and who approves packets, in order."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="paperwork_settings"
    )
    # {"<kind>": {"enabled": bool, "body": str, "extra": [{"label": str, "required": bool}]}}
    forms = models.JSONField(default=dict, blank=True)
    chain = models.JSONField(default=list, blank=True)
    # The I-9's SSN is optional unless the employer uses E-Verify.
    uses_everify = models.BooleanField("uses E-Verify", default=False)
    # Printed on wage notices, filled from the deal with the rate and overtime rate.
    payday = models.CharField(max_length=120, blank=True, default="Friday of the following week")

    def __str__(self):
        return f"Paperwork settings — {self.production}"


def settings_for(production: Production) -> "PaperworkSettings":
    """The production's settings (unsaved defaults when it has none); read once per object."""
    cached = getattr(production, "_paperwork_settings_cache", None)
    if cached is None:
        cached = PaperworkSettings.objects.filter(production=production).first() or (
            PaperworkSettings(production=production)
        )
        production._paperwork_settings_cache = cached
    return cached


class PacketForm(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        NEEDS_CORRECTION = "needs_correction", "Needs correction"
        APPROVED = "approved", "Approved"

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="forms")
    kind = models.CharField(max_length=40)  # catalogue.FORMS key
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    # Answers that are not private, as typed.
    values = models.JSONField(default=dict, blank=True)
    # Private answers (SSN, date of birth, bank numbers): {"field": vault token}.
    sealed = models.JSONField(default=dict, blank=True)
    # {"employee": {"name", "typed" | "svg", "at", "ip", "method"}, "production": {...}}
    signatures = models.JSONField(default=dict, blank=True)
    comments = models.TextField(blank=True)  # what to correct, from the reviewer
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The person's request for a change to the office's terms (they never edit them).
    change_request = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    # Direct deposit: the bank details last submitted, as {"digest", "shown"} (a keyed hash
    # and the masked account), so a later change is seen and confirmed.
    submitted_bank = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["packet", "kind"], name="packet_form_once")]

    def __str__(self):
        return f"{self.kind} — {self.packet.person}"

    @property
    def spec(self):
        """The form's definition as this production adapted it."""
        return adapted(FORMS[self.kind], settings_for(self.packet.production).forms.get(self.kind))


class PacketFormVersion(models.Model):
    """A form as it was signed before the office changed its terms: kept in the packet's
    history (and printed on its PDF) while the person signs the new version."""

    form = models.ForeignKey(PacketForm, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    values = models.JSONField(default=dict)
    signatures = models.JSONField(default=dict)
    status = models.CharField(max_length=20)
    submitted_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.CharField(max_length=200)
    reason = models.CharField(max_length=300)
    document_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["form", "version"]
        constraints = [
            models.UniqueConstraint(fields=["form", "version"], name="packet_form_version_once")
        ]

    def __str__(self):
        return f"{self.form} v{self.version}"


class BankChange(models.Model):
    """New direct-deposit details after earlier ones were submitted: the usual payroll-diversion
    fraud. Confirmed by the person through the e-mail or phone the crew list knew before."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the person to confirm"
        CONFIRMED = "confirmed", "Confirmed by the person"
        DISPUTED = "disputed", "The person says they did not make it"

    form = models.ForeignKey(PacketForm, on_delete=models.CASCADE, related_name="bank_changes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    before = models.CharField(max_length=120)  # masked: "First Bank ••••6789"
    after = models.CharField(max_length=120)
    confirm_to = models.CharField(max_length=200)  # where the confirmation went (masked)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"Bank change {self.before} → {self.after} ({self.status})"


class PacketEvent(models.Model):
    """The audit trail printed on the packet's last page."""

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    event = models.CharField(max_length=1000)
    who = models.CharField(max_length=200)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    document_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.event}"


class ProductionCertificate(models.Model):
    """The production's signing certificate: made per installation, replaceable by the
    studio's own. The private key is stored sealed (core.vault)."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="signing_certificate"
    )
    key_sealed = models.TextField()
    cert_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Signing certificate — {self.production}"


def upload_path(upload: "PacketUpload", filename: str) -> str:
    return f"paperwork/{upload.form.packet.production_id}/{upload.form.packet_id}/{filename}"


class PacketUpload(models.Model):
    """An identity document (photo or PDF) attached to a form; served to the office only."""

    form = models.ForeignKey(PacketForm, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to=upload_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
