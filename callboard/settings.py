"""Callboard settings, read from the environment (one file, like healthchecks).

Defaults run a single office on a laptop: SQLite under var/, a file outbox,
the database task backend. A studio sets DATABASE_URL, REDIS_URL with TASK_BACKEND=rq,
S3_BUCKET and EMAIL_URL (README: "A studio").
"""

import base64
import os
import secrets
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CALLBOARD_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else one generated once per installation."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _pii_keys() -> list[str]:
    """Keys for private data (SSN, date of birth, bank and tax numbers), newest first:
    PII_KEYS="new,old" rotates (core.vault.reseal re-encrypts a value with the first).
    Without it, one Fernet key generated once per installation."""
    if keys := os.environ.get("PII_KEYS"):
        return [k.strip() for k in keys.split(",") if k.strip()]
    key_file = VAR_DIR / "pii_key"
    if not key_file.exists():
        key_file.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        key_file.chmod(0o600)
    return [key_file.read_text().strip()]


PII_KEYS = _pii_keys()
DEBUG = env_bool("DEBUG", False)
# The test runner adds "testserver" itself; a real server answers only to these names.
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "callboard.core",
    "callboard.people",
    "callboard.documents",
    "callboard.scripts",
    "callboard.schedule",
    "callboard.locations",
    "callboard.callsheets",
    "callboard.distribution",
    "callboard.paperwork",
    "callboard.payroll",
    "callboard.accounting",
    "callboard.reports",
    "callboard.travel",
    "callboard.office",
    "callboard.api",
    "callboard.wrap",
    # django-ninja: the browsable API page's own Swagger UI files (served here, no CDN).
    "ninja",
    "callboard.home",
    "callboard.demo",
    "callboard.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "callboard.core.middleware.ClockMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "callboard.core.middleware.SecondFactorMiddleware",
    "callboard.core.middleware.PersonalLinkNoStoreMiddleware",
    # Last, so it sees the login view's failed attempts and answers a locked-out one.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "callboard.urls"
WSGI_APPLICATION = "callboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "callboard" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "callboard.core.context_processors.navigation",
                "callboard.home.context_processors.own_things",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'callboard.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids
    # "database is locked" when two writers upgrade their locks at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests get a file, not the shared-cache memory database: there a page the live server
    # writes while another request (a poll, the test itself) reads fails at once with "table
    # is locked" instead of waiting its turn as WAL lets it. One file per test run.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"callboard-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
# Axes first: it refuses a locked-out account-and-address pair before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "callboard.core.accounts.AccountBackend",
]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Object storage: with S3_BUCKET every uploaded and generated file goes to that bucket
# (django-storages), private; people reach a file only through Callboard's views, which check
# their capabilities and stream it. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY as boto3 reads them. Without a bucket, files stay under var/media.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "default_acl": "private",
            "file_overwrite": False,
            # A URL handed out, if ever, works for a minute.
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
WHITENOISE_USE_FINDERS = True

# Uploads: imports are refused above this size with a clear message.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Runs in a PA's own car are paid back per mile: the IRS standard rate (2025) unless the
# installation sets another; each production may set its own on its runs page.
OFFICE_MILEAGE_RATE = Decimal(os.environ.get("OFFICE_MILEAGE_RATE", "0.70"))
MAX_SCRIPT_BYTES = 30 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# E-mail: the outbox backend keeps every message in the database (the in-app
# outbox page) and, when EMAIL_URL is set, also sends it over SMTP.
EMAIL_BACKEND = "callboard.core.mail.OutboxBackend"
EMAIL_URL = os.environ.get("EMAIL_URL", "")
# A hung mail server must not hold a worker (and its send's lease) for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# A send that has not moved for this long is presumed dead and taken over by the next run.
DISPATCH_LEASE_SECONDS = int(os.environ.get("DISPATCH_LEASE_SECONDS", "60"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Callboard <office@callboard.local>")
# Text messages: a class with send(to, body); the default keeps them in the outbox.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "callboard.distribution.sms.OutboxSms")
# Weather for call sheets: a class with forecast(lat, lon, day); none means typed by hand.
WEATHER_PROVIDER = os.environ.get("WEATHER_PROVIDER", "")

# Background work: the database queue by default; TASK_BACKEND=rq with REDIS_URL puts it on
# Redis (django-tasks-rq) for any number of workers on any number of machines. Either way
# `manage.py worker` starts the right worker. A dotted class path is taken as it is.
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_BACKEND_NAMES = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
if TASK_BACKEND not in TASK_BACKEND_NAMES and "." not in TASK_BACKEND:
    raise ImproperlyConfigured(
        f"TASK_BACKEND={TASK_BACKEND!r}: say database (the default) or rq (with REDIS_URL)."
    )
if TASK_BACKEND == "rq" and not REDIS_URL:
    raise ImproperlyConfigured(
        "TASK_BACKEND=rq needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379/0)."
    )
TASKS = {"default": {"BACKEND": TASK_BACKEND_NAMES.get(TASK_BACKEND, TASK_BACKEND)}}
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # A job killed with its worker is failed by RQ after this long; resume_sends picks the
    # send up again by its lease, so the timeout only bounds a hung task.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}

# Caches: the default is per process; throttling counts go to the database so every web
# process shares them (make run and bin/serve create the table: manage.py createcachetable).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "callboard_throttle",
    },
}
if REDIS_URL:
    # Shared by every app server (Django's own Redis cache).
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "callboard",
        # Redis gone must not hang a page (or the healthcheck): give up after two seconds.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
THROTTLE_CACHE = "throttle"

# The API: each token may make API_RATE_LIMIT requests per API_RATE_WINDOW seconds (429 with
# Retry-After beyond), and a write's body is at most API_MAX_BODY bytes (413 beyond).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))
API_MAX_BODY = int(os.environ.get("API_MAX_BODY", str(256 * 1024)))
# Webhooks never call private or loopback addresses (the server's own network) unless the
# host is listed here (comma-separated host names or addresses; the tests' receiver).
WEBHOOK_ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("WEBHOOK_ALLOWED_HOSTS", "").split(",") if h.strip()
]

# Logins: failures count per account *and* address together (django-axes, in the database),
# so someone guessing from elsewhere never locks the owner out. A studio admin lifts a pause
# from the show's Team > Logins page.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "callboard.core.accounts.login_username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "callboard.core.accounts.client_address"
# Behind reverse proxies, how many of them append to X-Forwarded-For (e.g. 1): the address
# they saw is the client's; without it a forged header is ignored.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
# Password resets: requests per hour from one address and for one e-mail.
PASSWORD_RESET_LIMITS = {"address": 10, "email": 3}
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60

# Second factor (django-otp): the roles holding Cap.SECOND_FACTOR enrol an authenticator app.
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Callboard")

# Content-Security-Policy: scripts only from the app itself or an inline block carrying the
# page's nonce; htmx is set (base.html) to need no eval and inject no styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Served over HTTPS (HTTPS=true, or SECURE_COOKIES=true): redirect plain HTTP and tell
# browsers to use HTTPS only (HSTS). Behind a proxy that ends TLS, set PROXY_SSL_HEADER=true
# so the proxy's X-Forwarded-Proto: https counts.
HTTPS = env_bool("HTTPS", SESSION_COOKIE_SECURE)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # A load balancer's health probe comes over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
if env_bool("PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Even a debug page hides settings and environment values whose names look secret: keys,
# passwords, and the URLs that carry them (DATABASE_URL, EMAIL_URL).
DEFAULT_EXCEPTION_REPORTER_FILTER = "callboard.core.debug.SecretSettingsFilter"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
