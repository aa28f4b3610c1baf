"""A small production with something in most of the binder's sections, and reading a binder
back."""

import io
import zipfile

from pypdf import PdfReader

from callboard.people.models import Department, Person, Vendor


def seed(production):
    camera, _ = Department.objects.get_or_create(production=production, name="Camera")
    Person.objects.create(
        production=production, first_name="Ana", last_name="Ruiz", position="DP", department=camera
    )
    Person.objects.create(
        production=production,
        kind="cast",
        first_name="Bo",
        last_name="Lee",
        character="Mara",
        cast_number=1,
        union="SAG-AFTRA",
    )
    Vendor.objects.create(production=production, name="Keslow Camera", phone="310-555-0100")


def outline(pdf: bytes) -> list:
    """[(title, page index, [(child title, page index)])] of the binder's bookmarks."""
    reader = PdfReader(io.BytesIO(pdf))
    items, top = [], reader.outline
    for index, item in enumerate(top):
        if isinstance(item, list):
            continue
        children = (
            top[index + 1] if index + 1 < len(top) and isinstance(top[index + 1], list) else []
        )
        items.append(
            (
                item.title,
                reader.get_destination_page_number(item),
                [(c.title, reader.get_destination_page_number(c)) for c in children],
            )
        )
    return items


def zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()
