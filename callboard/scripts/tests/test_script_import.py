"""Importing script versions in the browser's forms and through the command."""

import json
from pathlib import Path

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from callboard.core.models import AuditEvent
from callboard.scripts.models import ScriptVersion

DATA = Path(__file__).parent / "data"
CYBER_BOB = DATA / "public-domain" / "Cyber_Bob_ep00001.fountain"
FDX = DATA / "screenplay-tools" / "TestFDX-FD.fdx"


def upload(client, production, name: str, content: bytes, colour="White"):
    return client.post(
        f"/p/{production.slug}/scripts/",
        {
            "file": SimpleUploadedFile(name, content),
            "colour": colour,
            "revision_date": "2027-01-04",
        },
        follow=True,
    )


def test_a_fountain_script_imports_with_its_scenes_and_a_clean_pdf(coordinator_client, production):
    response = upload(coordinator_client, production, "cyber_bob.fountain", CYBER_BOB.read_bytes())
    version = ScriptVersion.objects.get()
    page = response.content.decode()
    assert "EXT. PARK--DAY" not in page or "PARK" in page
    assert [s.number for s in version.scenes.all()] == ["1", "2", "3"]
    assert version.scenes.first().set_name == "PARK" and version.page_count >= 5
    pdf = pypdfium2.PdfDocument(version.pdf.read())
    assert len(pdf) == version.page_count + 1  # and a title page
    text = pdf[1].get_textpage().get_text_range()
    assert "EXT. PARK--DAY" in text
    assert AuditEvent.objects.filter(object_type="scriptversion", action="create").exists()


def test_a_final_draft_file_imports(coordinator_client, production):
    upload(coordinator_client, production, "test.fdx", FDX.read_bytes())
    version = ScriptVersion.objects.get()
    assert version.source_format == "fdx" and version.scenes.count() >= 1


def test_the_next_version_is_offered_the_next_colour(coordinator_client, production):
    upload(coordinator_client, production, "a.fountain", CYBER_BOB.read_bytes())
    form = coordinator_client.get(f"/p/{production.slug}/scripts/").context["form"]
    assert form.initial["colour"] == "Blue"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.fountain", b"   \n", "The file is empty"),
        ("notes.docx", b"PK\x03\x04 word", "Upload a Fountain"),
        (
            "bomb.fdx",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<FinalDraft>&b;</FinalDraft>",
            "",
        ),
        ("letter.txt", b"Dear Sam,\n\nThanks for lunch.\n", "No scene headings"),
        ("broken.pdf", b"%PDF-1.7 nothing else", "not a readable PDF"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    coordinator_client, production, name, content, message
):
    upload(coordinator_client, production, "good.fountain", CYBER_BOB.read_bytes())
    page = upload(coordinator_client, production, name, content).content.decode()
    assert "Nothing was imported; the current version is unchanged." in page
    assert message in page
    assert ScriptVersion.objects.count() == 1


def test_a_huge_upload_is_refused_before_it_is_read(coordinator_client, production, settings):
    settings.MAX_SCRIPT_BYTES = 1024
    page = upload(
        coordinator_client, production, "big.fountain", CYBER_BOB.read_bytes()
    ).content.decode()
    assert "scripts up to 0 MB" in page or "can be imported" in page
    assert not ScriptVersion.objects.exists()


def test_a_latin1_fountain_file_with_crlf_reads(coordinator_client, production):
    text = "INT. CAFÉ - DAY\r\n\r\nJOSÉ\r\nOlá.\r\n"
    upload(coordinator_client, production, "cafe.fountain", text.encode("latin-1"))
    scene = ScriptVersion.objects.get().scenes.get()
    assert scene.set_name == "CAFÉ" and scene.characters == ["JOSÉ"]


def test_crew_cannot_read_scripts(member_client, production):
    assert member_client("crew").get(f"/p/{production.slug}/scripts/").status_code == 403


def test_parse_script_command_prints_the_scene_list_as_json(capsys):
    call_command("parse_script", str(CYBER_BOB), "--json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["pages"] >= 5
    assert payload["scenes"][0] | {"characters": []} == {
        "number": "1",
        "heading": "EXT. PARK--DAY",
        "int_ext": "EXT",
        "set": "PARK",
        "time": "DAY",
        "page_start": "1",
        "page_end": payload["scenes"][0]["page_end"],
        "eighths": payload["scenes"][0]["eighths"],
        "characters": [],
        "omitted": False,
    }


def test_sides_download_from_a_version_page(coordinator_client, production):
    upload(coordinator_client, production, "cyber_bob.fountain", CYBER_BOB.read_bytes())
    version = ScriptVersion.objects.get()
    response = coordinator_client.get(
        f"/p/{production.slug}/scripts/{version.pk}/sides.pdf", {"scene": ["2"], "two_up": "1"}
    )
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    bad = coordinator_client.get(
        f"/p/{production.slug}/scripts/{version.pk}/sides.pdf", {"scene": ["77"]}, follow=True
    )
    assert "No scene 77" in bad.content.decode()


def test_make_sides_command_writes_a_pdf(tmp_path):
    out = tmp_path / "sides.pdf"
    call_command(
        "make_sides",
        str(CYBER_BOB),
        "--scenes",
        "3,1",
        "--order",
        "given",
        "--two-up",
        "-o",
        str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")


def test_a_pdf_script_imports_with_its_scenes_and_its_own_pages(coordinator_client, production):
    from callboard.scripts.reading import read_script

    rendition = read_script(CYBER_BOB.name, CYBER_BOB.read_bytes()).pdf(CYBER_BOB.read_bytes())
    upload(coordinator_client, production, "cyber_bob.pdf", rendition)
    version = ScriptVersion.objects.get()
    assert (
        version.source_format == "pdf" and version.pdf.read() == rendition
    )  # the original is kept
    scenes = list(version.scenes.all())
    assert [s.number for s in scenes] == ["1", "2", "3"] and scenes[0].set_name == "PARK"
    assert all(scene.bands for scene in scenes)  # sides can be cut from it


def test_a_department_head_reads_the_scene_list_but_gets_no_clean_pdf(
    coordinator_client, production, client
):
    from callboard.core.capabilities import Role
    from callboard.core.testing import add_member

    upload(coordinator_client, production, "cyber_bob.fountain", CYBER_BOB.read_bytes())
    version = ScriptVersion.objects.get()
    client.force_login(add_member(production, Role.DEPARTMENT_HEAD))
    assert "PARK" in client.get(f"/p/{production.slug}/scripts/{version.pk}/").content.decode()
    assert client.get(f"/p/{production.slug}/scripts/{version.pk}/script.pdf").status_code == 403
    assert (
        client.get(
            f"/p/{production.slug}/scripts/{version.pk}/sides.pdf", {"scene": "1"}
        ).status_code
        == 403
    )
