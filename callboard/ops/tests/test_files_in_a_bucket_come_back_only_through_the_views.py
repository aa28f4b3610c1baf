"""With S3_BUCKET set, uploaded and generated files (scripts, crew members' watermarked
copies, sides cut from them, receipt photos, envelope PDFs, sealed packets, ID documents) live
in the bucket, private, and come back only through Callboard's views: streamed to whoever the
view lets in, a 404 for anyone else. The bucket is moto's, in this process."""

import io
import zipfile

import boto3
import pytest
from django.test import Client
from moto import mock_aws

from callboard.accounting.models import Receipt
from callboard.accounting.tests.test_petty_cash import _add, _photo, envelope  # noqa: F401
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.paperwork.services import packet_upload_add
from callboard.paperwork.tests.test_packet_flow import _approve_all, _fill_all, packet  # noqa: F401
from callboard.scripts.models import ScriptCopy, ScriptVersion
from callboard.scripts.tests.test_distribution import send_to_ana
from callboard.scripts.tests.test_script_import import CYBER_BOB, upload

BUCKET = "callboard-test"
pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings):
    """The default storage is django-storages' S3 on a fresh bucket, as settings.py makes it
    when S3_BUCKET is set."""
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = settings.STORAGES | {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "default_acl": "private",
                    "file_overwrite": False,
                    "querystring_auth": True,
                    "querystring_expire": 60,
                },
            }
        }
        yield s3


def stored(s3, name: str) -> bytes:
    return s3.get_object(Bucket=BUCKET, Key=name)["Body"].read()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def outsider_client(production) -> Client:
    """A coordinator of another show, signed in."""
    other = make_production("Another Show")
    client = Client()
    client.force_login(add_member(other, Role.COORDINATOR))
    client.other_slug = other.slug
    return client


def test_a_script_goes_to_the_bucket_and_comes_back_through_its_view(
    bucket, coordinator_client, production, settings
):
    upload(coordinator_client, production, "cyber_bob.fountain", CYBER_BOB.read_bytes())
    version = ScriptVersion.objects.get()
    assert version.pdf.name.startswith(f"productions/{production.pk}/scripts/")
    assert stored(bucket, version.source.name) == CYBER_BOB.read_bytes()
    assert not (settings.MEDIA_ROOT / "productions").exists()  # nothing on the local disk

    response = coordinator_client.get(f"/p/{production.slug}/scripts/{version.pk}/script.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = body(response)
    assert pdf.startswith(b"%PDF") and pdf == stored(bucket, version.pdf.name)
    assert int(response["Content-Length"]) == len(pdf)
    assert "attachment" in response["Content-Disposition"]
    assert version.pdf.name.rsplit("/", 1)[-1] not in response["Content-Disposition"]


def test_a_receipt_photo_and_the_envelope_made_from_it_come_back_from_the_bucket(
    bucket,
    coordinator_client,
    production,
    envelope,  # noqa: F811
):
    _add(coordinator_client, production, envelope)
    receipt = Receipt.objects.get()
    assert receipt.file.name.startswith("receipts/")
    photo = coordinator_client.get(f"/p/{production.slug}/accounting/receipts/{receipt.pk}/file")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert body(photo) == stored(bucket, receipt.file.name)

    url = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/"
    coordinator_client.post(f"{url}pdf/")  # the task reads the photo from the bucket, inline
    envelope.refresh_from_db()
    assert envelope.pdf_status == "ready" and envelope.pdf.name.startswith("envelopes/")
    pdf = body(coordinator_client.get(f"{url}envelope.pdf"))
    assert pdf.startswith(b"%PDF") and pdf == stored(bucket, envelope.pdf.name)


def test_another_shows_user_gets_a_404_for_a_stored_file(
    bucket,
    coordinator_client,
    production,
    envelope,  # noqa: F811
):
    upload(coordinator_client, production, "cyber_bob.fountain", CYBER_BOB.read_bytes())
    _add(coordinator_client, production, envelope)
    version, receipt = ScriptVersion.objects.get(), Receipt.objects.get()
    outsider = outsider_client(production)
    for slug in (production.slug, outsider.other_slug):
        assert outsider.get(f"/p/{slug}/scripts/{version.pk}/script.pdf").status_code == 404
        assert outsider.get(f"/p/{slug}/accounting/receipts/{receipt.pk}/file").status_code == 404


def test_a_file_gone_from_the_bucket_is_a_404_not_a_crash(
    bucket,
    coordinator_client,
    production,
    envelope,  # noqa: F811
):
    _add(coordinator_client, production, envelope)
    receipt = Receipt.objects.get()
    bucket.delete_object(Bucket=BUCKET, Key=receipt.file.name)
    gone = coordinator_client.get(f"/p/{production.slug}/accounting/receipts/{receipt.pk}/file")
    assert gone.status_code == 404


def test_a_crew_members_copy_and_sides_are_made_from_the_bucket_and_served_from_it(
    bucket, coordinator_client, production, client, django_capture_on_commit_callbacks
):
    version, link = send_to_ana(coordinator_client, production, django_capture_on_commit_callbacks)
    copy = ScriptCopy.objects.get()
    assert copy.pdf.name.startswith(f"productions/{production.pk}/scripts/copies/")

    sides = coordinator_client.get(f"/p/{production.slug}/scripts/{version.pk}/sides.pdf?scenes=1")
    assert sides.status_code == 200 and sides.content.startswith(b"%PDF")

    coordinator_client.logout()
    opened = client.get(link)
    assert opened.status_code == 200 and "no-store" in opened["Cache-Control"]
    assert body(opened) == stored(bucket, copy.pdf.name)


def test_a_sealed_packet_and_an_id_document_live_in_the_bucket(
    bucket,
    packet,  # noqa: F811
    member_client,
):
    form = packet.forms.get(kind="start_form")
    document = packet_upload_add(form=form, name="licence.jpg", data=_photo(), who="Ann Lee")
    _fill_all(packet)
    packet = _approve_all(packet)
    assert packet.sealed_pdf.name.startswith("packets/")
    client = member_client(Role.PAYROLL)
    base = f"/p/{packet.production.slug}/paperwork"

    sealed = body(client.get(f"{base}/{packet.pk}/packet.pdf"))
    assert sealed == stored(bucket, packet.sealed_pdf.name)
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{base}/approved.zip").content))
    assert sealed in [archive.read(name) for name in archive.namelist()]
    scan = client.get(f"{base}/{packet.pk}/documents/{document.pk}/")
    assert scan["Content-Type"] == "image/jpeg"
    assert body(scan) == stored(bucket, document.file.name)


def test_without_a_bucket_a_file_gone_from_var_media_is_a_404_too(
    coordinator_client,
    production,
    envelope,  # noqa: F811
    settings,
):
    _add(coordinator_client, production, envelope)
    receipt = Receipt.objects.get()
    url = f"/p/{production.slug}/accounting/receipts/{receipt.pk}/file"
    assert (
        body(coordinator_client.get(url)) == (settings.MEDIA_ROOT / receipt.file.name).read_bytes()
    )
    (settings.MEDIA_ROOT / receipt.file.name).unlink()
    assert coordinator_client.get(url).status_code == 404
