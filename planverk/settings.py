"""Planverk settings: one module, driven by the environment (see README)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from planverk import datafolder
from planverk.accounts.providers import from_environ as oidc_providers_from_environ

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "planverk-development-key-never-use-in-production"


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if not value.isascii() or not value.strip().isdigit():
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number")
    return int(value)


DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]

# Where the SQLite database, uploaded documents and the command line's key live.
DATA_DIR = datafolder.path(os.environ, BASE_DIR)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",  # the queue, in Planverk's own database
    "axes",
    "csp",  # its system checks catch settings of django-csp 3
    # Planverk, from the bottom layer up (see the import-linter contract).
    "planverk.organizations",
    "planverk.frameworks",
    "planverk.strategies",
    "planverk.accounts",
    "planverk.interchange",
    "planverk.reports",
    "planverk.site",
    "planverk.sample",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A request id in every log line (planverk.middleware; LOGGING below).
    "planverk.middleware.RequestIdMiddleware",
    # A Content-Security-Policy without inline script or style (see below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /o/<a slug the organisation had>/… answers 301 to its slug now.
    "planverk.site.middleware.PreviousSlugMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx
    # Signed-in responses are Cache-Control: private.
    "planverk.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # after authentication
]

# Background work (reports rendered once a version is published) goes through
# django-tasks' database backend: the queue is a table of Planverk's own
# database, worked by `planverk db_worker` (see the README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ROOT_URLCONF = "planverk.urls"
WSGI_APPLICATION = "planverk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'planverk.sqlite3'}", conn_max_age=60
    )
}
sqlite = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if sqlite:
    # IMMEDIATE avoids "database is locked" when two requests start writing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    datafolder.create(Path(DATABASES["default"]["NAME"]).parent)  # 0700 if new

# Given, or in development the development key. In production mode (DEBUG off)
# a server needs it given; the `planverk` command on SQLite falls back on the
# data folder's own key (PLANVERK_DATA/secret_key, made the first time; see
# planverk/datafolder.py and the README).
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    DEV_SECRET_KEY if DEBUG else datafolder.fallback_key(DATA_DIR, sqlite)
)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key, which production mode (DEBUG off) "
        "refuses. Set SECRET_KEY to a long random value, or DEBUG=true for development."
    )
if not SECRET_KEY:
    raise ImproperlyConfigured(datafolder.missing_key_message(sqlite))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{v}"}
    for v in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("en", "English"),
    ("lt", "Lietuvių"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# npm packages (installed by `make`) are served under static/vendor/.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet", NODE_MODULES / "@digdir/designsystemet-css/dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org/dist"),
]
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# How long anonymous readers may be served a cached strategy page body. Edits
# through Planverk change the strategy's updated_at, which is part of the key;
# the timeout bounds what the admin's direct edits can leave stale.
PLANVERK_PAGE_CACHE_SECONDS = envint("PLANVERK_PAGE_CACHE_SECONDS", 300)

# The largest strategy document accepted in the browser (bytes).
PLANVERK_UPLOAD_MAX_BYTES = envint("PLANVERK_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

LOGIN_URL = "/konto/logg-inn/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Sign-in: password accounts throttled by django-axes, OpenID Connect providers
# (ID-porten, Feide) from PLANVERK_OIDC_* variables, invitations (see README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login first
    "django.contrib.auth.backends.ModelBackend",
]
PLANVERK_OIDC_PROVIDERS = oidc_providers_from_environ(os.environ)
AXES_FAILURE_LIMIT = envint("PLANVERK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("PLANVERK_LOGIN_COOLOFF_MINUTES", 15))
# Per username and address: a guesser cannot lock the owner out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "planverk.accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "planverk.accounts.throttling.client_ip"
# Reverse proxies in front that append the client's address to X-Forwarded-For.
PLANVERK_TRUSTED_PROXIES = envint("PLANVERK_TRUSTED_PROXIES", 0)
SESSION_COOKIE_AGE = envint("PLANVERK_SESSION_HOURS", 10) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # sent on the provider's redirect back to us
CSRF_COOKIE_HTTPONLY = True  # forms and htmx take the token from the page
CSRF_COOKIE_SAMESITE = "Lax"
# A form refused for its missing or stale token: templates/403.html, translated.
CSRF_FAILURE_VIEW = "planverk.errors.csrf_failure"
PLANVERK_INVITATION_DAYS = envint("PLANVERK_INVITATION_DAYS", 7)
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "planverk@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)

# Behind a TLS-terminating proxy in production (see README).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]

# Security headers: a Content-Security-Policy without inline script or style
# (django-csp; htmx and our own JavaScript are static files), no framing, no
# MIME sniffing, no full URLs to other sites. HSTS is in the production block above.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The design system's icons are data: URLs in its CSS.
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# ----------------------------------------------------------- errors and logging
# Every request gets an id (planverk.middleware): from a proxy's X-Request-ID
# or new, sent back in X-Request-ID, in every log line and on the 500 page.
# Errors go to stderr with their traceback; Planverk's own loggers from INFO.
# Signed-in responses are Cache-Control: private. Error pages: templates/4xx,
# 500.html (handler500 in planverk/urls.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "planverk.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",  # to sys.stderr
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers print only with DEBUG on and mail ADMINS (none
        # here): its records go to the root's handler instead, once.
        "django": {"handlers": [], "level": "INFO"},
        # 4xx responses are in gunicorn's access log; 5xx come with the traceback.
        "django.request": {"level": "ERROR"},
        "planverk": {"level": "INFO"},
    },
}

# ------------------------------------------------------- how much a strategy holds
# Limits that real strategies fit with room to spare (the county's strategy,
# the largest we know, has 20 themes, 61 measures and 65 000 characters), so
# that no page, report or import grows without bound. Enforced at import, in
# every form and in the API (planverk/strategies/limits.py); see the README.
PLANVERK_LIMITS = {
    "themes": envint("PLANVERK_MAX_THEMES", 100),
    "measures": envint("PLANVERK_MAX_MEASURES", 500),
    "goal_assessments": envint("PLANVERK_MAX_GOALS", 300),
    "action_plan": envint("PLANVERK_MAX_ACTION_ITEMS", 300),
    "sections": envint("PLANVERK_MAX_SECTIONS", 100),
    "revisions": envint("PLANVERK_MAX_DECISIONS", 200),
    "glossary": envint("PLANVERK_MAX_GLOSSARY", 300),
    "units": envint("PLANVERK_MAX_UNITS", 200),
    "bullets": envint("PLANVERK_MAX_BULLETS", 50),
    "markdown_chars": envint("PLANVERK_MAX_MARKDOWN_CHARS", 20_000),
    "text_chars": envint("PLANVERK_MAX_TEXT_CHARS", 2_000),
    "strategy_chars": envint("PLANVERK_MAX_STRATEGY_CHARS", 300_000),
}
# A report is made within this time (the PDF engine runs in a child process
# that is stopped then) and may be at most this large.
PLANVERK_REPORT_SECONDS = envint("PLANVERK_REPORT_SECONDS", 60)
PLANVERK_REPORT_MAX_BYTES = envint("PLANVERK_REPORT_MAX_BYTES", 50 * 2**20)

# gunicorn workers of `planverk serve` (the variable gunicorn itself reads).
PLANVERK_WEB_CONCURRENCY = envint("WEB_CONCURRENCY", 2)
