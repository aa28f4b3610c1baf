"""Lists through the API: a cursor page of rows in the order they changed, so a mirror can
follow a production by asking for what changed since its last call.

Every list takes ``updated_since`` (rows changed at or after that moment), ``cursor`` (the
``next_cursor`` of the previous page) and ``limit``. A model that is deleted softly reports
its deleted rows as tombstones (``deleted``) once ``updated_since`` is given; a full listing
(no ``updated_since``) shows only the live rows.
"""

import base64
import json
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from ninja import Field, Schema
from ninja.errors import HttpError
from pydantic import create_model, field_validator

MAX_LIMIT = 500


class ListParams(Schema):
    updated_since: datetime | None = Field(
        None, description="Only rows created, changed or deleted at or after this moment."
    )
    cursor: str | None = Field(
        None, pattern=r"^[A-Za-z0-9_-]+$", description="The next_cursor of the previous page."
    )
    limit: int = Field(100, ge=1, le=MAX_LIMIT)

    @field_validator("updated_since", mode="before")
    @classmethod
    def _a_moment_with_its_offset(cls, value):
        # pydantic would take a number as seconds since 1970, and a moment without an offset
        # means a different instant in each time zone: both are refused.
        if value is None or isinstance(value, datetime):
            return value
        moment = parse_datetime(value) if isinstance(value, str) else None
        if moment is None or moment.tzinfo is None:
            raise ValueError("a moment in ISO 8601 with its offset, e.g. 2027-03-01T09:00:00Z")
        return moment


class Tombstone(Schema):
    id: int
    deleted_at: datetime


def page_schema(item: type[Schema]) -> type[Schema]:
    """The page of ``item``s: the rows, the tombstones and the cursor to the next page."""
    return create_model(
        f"{item.__name__}Page",
        __base__=Schema,
        items=(list[item], ...),
        deleted=(list[Tombstone], []),
        next_cursor=(str | None, None),
    )


def _encode(changed: datetime, pk: int) -> str:
    raw = json.dumps([changed.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        stamp, pk = json.loads(raw)
        changed = parse_datetime(stamp)
        if changed is None or not isinstance(pk, int):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HttpError(422, "This cursor is not one this API gave out.") from exc
    return changed, pk


def cursor_page(
    rows: QuerySet,
    params: ListParams,
    *,
    changed: str = "updated_at",
    deleted: str | None = "deleted_at",
) -> tuple[list, list[dict], str | None]:
    """(live rows, tombstones, next cursor) of one page, ordered by ``changed`` then id."""
    if deleted and params.updated_since is None:
        rows = rows.filter(**{f"{deleted}__isnull": True})
    if params.updated_since is not None:
        rows = rows.filter(**{f"{changed}__gte": params.updated_since})
    if params.cursor:
        after, pk = _decode(params.cursor)
        rows = rows.filter(Q(**{f"{changed}__gt": after}) | Q(**{changed: after, "pk__gt": pk}))
    found = list(rows.order_by(changed, "pk")[: params.limit + 1])
    more = len(found) > params.limit
    found = found[: params.limit]
    next_cursor = _encode(getattr(found[-1], changed), found[-1].pk) if more else None
    if not deleted:
        return found, [], next_cursor
    live = [row for row in found if getattr(row, deleted) is None]
    gone = [
        {"id": row.pk, "deleted_at": getattr(row, deleted)}
        for row in found
        if getattr(row, deleted)
    ]
    return live, gone, next_cursor
