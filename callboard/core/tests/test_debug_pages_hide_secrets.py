"""Even with DEBUG on, an error page hides the settings and environment values that carry
passwords and keys (EMAIL_URL, DATABASE_URL, PII_KEYS, SECRET_KEY)."""

import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

SMTP_PASSWORD = "hunter2-smtp-password"
DB_PASSWORD = "pg-secret-password"
PII_KEY = "pii-key-one-XYZ"
SECRET_KEY = "the-secret-key-ABC-1234567890-abcdefghijklmnopqrstuvwxyz"
# (Named up here: the error page quotes the source lines around the error.)


def _debug_page(settings) -> str:
    settings.DEBUG = True
    settings.EMAIL_URL = f"smtp://office:{SMTP_PASSWORD}@mail.example.com:587"
    settings.PII_KEYS = [PII_KEY]
    settings.SECRET_KEY = SECRET_KEY
    request = RequestFactory().get(
        "/boom/", DATABASE_URL=f"postgres://app:{DB_PASSWORD}@db/callboard"
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return ExceptionReporter(request, *sys.exc_info()).get_traceback_html()


def test_a_debug_error_page_hides_passwords_and_keys(settings):
    html = _debug_page(settings)
    assert "RuntimeError" in html and "EMAIL_URL" in html
    for secret in (SMTP_PASSWORD, DB_PASSWORD, PII_KEY, SECRET_KEY):
        assert secret not in html


def test_the_hiding_filter_is_the_default_for_every_error_report():
    from django.views.debug import get_default_exception_reporter_filter

    from callboard.core.debug import SecretSettingsFilter

    assert isinstance(get_default_exception_reporter_filter(), SecretSettingsFilter)
