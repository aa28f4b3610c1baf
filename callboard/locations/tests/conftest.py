import io

import pytest
from PIL import Image
from pypdf import PdfWriter

from callboard.locations import services
from callboard.schedule.models import Element, Ucid
from callboard.schedule.services import ensure_categories


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 150)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def sets(production):
    """Two of the schedule's sets: the diner and the motel."""
    category = ensure_categories(production)[Ucid.SET]
    return {
        name: Element.objects.create(production=production, category=category, name=name)
        for name in ("DINER", "MOTEL")
    }


@pytest.fixture
def place(production):
    return services.location_create(
        actor=None,
        production=production,
        name="Rosie's Diner",
        address="123 Main St, Los Angeles, CA",
    )


def url(production, tail: str = "") -> str:
    return f"/p/{production.slug}/locations/{tail}"
