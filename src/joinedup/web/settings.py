"""Django settings, every one from the environment with a safe demo default.

Production is told apart from the demo by ``joinedup serve``, which refuses to
start while a required setting is missing (see ``joinedup.web.production``);
``check --deploy`` adds our own checks to Django's.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from joinedup.core.errors import InputError
from joinedup.core.limits import limits_from

# ModelForm[Partner], ModelAdmin[Member]... as django-stubs types them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DEMO_SECRET_KEY = "django-insecure-joinedup-demo-key-never-use-in-production"


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str, least: int = 0) -> int:
    """A whole number of at least ``least`` (a negative count, time or port
    means nothing, and would fail later, far from the setting)."""
    value = os.environ.get(name, default)
    try:
        number = int(value)
    except ValueError:
        number = least - 1
    if number < least:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {least}, not {value!r}"
        )
    return number


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def envdatabase(name: str, default: str) -> dict[str, Any]:
    """The database that the URL in ``name`` gives: PostgreSQL or SQLite only."""
    url = os.environ.get(name, "").strip() or default
    try:
        config = dict(
            dj_database_url.parse(url, conn_max_age=envint("JOINEDUP_DB_CONN_MAX_AGE", "0"))
        )
    except ValueError:  # an unknown scheme, a port that is not a number...
        config = {}
    if config.get("ENGINE") not in _DATABASE_ENGINES:
        raise ImproperlyConfigured(
            f"{name} must be a PostgreSQL URL (postgres://user:password@host:5432/name) or "
            "an SQLite one (sqlite:///path/to/file.sqlite3); the one given is neither (it is "
            "not shown here, as it may hold a password)"
        )
    return config


_DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


HOME = Path(os.environ.get("JOINEDUP_HOME", ".joinedup")).resolve()

SECRET_KEY = os.environ.get("JOINEDUP_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = envbool("JOINEDUP_DEBUG", "false")
ALLOWED_HOSTS = envlist("JOINEDUP_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("JOINEDUP_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "joinedup.web.partnerships",
    "joinedup.web.accounts",
    "joinedup.web.jobs",
    "joinedup.web.assessments",
    "joinedup.web.outcomes",
    "joinedup.web.effort",
    "joinedup.web.actions",
    "joinedup.web.freshness",
    "joinedup.web.overview",
    "joinedup.web.report",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, so static files keep their caching.
    "joinedup.web.headers.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "joinedup.web.idle.RenewSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into our page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "joinedup.web.urls"
WSGI_APPLICATION = "joinedup.web.wsgi.application"

TEMPLATES = [
    {
        # Our pages: Jinja2 with the NHS.UK frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "joinedup.web.jinja.environment"},
    },
    {
        # Django's admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {"default": envdatabase("DATABASE_URL", f"sqlite:///{HOME / 'joinedup.sqlite3'}")}
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # Each transaction takes the write lock as it begins, so a check and the
    # write it allows (an answer while its round is open) cannot interleave
    # with another's, and no transaction fails midway upgrading its lock.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every password anyone chooses (createuser, sign-up, reset) meets all four.
_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATION}.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
]
# A session ends after this long without a request (requests renew it:
# joinedup.web.idle, at most one write every five minutes).
SESSION_COOKIE_AGE = 60 * envint("JOINEDUP_SESSION_IDLE_MINUTES", "480", least=1)
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partnerships:list"
LOGOUT_REDIRECT_URL = "login"

# Log-in throttling (django-axes, ADR 1001): after AXES_FAILURE_LIMIT failures
# for one username, or from one address, within the cool-off time, every
# attempt for it is refused until the cool-off time has passed since the last.
AXES_FAILURE_LIMIT = envint("JOINEDUP_LOGIN_FAILURE_LIMIT", "10", least=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("JOINEDUP_LOGIN_COOLOFF_MINUTES", "15", least=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_LOCKOUT_CALLABLE = "joinedup.web.lockout.response"
# Each failure is logged (WARNING, logger "axes") with the username and address
# it came from, so that an operator can see who is tried from where.
AXES_SENSITIVE_PARAMETERS: list[str] = []
# Not verbose: no start-up banner on every command, and a failure's log line
# names the username and address (what locks), not the browser.
AXES_VERBOSE = False
# Behind JOINEDUP_PROXY_COUNT reverse proxies, the client's address is the one
# the nearest proxy appended to X-Forwarded-For (what a client sends is not).
PROXY_COUNT = envint("JOINEDUP_PROXY_COUNT", "0")
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"  # shown in London time; stored in UTC (USE_TZ)
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the built NHS.UK frontend (frontend/build.sh)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the package's static folders, so the demo and tests need
# no collectstatic; `joinedup serve` still collects for compressed files.
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get(
    "JOINEDUP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("JOINEDUP_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("JOINEDUP_EMAIL_PORT", "25", least=1)
EMAIL_HOST_USER = os.environ.get("JOINEDUP_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("JOINEDUP_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("JOINEDUP_EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("JOINEDUP_DEFAULT_FROM_EMAIL", "joinedup@localhost")
# The site's address as people reach it, for links in email sent without a
# request (reminders from cron).
SITE_URL = os.environ.get("JOINEDUP_SITE_URL", "http://localhost:8000").rstrip("/")
# Where the file-based backend (the demo's) writes each email, one file each.
EMAIL_FILE_PATH = HOME / "mail"

# Background jobs (docs/jobs.md): a running job whose worker shows no sign of
# life for this many seconds is taken over by another worker; a job is tried
# at most this many times; a job that failed for a passing reason (a mail
# server down) is tried again after this many seconds times its tries so far.
# A web import of a file with more rows than this is checked and applied by
# the worker (joinedup worker), with a page that shows its progress.
IMPORT_BACKGROUND_ROWS = envint("JOINEDUP_IMPORT_BACKGROUND_ROWS", "20000", least=1)
JOBS_STALE_AFTER = envint("JOINEDUP_JOBS_STALE_AFTER", "600", least=1)
JOBS_ATTEMPTS = envint("JOINEDUP_JOBS_ATTEMPTS", "5", least=1)
JOBS_RETRY_AFTER = envint("JOINEDUP_JOBS_RETRY_AFTER", "900")
# A worker deletes jobs that ended more than this many days ago when it starts.
JOBS_KEEP_DAYS = envint("JOINEDUP_JOBS_KEEP_DAYS", "90")

# Behind HTTPS (a proxy that terminates TLS), turn on the secure cookies,
# redirects and HSTS that `check --deploy` asks for.
HTTPS = envbool("JOINEDUP_HTTPS", "false")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("JOINEDUP_HSTS_SECONDS", "31536000" if HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = envbool("JOINEDUP_HSTS_PRELOAD", "false")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# What a page may load and run: only joinedup's own files. The one inline
# script, the NHS.UK template's (it marks the page as having JavaScript), is
# allowed by its hash; a test fails if the frontend changes it.
NHSUK_TEMPLATE_SCRIPT = "'sha256-tDOvXJi1PXbg0CWjLCCYSNHRXtps26K4JXkE3M6u/c0='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NHSUK_TEMPLATE_SCRIPT],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page uses any of these browser features: none may be asked for.
PERMISSIONS_POLICY: dict[str, list[str]] = dict.fromkeys(
    [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ],
    [],
)
# Links to other sites carry no address: personal links hold their key in it.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": envchoice("JOINEDUP_LOG_LEVEL", "INFO", _LOG_LEVELS),
    },
    # WeasyPrint reports each page it lays out and each rule of the NHS.UK
    # stylesheet it does not support (screen-only rules): noise, not news.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# The caps on uploads and imports (JOINEDUP_MAX_FILE_MB, JOINEDUP_MAX_ROWS,
# JOINEDUP_MAX_UNPACKED_MB): joinedup.core.limits, docs/configuration.md.
try:
    INPUT_LIMITS = limits_from(os.environ)
except InputError as exc:
    raise ImproperlyConfigured(str(exc)) from None
