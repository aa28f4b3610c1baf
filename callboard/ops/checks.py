"""System checks for running Callboard on more than one machine."""

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def shared_keys_come_from_the_environment(app_configs, **kwargs):
    """A studio's app servers and workers share the database, Redis and the bucket; each must
    then have the same SECRET_KEY (sessions, signed links) and PII_KEYS (private data) from the
    environment. A key generated into one machine's var/ signs sessions the other servers
    refuse, and seals SSNs and bank numbers that only that machine can open."""
    shared = [
        name
        for name, used in (
            ("REDIS_URL", settings.REDIS_URL),
            ("S3_BUCKET", settings.S3_BUCKET),
            ("DATABASE_URL", os.environ.get("DATABASE_URL", "").startswith("postgres")),
        )
        if used
    ]
    missing = [key for key in ("SECRET_KEY", "PII_KEYS") if not os.environ.get(key)]
    if not shared or not missing:
        return []
    return [
        checks.Warning(
            f"{' and '.join(missing)} not set in the environment while {', '.join(shared)} "
            "is shared: this machine uses keys generated into its own var/ folder.",
            hint="Give every app server and worker the same SECRET_KEY and PII_KEYS from the "
            "environment (as in README, 'A studio'), or sessions fail between servers and "
            "private data sealed on one machine cannot be read on another.",
            id="callboard.W001",
        )
    ]
