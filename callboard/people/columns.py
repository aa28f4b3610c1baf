"""The columns of a cast/crew list: one definition shared by import, export and the
capability rules."""

from callboard.core.capabilities import Cap
from callboard.documents.tabular import VCard, write_vcards

from .mapping import FieldSpec
from .models import Person

STATUS_CHOICES = {
    "prepping": Person.Status.PREPPING,
    "prep": Person.Status.PREPPING,
    "shooting": Person.Status.SHOOTING,
    "shoot": Person.Status.SHOOTING,
    "wrapped": Person.Status.WRAPPED,
    "wrap": Person.Status.WRAPPED,
}
RATE_UNIT_CHOICES = {
    "hour": "hour",
    "hourly": "hour",
    "hr": "hour",
    "perhour": "hour",
    "hrs": "hour",
    "hours": "hour",
    "perhr": "hour",
    "hrly": "hour",
    "day": "day",
    "daily": "day",
    "perday": "day",
    "days": "day",
    "dy": "day",
    "week": "week",
    "weekly": "week",
    "wk": "week",
    "perweek": "week",
    "weeks": "week",
    "perwk": "week",
    "wkly": "week",
}

# (spec, capability needed to see or write it, which kinds use it)
_COLUMNS: list[tuple[FieldSpec, Cap | None, tuple[str, ...]]] = [
    (
        FieldSpec(
            "cast_number",
            "Cast ID",
            kind="int",
            unique=True,
            synonyms=("cast #", "cast no", "id", "#", "board id", "cast number"),
        ),
        None,
        ("cast",),
    ),
    (
        FieldSpec("character", "Character", synonyms=("role", "character name", "part")),
        None,
        ("cast",),
    ),
    (
        FieldSpec("department", "Department", synonyms=("dept", "dept.", "department name")),
        None,
        ("crew",),
    ),
    (
        FieldSpec(
            "position",
            "Position",
            synonyms=(
                "title",
                "job title",
                "job",
                "role",
                "occupation",
                "position/title",
                "title/position",
                "crew position",
            ),
        ),
        None,
        ("crew",),
    ),
    (
        FieldSpec(
            "first_name",
            "First name",
            required=True,
            max_length=100,
            synonyms=("first", "given name", "forename", "firstname"),
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "last_name",
            "Last name",
            required=True,
            max_length=100,
            synonyms=("last", "surname", "family name", "lastname"),
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "preferred_name",
            "Preferred name",
            max_length=100,
            synonyms=("goes by", "nickname", "known as"),
        ),
        None,
        ("crew", "cast"),
    ),
    (FieldSpec("pronouns", "Pronouns", max_length=40), None, ("crew", "cast")),
    (
        FieldSpec(
            "email",
            "E-mail",
            kind="email",
            unique=True,
            synonyms=("email", "email address", "e-mail address", "mail"),
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "phone",
            "Mobile",
            kind="phone",
            synonyms=(
                "cell",
                "mobile phone",
                "cell phone",
                "phone",
                "phone number",
                "tel",
                "cell #",
                "cell no",
                "cell number",
                "mobile #",
                "mobile no",
                "mobile number",
                "cellphone",
                "cell phone number",
                "mobile phone number",
                "cell/mobile",
                "mobile/cell",
                "telephone",
            ),
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "phone_other",
            "Other phone",
            kind="phone",
            synonyms=("home phone", "work phone", "phone 2", "alt phone"),
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "is_department_head",
            "Department head",
            kind="bool",
            synonyms=(
                "head",
                "dept head",
                "key",
                "head of dept",
                "head of department",
                "department head?",
                "key?",
            ),
        ),
        None,
        ("crew",),
    ),
    (
        FieldSpec("union", "Union", max_length=60, synonyms=("guild", "union/guild")),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec("local", "Local", max_length=30, synonyms=("local #", "local no", "union local")),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "start_date", "Start date", kind="date", synonyms=("start", "starts", "start day")
        ),
        None,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "end_date", "End date", kind="date", synonyms=("end", "ends", "wrap date", "finish")
        ),
        None,
        ("crew", "cast"),
    ),
    (FieldSpec("status", "Status", kind="choice", choices=STATUS_CHOICES), None, ("crew", "cast")),
    (
        FieldSpec(
            "street",
            "Street",
            max_length=200,
            synonyms=("address", "street address", "address 1", "address line 1"),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec("city", "City", max_length=100, synonyms=("town",)),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "region",
            "State",
            max_length=100,
            synonyms=("state / province", "province", "region", "st"),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "postal_code",
            "ZIP",
            max_length=20,
            synonyms=(
                "zip code",
                "postal code",
                "postcode",
                "zipcode",
                "zip/postal",
                "zip/postal code",
                "postal/zip",
            ),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (FieldSpec("country", "Country", max_length=60), Cap.PEOPLE_PRIVATE, ("crew", "cast")),
    (
        FieldSpec(
            "emergency_name",
            "Emergency contact",
            max_length=200,
            synonyms=("emergency name", "emergency contact name", "ice"),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "emergency_relation",
            "Relationship",
            max_length=60,
            synonyms=("emergency relationship", "relation"),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "emergency_phone",
            "Emergency phone",
            kind="phone",
            synonyms=("emergency contact phone", "ice phone"),
        ),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "rate",
            "Rate",
            kind="decimal",
            synonyms=("pay rate", "wage", "rate ($)", "rate $", "base rate", "pay"),
        ),
        Cap.PEOPLE_RATES,
        ("crew", "cast"),
    ),
    (
        FieldSpec(
            "rate_unit",
            "Rate per",
            kind="choice",
            choices=RATE_UNIT_CHOICES,
            synonyms=(
                "per",
                "rate unit",
                "unit",
                "rate type",
                "rate per",
                "pay per",
                "rate basis",
                "pay type",
                "pay basis",
                "per hour/day/week",
                "hourly/daily/weekly",
            ),
        ),
        Cap.PEOPLE_RATES,
        ("crew", "cast"),
    ),
    (
        FieldSpec("notes", "Notes", synonyms=("comments", "remarks")),
        Cap.PEOPLE_PRIVATE,
        ("crew", "cast"),
    ),
]


# Cast are reached through the office (or their agents): their own numbers are private.
CAST_PRIVATE = {"email", "phone", "phone_other"}


def can_see(membership, *, kind: str, name: str) -> bool:
    capability = column_capability(name)
    if kind == Person.Kind.CAST and name in CAST_PRIVATE:
        capability = Cap.PEOPLE_PRIVATE
    return capability is None or membership.can(capability)


def person_columns(*, kind: str, membership) -> list[FieldSpec]:
    """The columns this member may import or export for a cast or crew list."""
    return [
        spec
        for spec, _, kinds in _COLUMNS
        if kind in kinds and can_see(membership, kind=kind, name=spec.name)
    ]


def person_row(person: Person, columns: list[FieldSpec]) -> list:
    """One export row, in the same columns (and spellings) the importer reads back."""
    row = []
    for spec in columns:
        value = getattr(person, spec.name)
        if spec.name == "department":
            value = person.department.name if person.department else ""
        elif spec.name == "is_department_head":
            value = "yes" if value else ""
        elif spec.kind == "choice":
            value = value or ""
        row.append(value)
    return row


def column_capability(name: str) -> Cap | None:
    """The capability needed to see or write a person field (None: every member)."""
    return next((capability for spec, capability, _ in _COLUMNS if spec.name == name), None)


def people_vcards(people, *, production, membership) -> bytes:
    """A .vcf of the list, for phones' address books; home addresses only for those who may
    see them."""
    return write_vcards(
        [
            VCard(
                full_name=p.display_name,
                first_name=p.preferred_name or p.first_name,
                last_name=p.last_name,
                organisation=production.title,
                title=p.position or (f"“{p.character}”" if p.character else ""),
                department=p.department.name if p.department else "",
                email=p.email if can_see(membership, kind=p.kind, name="email") else "",
                phone_mobile=p.phone if can_see(membership, kind=p.kind, name="phone") else "",
                phone_other=p.phone_other if can_see(membership, kind=p.kind, name="phone") else "",
                **(
                    {
                        "street": p.street,
                        "city": p.city,
                        "region": p.region,
                        "postal_code": p.postal_code,
                        "country": p.country,
                    }
                    if membership.can(Cap.PEOPLE_PRIVATE)
                    else {}
                ),
            )
            for p in people
        ]
    )
