"""The shared controls: open warnings block, overrides need the capability and a reason,
and nobody approves what they entered or two steps of one chain."""

import pytest

from callboard.core.capabilities import Cap, Role
from callboard.core.controls import (
    ControlError,
    open_warnings,
    require_cleared,
    require_other_person,
    warnings_with_overrides,
)
from callboard.core.models import AuditEvent, Membership
from callboard.core.services import warning_override
from callboard.core.testing import add_member
from callboard.people.testing import make_person

WARNINGS = ["Deal memo says $400.00/hour; the crew list says $21.75/hour.", "I-9 is late."]


def _membership(production, role):
    user = add_member(production, role)
    return user, Membership.objects.get(user=user, production=production)


def test_open_warning_blocks_until_overridden_with_a_reason(production):
    subject = make_person(production)
    with pytest.raises(ControlError, match="2 warnings"):
        require_cleared(subject, WARNINGS)
    upm, membership = _membership(production, Role.UPM)
    warning_override(
        actor=upm,
        membership=membership,
        capability=Cap.PAPERWORK_OVERRIDE,
        subject=subject,
        warning=WARNINGS[0],
        reason="Rate renegotiated by the UPM",
        allowed=WARNINGS,
    )
    assert open_warnings(subject, WARNINGS) == [WARNINGS[1]]
    shown = warnings_with_overrides(subject, WARNINGS)
    assert shown[0].override.reason == "Rate renegotiated by the UPM"
    assert AuditEvent.objects.filter(changes__has_key="warning_overridden").exists()
    with pytest.raises(ControlError, match="I-9 is late"):
        require_cleared(subject, WARNINGS)


def test_a_changed_warning_blocks_again(production):
    subject = make_person(production)
    upm, membership = _membership(production, Role.UPM)
    warning_override(
        actor=upm,
        membership=membership,
        capability=Cap.PAPERWORK_OVERRIDE,
        subject=subject,
        warning=WARNINGS[1],
        reason="Receipt seen, fine for now",
        allowed=WARNINGS,
    )
    assert open_warnings(subject, ["I-9 is 3 days late."]) == ["I-9 is 3 days late."]


@pytest.mark.parametrize(
    ("role", "reason", "message"),
    [
        (Role.COORDINATOR, "A perfectly good reason", "may not override"),
        (Role.UPM, "ok", "Say why"),
    ],
)
def test_override_needs_the_capability_and_a_real_reason(production, role, reason, message):
    subject = make_person(production)
    user, membership = _membership(production, role)
    with pytest.raises(ControlError, match=message):
        warning_override(
            actor=user,
            membership=membership,
            capability=Cap.PAPERWORK_OVERRIDE,
            subject=subject,
            warning=WARNINGS[0],
            reason=reason,
            allowed=WARNINGS,
        )
    assert open_warnings(subject, WARNINGS) == WARNINGS


def test_nobody_overrides_a_warning_that_is_not_shown(production):
    subject = make_person(production)
    upm, membership = _membership(production, Role.UPM)
    with pytest.raises(ControlError, match="no longer on the page"):
        warning_override(
            actor=upm,
            membership=membership,
            capability=Cap.PAPERWORK_OVERRIDE,
            subject=subject,
            warning="made up",
            reason="A long enough reason",
            allowed=WARNINGS,
        )


def test_nobody_approves_what_they_entered_or_two_steps(production):
    clerk = add_member(production, Role.COORDINATOR)
    other = add_member(production, Role.UPM)
    with pytest.raises(ControlError, match="You entered"):
        require_other_person(clerk, entered_by_ids=[clerk.pk], what="this invoice")
    with pytest.raises(ControlError, match="already approved"):
        require_other_person(other, entered_by_ids=[clerk.pk], approved_by_ids=[other.pk])
    require_other_person(other, entered_by_ids=[clerk.pk], approved_by_ids=[None])


def test_whoever_overrides_a_warning_does_not_approve_over_it(production):
    subject = make_person(production)
    upm, membership = _membership(production, Role.UPM)
    warning_override(
        actor=upm,
        membership=membership,
        capability=Cap.PAPERWORK_OVERRIDE,
        subject=subject,
        warning=WARNINGS[0],
        reason="Rate agreed with the studio",
        allowed=WARNINGS,
    )
    with pytest.raises(ControlError, match="second person"):
        require_cleared(subject, WARNINGS[:1], approver=upm)
    require_cleared(subject, WARNINGS[:1], approver=add_member(production, Role.COORDINATOR))
