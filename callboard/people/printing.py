"""Data for the printed crew list and contact sheet (rendered by typst templates beside
this file)."""

from pathlib import Path

from django.utils import timezone

from callboard.core.models import Production

from .models import Person, Vendor
from .queries import group_by_department

TYPST_DIR = Path(__file__).parent / "typst"
CREW_LIST_TEMPLATE = TYPST_DIR / "crew_list.typ"
CONTACT_SHEET_TEMPLATE = TYPST_DIR / "contact_sheet.typ"


def _production_block(production: Production) -> dict:
    return {
        "title": production.title,
        "episode_line": production.episode_line,
        "company": production.company,
        "office_address": production.office_address,
        "office_phone": production.office_phone,
        "office_email": production.office_email,
    }


def _generated(production: Production) -> str:
    now = timezone.localtime(timezone=production.tzinfo)
    return f"{now:%a %b} {now.day}, {now:%Y} · {now:%-I:%M %p %Z}"


def _person(person: Person) -> dict:
    name = person.display_name
    return {
        "position": person.position,
        "name": name,
        "pronouns": person.pronouns,
        "phone": person.phone,
        "email": person.email,
        "union": " ".join(p for p in (person.union, person.local) if p),
        "start": f"{person.start_date:%b} {person.start_date.day}" if person.start_date else "",
        "is_head": person.is_department_head,
    }


def crew_list_data(
    *, production: Production, crew, cast, subtitle: str = "", columns=(), cast_contacts: bool
) -> dict:
    return {
        "production": _production_block(production),
        "generated": _generated(production),
        "subtitle": subtitle,
        "columns": list(columns),
        "cast_first": False,
        "departments": [
            {"name": group.name, "people": [_person(p) for p in group.people]}
            for group in group_by_department(crew)
        ],
        "cast": [
            {
                "number": str(p.cast_number or ""),
                "character": p.character,
                "name": p.display_name,
                "phone": p.phone if cast_contacts else "",
                "email": p.email if cast_contacts else "",
            }
            for p in cast
        ],
    }


def vendor_summary(vendor: Vendor) -> dict:
    """A vendor as the office calls it: its main contact's line, else the company's."""
    contact = next(iter(vendor.contacts.all()), None)  # main contact first (model ordering)
    return {
        "name": vendor.name,
        "categories": ", ".join(c.name for c in vendor.categories.all()),
        "contact": contact.name if contact else "",
        "title": contact.title if contact else "",
        "phone": (contact.phone if contact and contact.phone else vendor.phone),
        "email": (contact.email if contact and contact.email else vendor.email),
        "company_phone": vendor.phone,
        "website": vendor.website,
        "address": ", ".join(
            p for p in (vendor.street, vendor.city, vendor.region, vendor.postal_code) if p
        ),
        "account_number": vendor.account_number,
    }


VENDOR_EXPORT_COLUMNS = [
    ("Vendor", "name"),
    ("Categories", "categories"),
    ("Contact", "contact"),
    ("Title", "title"),
    ("Phone", "phone"),
    ("E-mail", "email"),
    ("Company phone", "company_phone"),
    ("Website", "website"),
    ("Address", "address"),
    ("Account no.", "account_number"),
]


def contact_sheet_data(*, production: Production) -> dict:
    heads = (
        Person.objects.crew()
        .filter(production=production, is_department_head=True)
        .select_related("department")
        .order_by("department__order", "last_name")
    )
    vendors = (
        Vendor.objects.active()
        .filter(production=production)
        .prefetch_related("categories", "contacts")
        .order_by("name")
    )
    vendor_rows = [vendor_summary(vendor) for vendor in vendors]
    return {
        "production": _production_block(production),
        "generated": _generated(production),
        "key_staff": [
            {
                "department": p.department.name if p.department else "",
                "position": p.position,
                "name": p.display_name,
                "phone": p.phone,
                "email": p.email,
            }
            for p in heads
        ],
        "vendors": vendor_rows,
    }
