import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal

from callboard.core.models import User
from callboard.ops.tests.backups import backup, empty_installation, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_permissions_and_groups_are_restored_by_name_where_their_numbers_differ(
    settings, tmp_path, monkeypatch
):
    """Content types and permissions get other ids in another database (PostgreSQL after
    SQLite, or another order of apps): the backup names them, so they land on the right ones."""
    _use_key(monkeypatch)
    production = seed_show(file_bytes=1000)
    user = production.memberships.first().user
    audit = Permission.objects.get(codename="view_auditevent")
    group = Group.objects.create(name="Auditors")
    group.permissions.add(audit)
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_vendor"))
    highest = Permission.objects.order_by("-pk").first().pk
    archive = backup(tmp_path / "show.cbk")

    empty_installation(settings, tmp_path / "elsewhere")
    # Number every content type and permission past the old ones, as another database might.
    ContentType.objects.all().delete()
    placeholder = ContentType.objects.create(app_label="elsewhere", model="placeholder")
    Permission.objects.bulk_create(
        Permission(content_type=placeholder, codename=f"p{n}", name=f"p{n}") for n in range(highest)
    )
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Permission.objects.get(codename="view_auditevent").pk > highest
    restore(archive)

    user = User.objects.get(email=user.email)
    assert user.has_perm("core.view_auditevent")
    assert user.has_perm("people.change_vendor")
    assert not user.has_perm("people.delete_vendor")
    assert list(user.groups.values_list("name", flat=True)) == ["Auditors"]
