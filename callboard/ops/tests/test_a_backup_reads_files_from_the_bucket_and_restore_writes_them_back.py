"""With S3_BUCKET set the backup reads every file from the bucket and the restore writes them
back there under the same names, never through a local path: against moto in this process
(normal suite), and against the studio leg's S3 server (studio)."""

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from moto import mock_aws

from callboard.core.models import Production
from callboard.ops.tests.backups import backup, is_empty, restore, seed_show, stored_files
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "callboard-backup-test"


def _round_trip(tmp_path, monkeypatch, bucket_keys):
    _use_key(monkeypatch)
    seed_show("In The Bucket")
    files = stored_files()
    assert files and set(files) <= bucket_keys()
    archive = backup(tmp_path / "show.cbk")
    # Another installation on the same bucket: an empty database, the files gone.
    call_command("flush", interactive=False, verbosity=0)
    for name in files:
        default_storage.delete(name)
    assert is_empty() and not set(files) & bucket_keys()
    restore(archive)
    assert Production.objects.get().title == "In The Bucket"
    assert set(files) <= bucket_keys()
    assert stored_files() == files


def test_a_backup_reads_files_from_a_bucket_and_restore_writes_them_back(
    settings, tmp_path, monkeypatch
):
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = settings.STORAGES | {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1"},
            }
        }
        settings.MEDIA_ROOT = tmp_path / "never-used"

        def keys():
            listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
            return {item["Key"] for item in listed}

        _round_trip(tmp_path, monkeypatch, keys)
        assert not settings.MEDIA_ROOT.exists()


@pytest.mark.studio
def test_a_backup_reads_files_from_the_studio_bucket_and_restore_writes_them_back(
    studio_services, tmp_path, monkeypatch
):
    options = django_settings.STORAGES["default"]["OPTIONS"]
    s3 = boto3.client(
        "s3", endpoint_url=options["endpoint_url"], region_name=options["region_name"]
    )

    def keys():
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=options["bucket_name"])
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    _round_trip(tmp_path, monkeypatch, keys)
