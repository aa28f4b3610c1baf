"""Writes for productions, memberships and invitations. Each function is one transaction."""

from collections.abc import Callable
from datetime import timedelta

from django.apps import apps
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .audit import audit_record, diff, snapshot
from .capabilities import CAPABILITIES, Role
from .models import AuditEvent, Invitation, Membership, Production, User, WarningOverride
from .outbox import INVITATION, outbox_send
from .vault import SEALED_FIELDS, VaultError, reseal

PRODUCTION_FIELDS = [
    "title",
    "kind",
    "season",
    "episode",
    "company",
    "office_address",
    "office_phone",
    "office_email",
    "time_zone",
    "prep_start",
    "shoot_start",
    "shoot_end",
    "wrap_end",
    "union_status",
    "agreement",
    "revision_colours",
]
INVITATION_SALT = "callboard.invitation"
INVITATION_DAYS = 14
# The same invitation asked for again within this (a double-click, a retried request): one.
INVITATION_AGAIN_AFTER = timedelta(seconds=60)


PRODUCTION_SEEDERS: list[Callable[..., None]] = []


def production_seeder_register(seeder: Callable[..., None]) -> None:
    """An app above core that keeps lists per production (people: departments, groups, vendor
    categories) registers its seeder here at start-up (its AppConfig.ready); a new production is
    seeded by each, in the same transaction. Core never names the apps that seed."""
    if seeder not in PRODUCTION_SEEDERS:
        PRODUCTION_SEEDERS.append(seeder)


def unique_slug(title: str) -> str:
    base = slugify(title)[:50] or "production"
    slug, n = base, 2
    while Production.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def production_create(*, actor: User | None, slug: str | None = None, **fields) -> Production:
    """Create a production; its creator becomes its studio admin (a command has no creator:
    the studio's admins invite the team)."""
    production = Production(slug=slug or unique_slug(fields["title"]), **fields)
    production.full_clean()
    production.save()
    if actor is not None:
        Membership.objects.create(production=production, user=actor, role=Role.STUDIO_ADMIN)
    for seed in PRODUCTION_SEEDERS:
        seed(production=production)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=production,
        changes={
            name: [None, value] for name, value in snapshot(production, PRODUCTION_FIELDS).items()
        },
    )
    return production


@transaction.atomic
def production_update(*, actor: User, production: Production, **fields) -> Production:
    before = snapshot(production, PRODUCTION_FIELDS)
    for name, value in fields.items():
        setattr(production, name, value)
    production.full_clean()
    production.save()
    changes = diff(before, snapshot(production, PRODUCTION_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            production=production,
            action=AuditEvent.Action.UPDATE,
            obj=production,
            changes=changes,
        )
    return production


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation behind a token, or None when forged, expired, used or revoked."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS))
    except signing.BadSignature:
        return None
    invitation = Invitation.objects.select_related("production").filter(pk=data.get("i")).first()
    if invitation is None or not invitation.is_open or invitation.production.deleted_at:
        return None
    return invitation


@transaction.atomic
def invitation_create(*, actor: User, production: Production, email: str, role: str) -> Invitation:
    """Invite ``email`` (an earlier open invitation to it is revoked) and e-mail the link, in
    the background once this commits. The same invitation asked for again within a minute (a
    double-click, a retried request) is the one already sent: nothing is sent twice."""
    email = email.strip().lower()
    # Two requests at once for the same show wait here for each other.
    Production.objects.select_for_update().filter(pk=production.pk).first()
    now = timezone.now()
    recent = Invitation.objects.filter(
        production=production,
        email=email,
        role=role,
        invited_by=actor,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        created_at__gt=now - INVITATION_AGAIN_AFTER,
    ).first()
    if recent is not None:
        return recent
    Invitation.objects.filter(
        production=production, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        production=production,
        email=email,
        role=role,
        invited_by=actor,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    outbox_send(
        kind=INVITATION,
        object_id=invitation.pk,
        key=f"invitation-{invitation.pk}",
        production=production,
        address=email,
        subject=f"Invitation to {production.title} on Callboard",
        actor=actor,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=invitation,
        changes={"email": [None, email], "role": [None, role]},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    membership, created = Membership.objects.get_or_create(
        production=invitation.production, user=user, defaults={"role": invitation.role}
    )
    if not created:
        # An invitation can add powers or bring a member back, never take powers away:
        # removing a role is done on the Team page by someone allowed to.
        invited = CAPABILITIES[Role(invitation.role)]
        if not invited <= membership.capabilities:
            membership.role = invitation.role
        membership.is_active = True
        membership.save(update_fields=["role", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        production=invitation.production,
        action=AuditEvent.Action.CREATE,
        obj=membership,
        changes={"role": [None, membership.role]},
    )
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        production=invitation.production,
        action=AuditEvent.Action.DELETE,
        obj=invitation,
    )


@transaction.atomic
def membership_update(*, actor: User, membership: Membership, role: str, is_active: bool):
    before = {"role": membership.role, "is_active": membership.is_active}
    membership.role, membership.is_active = role, is_active
    membership.full_clean()
    membership.save(update_fields=["role", "is_active"])
    changes = diff(before, {"role": role, "is_active": is_active})
    if changes:
        audit_record(
            actor=actor,
            production=membership.production,
            action=AuditEvent.Action.UPDATE,
            obj=membership,
            changes=changes,
        )
    return membership


OVERRIDE_REASON_MIN = 10


@transaction.atomic
def warning_override(
    *,
    actor: User,
    membership: Membership,
    capability,
    subject,
    warning: str,
    reason: str,
    allowed: list[str],
) -> WarningOverride:
    """Let one "To check" item on ``subject`` pass with a written reason. ``allowed`` is the
    list of warnings open on it now (so nobody overrides a warning nobody was shown), and
    ``capability`` the feature's override capability."""
    from .controls import ControlError, subject_type

    if not membership.can(capability):
        raise ControlError("Your role may not override this warning; ask someone whose role may.")
    if warning not in allowed:
        raise ControlError("That warning is no longer on the page; look again.")
    reason = " ".join((reason or "").split())[:1000]
    if len(reason) < OVERRIDE_REASON_MIN:
        raise ControlError("Say why this can go ahead (a sentence the next approvers will read).")
    override = WarningOverride.objects.create(
        production=membership.production,
        subject_type=subject_type(subject),
        subject_id=subject.pk,
        warning=warning,
        reason=reason,
        by=actor,
        by_label=str(actor)[:200],
    )
    audit_record(
        actor=actor,
        production=membership.production,
        action=AuditEvent.Action.UPDATE,
        obj=subject,
        changes={"warning_overridden": [warning, reason]},
    )
    return override


@transaction.atomic
def pii_keys_rotate() -> dict[str, int]:
    """Re-seal every registered private value under the newest key in PII_KEYS (the new key
    first, the old ones after it until this has run); {"app.Model.field": values re-sealed}.
    All or nothing: a token no key opens stops the rotation and changes nothing."""
    counts = {}
    for sealed in SEALED_FIELDS:
        model = apps.get_model(sealed.model)
        name = sealed.field
        empty = {} if sealed.keyed else ""
        rows = model.objects.exclude(**{name: empty}).only("pk", name).select_for_update()
        count = 0
        for row in rows.order_by("pk"):
            value = getattr(row, name)
            try:
                if sealed.keyed:
                    value = {key: reseal(token) for key, token in value.items()}
                else:
                    value = reseal(value)
            except VaultError as exc:
                raise VaultError(
                    f"{sealed.model}.{name} of #{row.pk} opens with none of the keys in "
                    "PII_KEYS: nothing was re-encrypted."
                ) from exc
            setattr(row, name, value)
            row.save(update_fields=[name])
            count += 1
        counts[f"{sealed.model}.{name}"] = count
    return counts
