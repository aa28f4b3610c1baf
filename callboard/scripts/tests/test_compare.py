"""Comparing two versions: added, omitted and rewritten scenes, and the pages to send again."""

from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.scripts.models import ScriptVersion

WHITE = """INT. KITCHEN - DAY #1#

Maggie pours coffee.

EXT. DOCKS - NIGHT #2#

Ray waits.

INT. DINER - DAY #3#

They talk.
"""
BLUE = """INT. KITCHEN - DAY #1#

Maggie pours coffee.

OMITTED #2#

INT. DINER - NIGHT #3#

They argue, loudly, for a long time.

EXT. ROOFTOP - DAWN #3A#

Ray looks at the harbor.
"""


def upload(client, production, text, colour):
    client.post(
        f"/p/{production.slug}/scripts/",
        {
            "file": SimpleUploadedFile("s.fountain", text.encode()),
            "colour": colour,
            "revision_date": "2027-01-04",
        },
    )
    return ScriptVersion.objects.get(colour=colour)


def test_the_comparison_names_added_omitted_and_changed_scenes(coordinator_client, production):
    white = upload(coordinator_client, production, WHITE, "White")
    blue = upload(coordinator_client, production, BLUE, "Blue")
    response = coordinator_client.get(
        f"/p/{production.slug}/scripts/compare/", {"old": white.pk, "new": blue.pk}
    )
    comparison = response.context["comparison"]
    assert [s.number for s in comparison.added] == ["3A"]
    assert [s.number for s in comparison.omitted] == ["2"]
    assert [(after.number, what[:2]) for _, after, what in comparison.changed] == [
        ("3", ["heading", "text"])
    ]
    assert comparison.pages_changed == ["1"]
    assert "scenes added" in response.content.decode()


def test_the_same_script_twice_has_no_changes(coordinator_client, production):
    white = upload(coordinator_client, production, WHITE, "White")
    again = upload(coordinator_client, production, WHITE, "Blue")
    response = coordinator_client.get(
        f"/p/{production.slug}/scripts/compare/", {"old": white.pk, "new": again.pk}
    )
    assert response.context["comparison"].unchanged


def test_comparing_with_another_productions_version_is_refused(coordinator_client, production):
    from callboard.core.testing import make_production

    white = upload(coordinator_client, production, WHITE, "White")
    other = ScriptVersion.objects.create(
        production=make_production("Other"),
        colour="White",
        revision_date="2027-01-01",
        source_format="fountain",
        source_name="x",
        source="x",
        pdf="x.pdf",
        page_count=1,
    )
    response = coordinator_client.get(
        f"/p/{production.slug}/scripts/compare/", {"old": white.pk, "new": other.pk}, follow=True
    )
    assert "Choose two versions" in response.content.decode()


def test_after_locking_a_new_unnumbered_draft_keeps_the_numbers(coordinator_client, production):
    plain = "INT. KITCHEN - DAY\n\nHi.\n\nEXT. DOCKS - NIGHT\n\nHo.\n\nINT. DINER - DAY\n\nHa.\n"
    white = upload(coordinator_client, production, plain, "White")
    coordinator_client.post(f"/p/{production.slug}/scripts/{white.pk}/lock/")
    revised = "INT. KITCHEN - DAY\n\nHi.\n\nEXT. ROOF - DAWN\n\nNew.\n\nINT. DINER - DAY\n\nHa.\n"
    blue = upload(coordinator_client, production, revised, "Blue")
    assert [(s.number, s.omitted) for s in blue.scenes.all()] == [
        ("1", False),
        ("2", True),
        ("2A", False),
        ("3", False),
    ]
    import pypdfium2

    text = pypdfium2.PdfDocument(blue.pdf.read())[0].get_textpage().get_text_range()
    assert "2A" in text  # the rendition prints the kept numbers


def test_a_revision_stars_the_lines_that_changed(coordinator_client, production):
    import pypdfium2

    upload(coordinator_client, production, WHITE, "White")
    blue = upload(coordinator_client, production, BLUE, "Blue")
    page = pypdfium2.PdfDocument(blue.pdf.read())[0]
    text = page.get_textpage().get_text_range()
    assert "Blue Revision" in text
    assert text.count("*") >= 2  # the rewritten diner line and the new rooftop scene
    assert "Maggie pours coffee." in text


def test_the_production_sets_its_own_colour_order(coordinator_client, production):
    from callboard.core.tests.test_productions import VALID

    coordinator_client.post(
        f"/p/{production.slug}/settings/", VALID | {"revision_colours": "White, Pink, Blue"}
    )
    production.refresh_from_db()
    assert production.revision_colours == ["White", "Pink", "Blue"]
    upload(coordinator_client, production, WHITE, "White")
    assert (
        coordinator_client.get(f"/p/{production.slug}/scripts/").context["form"].initial["colour"]
        == "Pink"
    )
