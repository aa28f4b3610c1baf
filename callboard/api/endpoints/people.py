"""Cast, crew and vendor lists; people are written with the same form (and so the same checks)
as the page, and each field shows only to a token whose role and scopes may see it."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms.models import model_to_dict
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, scoped
from callboard.people import services
from callboard.people.columns import can_see
from callboard.people.forms import PersonForm
from callboard.people.models import Department, Person, Vendor

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS, WRITE_ERRORS, BodyIn, CalendarDate, decimal_text

router = Router(tags=["People"])


class DepartmentOut(Schema):
    id: int
    name: str
    order: int


class PersonOut(Schema):
    """A field the token may not see is null (addresses, emergency contacts and notes need
    the "private" scope and a role that reads them; rates likewise; a cast member's e-mail and
    phones are private too)."""

    id: int
    kind: str
    first_name: str
    last_name: str
    preferred_name: str
    display_name: str
    pronouns: str
    department_id: int | None
    department: str | None
    position: str
    is_department_head: bool
    character: str
    cast_number: int | None
    minor_age: str
    union: str
    local: str
    start_date: date | None
    end_date: date | None
    status: str
    email: str | None
    phone: str | None
    phone_other: str | None
    street: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    emergency_name: str | None
    emergency_relation: str | None
    emergency_phone: str | None
    notes: str | None
    rate: Decimal | None
    rate_unit: str | None
    created_at: datetime
    updated_at: datetime


_GUARDED = (
    "email",
    "phone",
    "phone_other",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_name",
    "emergency_relation",
    "emergency_phone",
    "notes",
    "rate",
    "rate_unit",
)
_PLAIN = [name for name in PersonOut.model_fields if name not in _GUARDED]


def _visible(access) -> dict[str, tuple[str, ...]]:
    """The guarded fields this access sees, for each kind of person."""
    return {
        kind: tuple(name for name in _GUARDED if can_see(access, kind=kind, name=name))
        for kind in Person.Kind.values
    }


def person_out(person: Person, access, visible: dict | None = None) -> dict:
    row = {name: getattr(person, name, None) for name in _PLAIN}
    row["department"] = person.department.name if person.department else None
    row.update(dict.fromkeys(_GUARDED))
    for name in (visible or _visible(access))[person.kind]:
        row[name] = getattr(person, name)
    return row


class PersonIn(BodyIn):
    """The fields of the person form; on PATCH only those given change. A field the token may
    not write (rates, addresses without the scope and the role) is refused."""

    kind: Literal["crew", "cast"] | None = None
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    preferred_name: str | None = Field(None, max_length=100)
    pronouns: str | None = Field(None, max_length=40)
    department_id: int | None = None
    position: str | None = Field(None, max_length=120)
    is_department_head: bool | None = None
    character: str | None = Field(None, max_length=120)
    cast_number: int | None = Field(None, ge=1, le=9999)
    minor_age: str | None = None
    union: str | None = Field(None, max_length=60)
    local: str | None = Field(None, max_length=30)
    start_date: CalendarDate | None = None
    end_date: CalendarDate | None = None
    status: Literal["prepping", "shooting", "wrapped"] | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    phone_other: str | None = Field(None, max_length=40)
    street: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=60)
    emergency_name: str | None = Field(None, max_length=200)
    emergency_relation: str | None = Field(None, max_length=60)
    emergency_phone: str | None = Field(None, max_length=40)
    notes: str | None = Field(None, max_length=5000)
    rate: decimal_text(max_digits=12, decimal_places=4) | None = None
    rate_unit: Literal["hour", "day", "week", ""] | None = None


class PersonCreateIn(PersonIn):
    kind: Literal["crew", "cast"]
    first_name: str = Field(min_length=1, max_length=100)


class PeopleFilter(ListParams):
    kind: Literal["crew", "cast"] | None = None
    department_id: int | None = None


PersonPage = page_schema(PersonOut)


@router.get("/{production}/departments", response={200: list[DepartmentOut], **ERRORS})
def departments_list(request, production: str):
    need(request, Cap.PEOPLE_VIEW)
    return scoped(Department, request)


@router.get("/{production}/people", response={200: PersonPage, **ERRORS})
def people_list(request, production: str, filters: Query[PeopleFilter]):
    """Cast and crew, in the order they changed; tombstones for people taken off the lists."""
    access = need(request, Cap.PEOPLE_VIEW)
    rows = Person.objects.filter(production=access.production).select_related("department")
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.department_id:
        rows = rows.filter(department_id=filters.department_id)
    live, gone, next_cursor = cursor_page(rows, filters)
    visible = _visible(access)
    return {
        "items": [person_out(p, access, visible) for p in live],
        "deleted": gone,
        "next_cursor": next_cursor,
    }


@router.get("/{production}/people/{person_id}", response={200: PersonOut, **ERRORS})
def person_detail(request, production: str, person_id: int):
    access = need(request, Cap.PEOPLE_VIEW)
    person = get_scoped_or_404(
        Person.objects.active().select_related("department"), request, pk=person_id
    )
    return person_out(person, access)


def _person_save(request, person: Person | None, payload: PersonIn) -> Person:
    """Through the person form, as the page saves: the same fields, checks and messages."""
    access = need(request, Cap.PEOPLE_EDIT)
    given = payload.model_dump(exclude_unset=True)
    if "department_id" in given:
        given["department"] = given.pop("department_id")
    # The fields this token may write: the form drops those its role and scopes may not see.
    form = PersonForm(instance=person, production=access.production, membership=access)
    refused = sorted(set(given) - set(form.fields))
    if refused:
        raise ValidationError({name: ["This token may not write this field."] for name in refused})
    # The form sees every field: the stored ones (a new person's defaults), then those given.
    base = person or Person(production=access.production)
    stored = model_to_dict(base, fields=list(form.fields))
    data = {name: value for name, value in stored.items() if value is not None}
    data["sms_opt_in"] = bool(base.sms_opt_in_at)
    data.update({k: v for k, v in given.items() if v is not None})
    form = PersonForm(data=data, instance=person, production=access.production, membership=access)
    if not form.is_valid():
        raise ValidationError(
            {
                field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        )
    try:
        if person is None:
            return services.person_create(
                actor=access.user, production=access.production, **form.service_fields()
            )
        return services.person_update(
            actor=access.user, person=Person.objects.get(pk=person.pk), **form.service_fields()
        )
    except IntegrityError as exc:
        raise ValidationError("This conflicts with someone already on the list.") from exc


@router.post("/{production}/people", response={201: PersonOut, **WRITE_ERRORS})
def person_create(request, production: str, payload: PersonCreateIn):
    """Add someone to the cast or crew list (needs the write scope and a role that adds
    people). ``kind`` and ``first_name`` are required; crew need a department, cast a
    character."""
    person = _person_save(request, None, payload)
    return Status(201, person_out(person, request.auth))


@router.patch("/{production}/people/{person_id}", response={200: PersonOut, **WRITE_ERRORS})
def person_update(request, production: str, person_id: int, payload: PersonIn):
    """Change the fields given; the rest stay as they are."""
    need(request, Cap.PEOPLE_EDIT)
    person = get_scoped_or_404(Person.objects.active(), request, pk=person_id)
    saved = _person_save(request, person, payload)
    return person_out(Person.objects.select_related("department").get(pk=saved.pk), request.auth)


class VendorOut(Schema):
    id: int
    name: str
    categories: list[str]
    phone: str
    email: str
    website: str
    street: str
    city: str
    region: str
    postal_code: str
    account_number: str
    created_at: datetime
    updated_at: datetime


VendorPage = page_schema(VendorOut)
_VENDOR_PLAIN = [name for name in VendorOut.model_fields if name != "categories"]


@router.get("/{production}/vendors", response={200: VendorPage, **ERRORS})
def vendors_list(request, production: str, params: Query[ListParams]):
    need(request, Cap.VENDORS_VIEW)
    rows = Vendor.objects.filter(production=request.auth.production).prefetch_related("categories")
    live, gone, next_cursor = cursor_page(rows, params)
    return {
        "items": [
            {
                **{
                    name: getattr(v, name)
                    for name in VendorOut.model_fields
                    if name != "categories"
                },
                "categories": [c.name for c in v.categories.all()],
            }
            for v in live
        ],
        "deleted": gone,
        "next_cursor": next_cursor,
    }
