"""Backing up and restoring an installation, or one production, through Django.

What a backup holds: every row of every model, as Django's serialized JSON, with pks kept and
references to content types and permissions by natural key (their pks differ between
databases; migrate creates them), so it restores into SQLite or PostgreSQL alike; every file
a row names, read through the default storage (the local folder or the bucket); and a manifest
with each member's SHA-256. ``archive.py`` encrypts it.

Left out, because a restored installation needs none of them and some would be wrong there:
content types and permissions (recreated by migrate), sessions (everyone signs in again),
the background queue's task results (django-tasks-db: finished or pending work of the old
workers; a send interrupted by the backup resumes from its lease, as after a crash), the
throttle counters' cache table (not a model: counts that expire within the hour). Private data
(core.vault) is copied as it is stored, encrypted: it reads after a restore only with the same
PII_KEYS.

A restore goes only into an empty, migrated database and writes nothing until the whole
archive has been opened and checked against its manifest; the rows go in one transaction,
the files back to the same names through the default storage.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from callboard.core import vault
from callboard.core.models import Membership, Production, User
from callboard.ops.archive import CHUNK, ArchiveError, ArchiveWriter, read_members, verify

# Rows per database member: bounds the memory a member needs on either side.
ROWS_PER_MEMBER = 2000
PII_PROBE = "callboard backup: the private data of this archive opens with these keys"
LEFT_OUT = {
    "contenttypes.contenttype": "recreated by migrate; referred to by natural key",
    "auth.permission": "recreated by migrate; referred to by natural key",
    "sessions.session": "everyone signs in again after a restore",
    "django_tasks_database.dbtaskresult": "the old workers' queue; sends resume by lease",
    "ops.workerheartbeat": "which workers were alive; the new installation's say so",
}
# Models that other rows name by natural key: not in the archive, recreated by migrate.
BY_NATURAL_KEY = (ContentType, Permission)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for an operator."""


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a full backup holds, in an order that loads (natural keys'
    targets first)."""
    by_app = defaultdict(list)
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.label_lower in LEFT_OUT:
            continue
        by_app[meta.app_config].append(model)
    return serializers.sort_dependencies(list(by_app.items()), allow_cycles=True)


def _natural(model: type[models.Model]) -> bool:
    """Whether the model's references go by natural key: those pointing at content types or
    permissions, whose pks differ between databases."""
    return any(
        f.is_relation and f.concrete and f.related_model in BY_NATURAL_KEY
        for f in model._meta.get_fields()
    )


def _path_to(model: type[models.Model], target: type[models.Model]) -> str | None:
    """The lookup from ``model`` to ``target`` along foreign keys ("" for the target itself,
    "vendor__production" for a vendor's contact), preferring a path of required keys."""
    for allow_null in (False, True):
        seen, queue = {model}, deque([(model, "")])
        while queue:
            current, path = queue.popleft()
            if current is target:
                return path
            for f in current._meta.concrete_fields:
                if not (f.many_to_one or f.one_to_one) or (f.null and not allow_null):
                    continue
                if f.related_model not in seen:
                    seen.add(f.related_model)
                    queue.append((f.related_model, f"{path}__{f.name}" if path else f.name))
    return None


@dataclass
class Selection:
    """The rows a backup takes: a queryset per model, in loading order."""

    querysets: list[tuple[type[models.Model], models.QuerySet]] = field(default_factory=list)
    scope: dict = field(default_factory=dict)


def select_everything() -> Selection:
    return Selection(
        [(m, m._base_manager.order_by("pk")) for m in backed_up_models()], {"kind": "full"}
    )


def select_production(production: Production) -> Selection:
    """One production on its own: its rows across every app; the users who are its members
    or whom its rows name (an approver who has since left), with their second-factor devices
    and groups — not their memberships of other shows; its audit trail. Not the outbox, the
    login records or anything else of the installation."""
    chosen: dict[type[models.Model], models.QuerySet] = {}
    referenced: dict[type[models.Model], set] = defaultdict(set)
    unscoped = []
    for model in backed_up_models():
        path = _path_to(model, Production)
        if path is None:
            unscoped.append(model)
            continue
        qs = model._base_manager.filter(**{path or "pk": production.pk})
        chosen[model] = qs
        for f in model._meta.concrete_fields:
            if f.is_relation and _path_to(f.related_model, Production) is None:
                ids = qs.exclude(**{f.attname: None}).values_list(f.attname, flat=True)
                referenced[f.related_model].update(ids)
    referenced[User].update(
        Membership.objects.filter(production=production).values_list("user_id", flat=True)
    )
    user_ids = referenced[User]
    for model in unscoped:
        path = _path_to(model, User)
        if model is User or path is None:
            qs = model._base_manager.filter(pk__in=referenced.get(model, ()))
        else:
            qs = model._base_manager.filter(**{f"{path}__in": user_ids})
        chosen[model] = qs
        if model is User:
            # A user's groups come along (Callboard gives none; an operator might have).
            group_ids = User.groups.through.objects.filter(user_id__in=user_ids)
            referenced[User.groups.field.related_model].update(
                group_ids.values_list("group_id", flat=True)
            )
    # Groups load before users (users name them); re-filter now that their ids are known.
    for model in unscoped:
        if model is not User and _path_to(model, User) is None:
            chosen[model] = model._base_manager.filter(pk__in=referenced.get(model, ()))
    order = backed_up_models()
    return Selection(
        [(m, chosen[m].order_by("pk")) for m in order if m in chosen],
        {"kind": "production", "slug": production.slug, "title": production.title},
    )


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _m2m_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.many_to_many
        if f.concrete and f.remote_field.through._meta.auto_created
    ]


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def backup_write(
    *, out: BinaryIO, key: bytes, selection: Selection, say: Callable[[str], None] = print
) -> dict:
    """Write the selection's rows, then the files they name, to an encrypted archive.
    The rows are read in one transaction (a consistent snapshot on PostgreSQL; on SQLite
    writers wait for the few seconds it takes). Returns the manifest."""
    writer = ArchiveWriter(out, key)
    tables: dict[str, str] = {}
    counts: dict[str, int] = {}
    file_names: set[str] = set()
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:  # (a caller's transaction is its own snapshot)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for index, (model, qs) in enumerate(selection.querysets):
            label = model._meta.label_lower
            m2m = _m2m_fields(model)
            rows = qs.prefetch_related(*m2m) if m2m else qs
            files = _file_fields(model)
            counts[label] = 0
            for part, batch in enumerate(_batches(rows.iterator(ROWS_PER_MEMBER), ROWS_PER_MEMBER)):
                data = serializers.serialize(
                    "json", batch, use_natural_foreign_keys=_natural(model)
                ).encode()
                name = f"db/{index:03d}-{label}-{part:04d}.json"
                writer.add_bytes(name, data)
                tables[name] = label
                counts[label] += len(batch)
                for obj in batch:
                    file_names.update(n for f in files if (n := getattr(obj, f.attname).name))
        migrations = _applied_migrations()
    say(f"{sum(counts.values())} rows of {len(counts)} models")
    total = 0
    missing: list[str] = []
    for name in sorted(file_names):
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError:
            say(f"  missing from the storage, not in the backup: {name}")
            missing.append(name)
            continue
        except Exception as exc:
            raise BackupError(f"The storage cannot give {name}: {exc}") from exc
        try:
            with handle:
                member = writer.add_stream(f"files/{name}", handle, handle.size)
        except ArchiveError:
            raise
        except Exception as exc:
            raise BackupError(f"The storage failed while reading {name}: {exc}") from exc
        total += member.size
    if file_names and len(missing) == len(file_names):
        raise BackupError(
            f"None of the {len(file_names)} files the rows name is in the storage: is it the "
            "right bucket or folder (S3_BUCKET, MEDIA_ROOT)? No backup was written."
        )
    say(f"{len(writer.members) - len(tables)} files, {total} bytes")
    return writer.finish(
        {
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "scope": selection.scope,
            "database": connection.vendor,
            "migrations": migrations,
            "pii_probe": vault.seal(PII_PROBE),
            "tables": tables,
            "rows": counts,
            "missing_files": missing,
        }
    )


@dataclass
class RestorePlan:
    manifest: dict
    models: dict[str, type[models.Model]]
    files_present: set[str] = field(default_factory=set)  # already there, same bytes


def _storage_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore_check(*, open_archive: Callable[[], BinaryIO], key: bytes) -> RestorePlan:
    """Open and check the whole archive, and that it can go into this database and storage.
    Writes nothing; raises ArchiveError or BackupError saying why not."""
    with open_archive() as source:
        manifest = verify(source, key)
    tables = set(connection.introspection.table_names())
    if Production._meta.db_table not in tables or User._meta.db_table not in tables:
        raise BackupError("This database is not set up: run `manage.py migrate` first.")
    # Only the apps whose rows the backup holds matter (one made with REDIS_URL also lists
    # django_rq's migrations, which a laptop without Redis does not have).
    restored_apps = {label.split(".")[0] for label in manifest["tables"].values()}
    missing = sorted(
        name
        for name in set(manifest.get("migrations", [])) - set(_applied_migrations())
        if name.split(".")[0] in restored_apps
    )
    if missing:
        raise BackupError(
            "This database lacks migrations the backup was made with: "
            f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}. Run `manage.py "
            "migrate` with a Callboard at least as new as the one that made the backup."
        )
    if Production.objects.exists() or User.objects.exists():
        raise BackupError(
            "This database is not empty (it has productions or users): a restore goes only "
            "into a new, migrated database, so nothing here is overwritten. Nothing was "
            "restored."
        )
    chosen = {}
    for label in dict.fromkeys(manifest["tables"].values()):
        try:
            model = apps.get_model(label)
        except LookupError:
            raise BackupError(
                f"The backup holds {label}, which this Callboard does not have: restore with "
                "the version that made it."
            ) from None
        chosen[label] = model
    busy = [label for label, model in chosen.items() if model._base_manager.exists()]
    if busy:
        raise BackupError(
            f"This database already holds rows of {', '.join(busy)} (though no production or "
            "user): a restore goes only into a new, migrated database. `manage.py flush` "
            "empties this one. Nothing was restored."
        )
    try:
        vault.unseal(manifest["pii_probe"])
    except (vault.VaultError, KeyError, TypeError):
        raise BackupError(
            "PII_KEYS here do not open the backup's private data (SSNs, bank and tax "
            "numbers). Set PII_KEYS to the keys of the installation that made it (yours "
            'first, then theirs: PII_KEYS="yours,theirs"). Nothing was restored.'
        ) from None
    plan = RestorePlan(manifest, chosen)
    for member in manifest["members"]:
        name = _storage_name(member["name"])
        if name is None:
            continue
        try:
            if not default_storage.exists(name):
                continue
            present = _storage_sha256(name)
        except Exception as exc:
            raise BackupError(
                f"The storage cannot be read ({exc}): check the bucket or folder, then try "
                "again. Nothing was restored."
            ) from exc
        if present != member["sha256"]:
            raise BackupError(
                f"The storage already holds a different file named {name}: a restore would "
                "overwrite it. Nothing was restored."
            )
        plan.files_present.add(name)
    return plan


def _storage_name(member_name: str) -> str | None:
    return member_name.removeprefix("files/") if member_name.startswith("files/") else None


def _load_rows(data: bytes, deferred: list) -> None:
    """Insert one member's rows as they are (pks kept; no save() or signals), then their
    many-to-many links (with new ids of their own: nothing refers to a link's id)."""
    objects = list(serializers.deserialize("json", data, handle_forward_references=True))
    if not objects:
        return
    model = type(objects[0].object)
    model._base_manager.bulk_create([o.object for o in objects])
    for name in _m2m_fields(model):
        f = model._meta.get_field(name)
        through = f.remote_field.through
        source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": o.object.pk, f"{target}_id": pk})
            for o in objects
            for pk in (o.m2m_data or {}).get(name, ())
        ]
        through._base_manager.bulk_create(links)
    deferred.extend(o for o in objects if o.deferred_fields)


def restore_apply(
    *,
    open_archive: Callable[[], BinaryIO],
    key: bytes,
    plan: RestorePlan,
    say: Callable[[str], None] = print,
) -> dict:
    """Restore what ``restore_check`` accepted: the rows in one transaction, then the files
    (still inside it, so a failure undoes the rows and the files written). Returns counts."""
    written: list[str] = []
    tables = plan.manifest["tables"]
    rows_done = False
    try:
        with transaction.atomic(), open_archive() as source:
            deferred: list = []
            for name, stream in read_members(source, key, plan.manifest):
                if name in tables:
                    _load_rows(stream.read(), deferred)
                    continue
                if not rows_done:  # the rows come first; every one of them is in
                    _finish_rows(plan.models.values(), deferred)
                    rows_done = True
                    say(f"{sum(plan.manifest['rows'].values())} rows restored; now the files")
                storage_name = _storage_name(name)
                if storage_name is None or storage_name in plan.files_present:
                    continue
                # Counted as written before it is: a failure half-way leaves part of it.
                written.append(storage_name)
                saved = default_storage.save(storage_name, File(stream, name=storage_name))
                if saved != storage_name:  # someone put a file there since the check
                    written[-1] = saved
                    raise BackupError(f"The storage saved {storage_name} as {saved}.")
            if not rows_done:
                _finish_rows(plan.models.values(), deferred)
    except (ArchiveError, BackupError):
        _remove(written)
        raise
    except Exception as exc:  # the database or the storage: said, and undone
        _remove(written)
        raise BackupError(f"The restore failed and was undone: {exc}") from exc
    except BaseException:  # interrupted: undone all the same
        _remove(written)
        raise
    return {
        "rows": sum(plan.manifest["rows"].values()),
        "files": len(written),
        "files_present": len(plan.files_present),
    }


def _finish_rows(restored, deferred: list) -> None:
    for obj in deferred:
        obj.save_deferred_fields()
    restored = list(restored)
    connection.check_constraints(table_names=[m._meta.db_table for m in restored])
    # PostgreSQL: the next id after the highest restored one (SQLite needs nothing).
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _remove(names: list[str]) -> None:
    for name in names:
        # Cleaning up after a failure must not hide that failure.
        with contextlib.suppress(Exception):
            default_storage.delete(name)
