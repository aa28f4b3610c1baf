"""What a debug or error report may show."""

import re

from django.views.debug import SafeExceptionReporterFilter


class SecretSettingsFilter(SafeExceptionReporterFilter):
    """Django's filter, also hiding every setting and environment value whose name holds
    URL (DATABASE_URL, EMAIL_URL carry passwords), KEY (SECRET_KEY, PII_KEYS), DATABASE,
    EMAIL_HOST or SMS."""

    hidden_settings = re.compile(
        r"API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|DSN|DATABASE|EMAIL_HOST|SMS|PII",
        flags=re.IGNORECASE,
    )
