"""Issue 15, item 12 (review): a confirmation already told in its own e-mail is not told again by
a digest: not by the first digest after the production switches to digests, not by a digest that
was open when it switched to one e-mail each, and not by the first digest after the upgrade that
began recording it (the migration marks what was told before)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from callboard.core.models import AuditEvent
from callboard.distribution.models import Delivery, DistributionSettings
from callboard.distribution.services import distribution_settings_update

from . import test_confirmations_come_as_one_digest_every_quarter_hour as digests_test
from .conftest import run_worker
from .test_confirmations_come_as_one_digest_every_quarter_hour import _confirm, _mail_to, _send

clock = digests_test.clock  # fixtures: a clock the test moves, the coordinator told
coordinator = digests_test.coordinator

pytestmark = pytest.mark.django_db(transaction=True)


def _switch(production, coordinator, clock, confirmations):
    distribution_settings_update(
        actor=coordinator, production=production, confirmations=confirmations
    )
    # AuditEvent.at's default was bound before the test moved the clock: date it by the clock.
    AuditEvent.objects.filter(pk=AuditEvent.objects.latest("id").pk).update(at=clock.now)


def _upgrade_again():
    """Back to before confirmation_told_at existed, and forward to the newest migration (not
    only 0005: the tests after this one need every later column): its data migration runs."""
    MigrationExecutor(connection).migrate([("distribution", "0004_digest_doubt_told")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_switching_to_digests_does_not_retell_confirmations_told_one_each(
    production, crew, coordinator, clock, db_tasks
):
    settings_row = DistributionSettings.objects.create(production=production, confirmations="each")
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])  # told at once, on its own
    run_worker()
    assert len(_mail_to(coordinator)) == 1
    settings_row.confirmations = "digest"
    settings_row.save()
    clock.at(5)
    _confirm(dispatch, crew[1])
    clock.at(15, 1)
    run_worker()
    digest = _mail_to(coordinator)[-1]
    assert crew[1].display_name in digest.body
    assert crew[0].display_name not in digest.body, digest.body  # told already at 10:03


def test_a_digest_open_when_the_setting_turns_to_each_tells_only_what_it_gathered(
    production, crew, coordinator, clock, db_tasks
):
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])  # gathered by a digest due at 10:15
    clock.at(4)
    _switch(production, coordinator, clock, "each")
    clock.at(5)
    _confirm(dispatch, crew[1])  # told at once, on its own
    run_worker()
    [each] = _mail_to(coordinator)
    assert crew[1].display_name in each.subject
    clock.at(15, 1)
    run_worker()
    digest = _mail_to(coordinator)[-1]
    assert digest.pk != each.pk
    assert crew[0].display_name in digest.body
    assert crew[1].display_name not in digest.body, digest.body
    assert (
        Delivery.objects.filter(confirmed_at__isnull=False, confirmation_told_at=None).count() == 0
    )


def test_after_the_upgrade_the_first_digest_lists_only_confirmations_waiting_for_it(
    production, crew, coordinator, clock, db_tasks
):
    """Made before the upgrade: one confirmation told in its own e-mail, then (digests again)
    one gathered by the open digest. The upgrade marks the first told, not the second."""
    _switch(production, coordinator, clock, "each")
    dispatch = _send(production, crew[:3], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])
    run_worker()
    clock.at(4)
    _switch(production, coordinator, clock, "digest")
    clock.at(5)
    _confirm(dispatch, crew[1])
    _upgrade_again()
    assert Delivery.objects.get(person=crew[0]).confirmation_told_at is not None
    assert Delivery.objects.get(person=crew[1]).confirmation_told_at is None
    clock.at(15, 1)
    run_worker()
    mails = _mail_to(coordinator)
    assert len(mails) == 2
    assert crew[1].display_name in mails[-1].body
    assert crew[0].display_name not in mails[-1].body, mails[-1].body


def test_after_the_upgrade_a_digest_does_not_retell_what_a_digest_or_an_e_mail_told(
    production, crew, coordinator, clock, db_tasks
):
    """A digest taken at 10:15, one e-mail each for a while, digests again: at the upgrade the
    digest open since 10:15 is waiting for the last confirmation only."""
    dispatch = _send(production, crew[:4], coordinator)
    clock.at(3)
    _confirm(dispatch, crew[0])
    clock.at(15, 1)
    run_worker()  # the 10:15 digest lists crew[0]; the next one is open, due at 10:30
    clock.at(18)
    _switch(production, coordinator, clock, "each")
    clock.at(20)
    _confirm(dispatch, crew[1])  # its own e-mail, while the 10:30 digest is open
    run_worker()
    clock.at(22)
    _switch(production, coordinator, clock, "digest")
    clock.at(25)
    _confirm(dispatch, crew[2])  # joins the 10:30 digest
    assert len(_mail_to(coordinator)) == 2
    _upgrade_again()
    told = dict(Delivery.objects.values_list("person_id", "confirmation_told_at"))
    assert told[crew[0].pk] is not None and told[crew[1].pk] is not None
    assert told[crew[2].pk] is None
    clock.at(30, 1)
    run_worker()
    mails = _mail_to(coordinator)
    assert len(mails) == 3
    last = mails[-1].body
    assert crew[2].display_name in last
    assert crew[0].display_name not in last and crew[1].display_name not in last, last
