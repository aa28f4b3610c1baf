"""Signed packets: a signature proves the file is unchanged; one changed byte shows."""

import asyncio
import pathlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from callboard.documents.render import render_pdf
from callboard.paperwork.services import production_certificate
from callboard.paperwork.signing import SigningError, make_certificate, sign_pdf, verify_pdf

TEMPLATE = pathlib.Path(__file__).parents[2] / "people" / "typst" / "crew_list.typ"


@pytest.fixture(scope="module")
def certificate():
    return make_certificate(common_name="Test Show start paperwork", organisation="Test Pictures")


@pytest.fixture(scope="module")
def signed(certificate):
    pdf = render_pdf(TEMPLATE, {"production": {"title": "Packet"}})
    return sign_pdf(pdf, certificate, reason="Start packet: Ann Lee", location="Burbank, CA")


def test_a_signed_packet_verifies_and_names_its_signer(signed, certificate):
    result = verify_pdf(signed, trusted_cert_pem=certificate.cert_pem)
    assert result.intact and result.trusted
    assert "Test Show start paperwork" in result.signer


@pytest.mark.parametrize("where", [0.25, 0.5, 0.9])
def test_one_changed_byte_anywhere_is_tampering(signed, where):
    at = int(len(signed) * where)
    changed = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]
    assert not verify_pdf(changed).intact


def test_anything_added_after_signing_is_tampering(signed):
    assert not verify_pdf(signed + b"\n% a quiet edit\n").intact


def test_an_unsigned_file_and_a_non_pdf_are_not_valid(signed):
    assert "never signed" in verify_pdf(render_pdf(TEMPLATE, {})).message
    assert not verify_pdf(b"hello").intact
    with pytest.raises(SigningError):
        sign_pdf(b"not a pdf", make_certificate(common_name="x", organisation="y"), reason="r")


def test_another_certificate_is_not_trusted(signed):
    other = make_certificate(common_name="Someone else", organisation="Elsewhere")
    result = verify_pdf(signed, trusted_cert_pem=other.cert_pem)
    assert result.intact and not result.trusted


def test_verify_packet_command_accepts_and_then_rejects_a_changed_byte(signed, tmp_path, capsys):
    good = tmp_path / "packet.pdf"
    good.write_bytes(signed)
    call_command("verify_packet", str(good))
    assert "VALID" in capsys.readouterr().out
    bad = tmp_path / "changed.pdf"
    at = len(signed) // 2
    bad.write_bytes(signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :])
    with pytest.raises(CommandError, match="TAMPERED"):
        call_command("verify_packet", str(bad))


def test_verifying_inside_a_running_event_loop_still_works(signed):
    async def check():
        return verify_pdf(signed)

    assert asyncio.run(check()).intact


def test_a_studio_installs_its_own_certificate_and_a_broken_pair_is_refused(production, tmp_path):
    own = make_certificate(common_name="Studio Legal", organisation="Big Studio")
    (tmp_path / "key.pem").write_bytes(own.key_pem)
    (tmp_path / "cert.pem").write_bytes(own.cert_pem)
    call_command(
        "signing_certificate",
        production=production.slug,
        key=tmp_path / "key.pem",
        cert=tmp_path / "cert.pem",
        stdout=StringIO(),
    )
    assert production_certificate(production).cert_pem == own.cert_pem
    (tmp_path / "bad.pem").write_bytes(b"not a key")
    with pytest.raises(CommandError):
        call_command(
            "signing_certificate",
            production=production.slug,
            key=tmp_path / "bad.pem",
            cert=tmp_path / "cert.pem",
            stdout=StringIO(),
        )
    assert production_certificate(production).cert_pem == own.cert_pem
