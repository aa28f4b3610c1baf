"""Digital signatures on packet PDFs (PAdES, pyHanko), framework-free (no Django import).

Each installation makes its own certificate per production (`make_certificate`); a studio can
replace it with its own (PEM key + certificate). `sign_pdf` adds an invisible PAdES B-B
signature; `verify_pdf` says whether a file is intact: the signature's hash covers every byte
of the signed revision, so any change after signing shows as tampered. Trust in the
certificate itself is reported apart ("signed by …, self-issued"), because a self-issued
certificate proves integrity, not identity.
"""

from __future__ import annotations

import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls run their own asyncio loop, which fails inside a thread that
    already runs one (an async server, a browser-driving test): there, call from a helper
    thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


class SigningError(Exception):
    """The PDF could not be signed or read for verification; the message says why."""


@dataclass(frozen=True)
class Certificate:
    key_pem: bytes
    cert_pem: bytes


def make_certificate(*, common_name: str, organisation: str, years: int = 10) -> Certificate:
    """A self-issued signing certificate (RSA 2048, SHA-256)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "Callboard"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64] or "Callboard"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Certificate(
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def _signer(certificate: Certificate) -> signers.SimpleSigner:
    try:
        key = load_private_key_from_pemder_data(certificate.key_pem, passphrase=None)
        certs = list(load_certs_from_pemder_data(certificate.cert_pem))
    except (ValueError, TypeError) as exc:
        raise SigningError(f"The signing key or certificate cannot be read: {exc}") from exc
    if not certs:
        raise SigningError("No certificate in the PEM data.")
    return signers.SimpleSigner(
        signing_cert=certs[0],
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(certs),
    )


def sign_pdf(pdf: bytes, certificate: Certificate, *, reason: str, location: str = "") -> bytes:
    """The PDF with an invisible PAdES signature appended (an incremental update)."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # pyHanko raises several kinds for a file that is not a PDF
        raise SigningError(f"Not a PDF that can be signed: {exc}") from exc
    meta = signers.PdfSignatureMetadata(
        field_name="CallboardPacket",
        reason=reason[:200],
        location=location[:200],
        subfilter=SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    _outside_event_loop(signers.sign_pdf, writer, meta, signer=_signer(certificate), output=out)
    return out.getvalue()


@contextmanager
def _quiet_validation():
    """pyHanko logs an error with a traceback for every self-issued certificate it cannot
    chain; the result already says so."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@dataclass(frozen=True)
class Verification:
    intact: bool
    signer: str  # the certificate's subject
    signed_at: datetime | None
    trusted: bool  # the certificate chains to one given as trusted
    message: str


def verify_pdf(pdf: bytes, *, trusted_cert_pem: bytes | None = None) -> Verification:
    """Whether the file is exactly what was signed. A file with no signature, or with bytes
    changed or added after it, is not intact."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        return Verification(False, "", None, False, f"Tampered or not a PDF: {exc}")
    if not signatures:
        return Verification(False, "", None, False, "No signature: this file was never signed.")
    trust_roots = list(load_certs_from_pemder_data(trusted_cert_pem)) if trusted_cert_pem else []
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
    signature = signatures[-1]
    try:
        with _quiet_validation():
            status = _outside_event_loop(validate_pdf_signature, signature, context)
    except Exception as exc:
        return Verification(
            False, "", None, False, f"Tampered: the signature cannot be checked ({exc})."
        )
    intact = bool(status.intact and status.valid) and status.coverage.name == "ENTIRE_FILE"
    subject = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    if not intact:
        why = (
            "the signature does not match its certificate"
            if status.intact and not status.valid
            else "the file changed after it was signed"
        )
        return Verification(False, subject, status.signer_reported_dt, False, f"Tampered: {why}.")
    return Verification(
        True,
        subject,
        status.signer_reported_dt,
        bool(status.trusted),
        f"Valid: intact since it was signed by {subject}.",
    )
