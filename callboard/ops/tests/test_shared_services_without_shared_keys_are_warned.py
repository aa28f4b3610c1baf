"""Several machines on one database, Redis or bucket need the same keys from the environment."""

from django.test import override_settings

from callboard.ops.checks import shared_keys_come_from_the_environment


def _warnings(monkeypatch, env, **overrides):
    for name in ("SECRET_KEY", "PII_KEYS", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with override_settings(**{"REDIS_URL": "", "S3_BUCKET": "", **overrides}):
        return shared_keys_come_from_the_environment(None)


def test_a_laptop_with_generated_keys_is_not_warned(monkeypatch):
    assert _warnings(monkeypatch, {}) == []


def test_a_shared_bucket_without_keys_in_the_environment_is_warned_naming_both(monkeypatch):
    [warning] = _warnings(monkeypatch, {}, S3_BUCKET="studio-files")
    assert warning.id == "callboard.W001"
    assert "SECRET_KEY and PII_KEYS not set" in warning.msg
    assert "S3_BUCKET" in warning.msg


def test_postgres_and_redis_with_only_the_secret_key_set_is_warned_about_pii_keys(monkeypatch):
    env = {"DATABASE_URL": "postgres://db/callboard", "SECRET_KEY": "x" * 50}
    [warning] = _warnings(monkeypatch, env, REDIS_URL="redis://127.0.0.1:6379/0")
    assert warning.msg.startswith("PII_KEYS not set")
    assert "REDIS_URL, DATABASE_URL" in warning.msg


def test_shared_services_with_both_keys_set_pass(monkeypatch):
    env = {"SECRET_KEY": "x" * 50, "PII_KEYS": "k", "DATABASE_URL": "postgres://db/c"}
    assert _warnings(monkeypatch, env, S3_BUCKET="b", REDIS_URL="redis://r") == []
