import boto3
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from moto import mock_aws

from callboard.ops.tests.backups import backup, is_empty, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def _bucket_storage(settings, bucket):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": bucket, "region_name": "us-east-1"},
        }
    }


def test_a_restore_into_a_bucket_that_does_not_exist_says_so_and_is_undone(
    settings, tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    seed_show(file_bytes=1000)
    archive = backup(tmp_path / "show.cbk")
    call_command("flush", interactive=False, verbosity=0)
    with mock_aws():
        boto3.client("s3", region_name="us-east-1")  # no bucket made
        _bucket_storage(settings, "no-such-bucket")
        with pytest.raises(CommandError, match="failed and was undone.*NoSuchBucket"):
            restore(archive)
    assert is_empty()


def test_a_backup_from_a_bucket_that_is_gone_says_so(settings, tmp_path, monkeypatch):
    _use_key(monkeypatch)
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="going")
        _bucket_storage(settings, "going")
        seed_show(file_bytes=1000)
        for item in s3.list_objects_v2(Bucket="going")["Contents"]:
            s3.delete_object(Bucket="going", Key=item["Key"])
        s3.delete_bucket(Bucket="going")
        with pytest.raises(CommandError, match="None of the 1 files .* is in the storage"):
            backup(tmp_path / "show.cbk")
    assert not (tmp_path / "show.cbk").exists()
