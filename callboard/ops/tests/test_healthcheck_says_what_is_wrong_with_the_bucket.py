"""The storage check through an S3 bucket (moto's in-process S3): a bucket that does not exist,
and one whose credentials may read but not write, each fail the check and say why; a bucket
that works passes and keeps no probe object."""

import json

import boto3
import pytest
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from callboard.ops import health

REGION = "us-east-1"


def use_bucket(settings, bucket: str, **credentials) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "region_name": REGION,
                "default_acl": "private",
                "file_overwrite": False,
                **credentials,
            },
        },
    }


@pytest.fixture
def aws_credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@mock_aws
def test_a_bucket_that_does_not_exist_is_named(settings, aws_credentials):
    use_bucket(settings, "no-such-bucket")
    check = health.storage()
    assert check.ok is False
    assert check.detail.startswith("could not write a probe object in bucket 'no-such-bucket'")
    assert "NoSuchBucket" in check.detail


@set_initial_no_auth_action_count(4)
@mock_aws
def test_a_bucket_that_refuses_writes_is_named(settings, aws_credentials):
    boto3.client("s3", region_name=REGION).create_bucket(Bucket="read-only-bucket")
    iam = boto3.client("iam", region_name=REGION)
    iam.create_user(UserName="reader")
    reading = {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}
    iam.put_user_policy(
        UserName="reader",
        PolicyName="read",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [reading]}),
    )
    key = iam.create_access_key(UserName="reader")["AccessKey"]
    use_bucket(
        settings,
        "read-only-bucket",
        access_key=key["AccessKeyId"],
        secret_key=key["SecretAccessKey"],
    )
    check = health.storage()
    assert check.ok is False
    assert check.detail.startswith("could not write a probe object in bucket 'read-only-bucket'")
    assert "AccessDenied" in check.detail


@mock_aws
def test_a_working_bucket_passes_and_keeps_no_probe(settings, aws_credentials):
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="callboard-files")
    use_bucket(settings, "callboard-files")
    check = health.storage()
    assert check.ok, check.detail
    assert check.detail == "wrote, read back and deleted a probe object in bucket 'callboard-files'"
    assert s3.list_objects_v2(Bucket="callboard-files")["KeyCount"] == 0
