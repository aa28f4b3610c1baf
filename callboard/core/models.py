import contextlib
import zoneinfo
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from .capabilities import CAPABILITIES, ROLE_CHOICES, Cap, Role

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones() if "/" in tz)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Crew without an account use signed links instead."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return (self.name or self.email).split()[0]

    @property
    def can_create_productions(self) -> bool:
        """Staff of the installation, and studio admins of any show, may start a new one."""
        return (
            self.is_staff
            or self.memberships.filter(role=Role.STUDIO_ADMIN, is_active=True).exists()
        )


class ProductionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)

    def for_user(self, user):
        """The productions a user belongs to: the one door into tenant data."""
        if not user.is_authenticated:
            return self.none()
        return self.active().filter(memberships__user=user, memberships__is_active=True).distinct()


class Production(models.Model):
    class Kind(models.TextChoices):
        FEATURE = "feature", "Feature"
        EPISODIC = "episodic", "Episodic"
        COMMERCIAL = "commercial", "Commercial"

    class UnionStatus(models.TextChoices):
        UNION = "union", "Union"
        NON_UNION = "non_union", "Non-union"
        MIXED = "mixed", "Mixed (some unions)"

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FEATURE)
    season = models.PositiveSmallIntegerField(null=True, blank=True)
    episode = models.CharField(max_length=40, blank=True, help_text="e.g. 101 or 101–104")
    company = models.CharField("production company", max_length=200, blank=True)
    office_address = models.TextField(blank=True)
    office_phone = models.CharField(max_length=40, blank=True)
    office_email = models.EmailField(blank=True)
    time_zone = models.CharField(
        max_length=64, choices=TIME_ZONE_CHOICES, default="America/Los_Angeles"
    )
    prep_start = models.DateField(null=True, blank=True)
    shoot_start = models.DateField(null=True, blank=True)
    shoot_end = models.DateField(null=True, blank=True)
    wrap_end = models.DateField(null=True, blank=True)
    union_status = models.CharField(
        max_length=20, choices=UnionStatus.choices, default=UnionStatus.UNION
    )
    agreement = models.CharField(
        max_length=200, blank=True, help_text="e.g. IATSE Basic Agreement, SAG-AFTRA Low Budget"
    )
    # The order of script revision colours; empty means the trade's default (scripts app).
    revision_colours = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = ProductionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prep_start__isnull=True)
                | models.Q(shoot_start__isnull=True)
                | models.Q(prep_start__lte=models.F("shoot_start")),
                name="production_prep_before_shoot",
            ),
            models.CheckConstraint(
                condition=models.Q(shoot_start__isnull=True)
                | models.Q(shoot_end__isnull=True)
                | models.Q(shoot_start__lte=models.F("shoot_end")),
                name="production_shoot_start_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(shoot_end__isnull=True)
                | models.Q(wrap_end__isnull=True)
                | models.Q(shoot_end__lte=models.F("wrap_end")),
                name="production_shoot_end_before_wrap",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def episode_line(self) -> str:
        """'Season 2, Ep. 201' for episodic shows, else empty."""
        if self.kind != self.Kind.EPISODIC or not self.season:
            return ""
        return f"Season {self.season}" + (f", Ep. {self.episode}" if self.episode else "")

    @property
    def display_title(self) -> str:
        return f"{self.title} — {self.episode_line}" if self.episode_line else self.title

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def today(self) -> date:
        """Today where the production is, not where the server is."""
        return timezone.localdate(timezone=self.tzinfo)

    def phase_on(self, day: date) -> str:
        """Prep, shoot or wrap on a given day, as the office says it."""
        if self.shoot_start and day < self.shoot_start:
            if self.prep_start and day >= self.prep_start:
                return f"Prep day {(day - self.prep_start).days + 1}"
            return f"{(self.shoot_start - day).days} days to first shoot day"
        if self.shoot_start and (not self.shoot_end or day <= self.shoot_end):
            return "Shooting"
        if self.shoot_end and (not self.wrap_end or day <= self.wrap_end):
            return "Wrap"
        return "Wrapped" if self.wrap_end else ""


class Membership(models.Model):
    """A user's role on one production."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["production", "user"], name="one_membership_per_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} on {self.production}"

    @property
    def capabilities(self) -> frozenset[Cap]:
        return CAPABILITIES[Role(self.role)]

    def can(self, capability: Cap) -> bool:
        return capability in self.capabilities


class Invitation(models.Model):
    """An e-mailed invitation to join a production with a role."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class LinkGrant(models.Model):
    """The server side of a signed link for someone without an account.

    The signature proves the link was made here and when; the grant row lets
    the office revoke it early and records its use.
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="link_grants")
    purpose = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    first_used_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["production", "purpose", "subject_type", "subject_id"])]

    def __str__(self):
        return (
            f"{self.purpose} link, {self.created_at:%b %-d %H:%M}"
            if self.created_at
            else self.purpose
        )


class OnceToken(models.Model):
    """A one-time form token claimed by the save it came with (core/once.py): a second post of
    the same form (a double click, a resubmit after Back) finds the claim and the object the
    first one made, instead of making another."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64)
    purpose = models.CharField(max_length=60)
    object_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["production", "user", "token"], name="once_token_claimed_once"
            )
        ]

    def __str__(self):
        return f"{self.purpose} token"


OBJECT_LABELS = {
    "distributiongroup": "group",
    "linkgrant": "signed link",
    "membership": "team member",
    "vendorcontact": "vendor contact",
}


class AuditEvent(models.Model):
    """Who created, changed or deleted what, and when. Written by services only."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Removed"
        RESTORE = "restore", "Restored"
        IMPORT = "import", "Imported"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="audit_events", null=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.BigIntegerField(null=True)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["production", "object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field label, old, new) for each change, labelled as the forms label them."""
        model = next((m for m in apps.get_models() if m._meta.model_name == self.object_type), None)
        rows = []
        for name, values in self.changes.items():
            label = name.replace("_", " ")
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist):
                    # Reverse relations (a vendor's contacts) have no verbose name.
                    label = str(getattr(model._meta.get_field(name), "verbose_name", label))
            old, new = values if isinstance(values, list) and len(values) == 2 else (None, values)
            rows.append((label, old, new))
        return rows

    @property
    def object_label(self) -> str:
        """What the record is, in the office's words."""
        return OBJECT_LABELS.get(self.object_type, self.object_type)


class OutboundEmail(models.Model):
    """Every e-mail Callboard sends, kept for the in-app outbox and for tracing."""

    to = models.TextField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class WarningOverride(models.Model):
    """A "To check" item someone with the right to do so let pass, with their reason.

    Keyed by the warning's exact text on one record: when the figures behind a warning change,
    its text changes and the override no longer applies — the new warning blocks again.
    """

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="warning_overrides"
    )
    subject_type = models.CharField(max_length=60)  # "<app_label>.<model_name>"
    subject_id = models.BigIntegerField()
    warning = models.TextField()
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_label = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return f"Overridden by {self.by_label}: {self.warning[:80]}"
