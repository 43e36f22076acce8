"""Traject settings, driven by environment variables with defaults that just run.

TRAJECT_ENV selects the mode: ``development`` (default: DEBUG, SQLite in ./data),
``production`` (refuses to start without SECRET_KEY) or ``test`` (set by the test suite).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the traject package
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("TRAJECT_DATA_DIR", PROJECT_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


TRAJECT_ENV = os.environ.get("TRAJECT_ENV", "development")
if TRAJECT_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"TRAJECT_ENV must be development, production or test, not {TRAJECT_ENV!r}"
    )
PRODUCTION = TRAJECT_ENV == "production"
TESTING = TRAJECT_ENV == "test"

DEBUG = env_bool("DEBUG", TRAJECT_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789"


def weak_secret_key(key: str) -> str:
    """Why a key is too weak for production ('' when it is fine): Django's own deploy rules."""
    if len(key) < 50:
        return "it is shorter than 50 characters"
    if len(set(key)) < 5:
        return "it has fewer than 5 different characters"
    if key.startswith("django-insecure") or key == DEVELOPMENT_SECRET_KEY:
        return "it is a development key"
    return ""


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (TRAJECT_ENV=production).")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif PRODUCTION and weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: {weak_secret_key(SECRET_KEY)}. Generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The Traject domain apps, in dependency order. Each may provide the optional modules
# ``dashboard``, ``navigation``, ``demo`` and ``api`` that core discovers.
TRAJECT_APPS = [
    "traject.core",
    "traject.audit",
    "traject.accounts",
    "traject.organisation",
    "traject.mentoring",
    "traject.portfolio",
    "traject.worktime",
    "traject.quality",
    "traject.conversations",
    "traject.trajectory",
    "traject.onboarding",
    "traject.workfloor",
    "traject.places",
    "traject.programme",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    *TRAJECT_APPS,
    # Identity (accounts owns their configuration below): django-allauth for e-mail addresses,
    # single sign-on (OpenID Connect, SAML 2.0) and two-factor authentication.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First of all (a NUL in the session cookie would reach the database otherwise): refuses
    # NUL characters and oversized texts in any request, once, centrally.
    "traject.core.input_guard.InputGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "traject.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "traject.core.middleware.VersionRequiredMiddleware",
    "traject.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "traject.config.urls"
WSGI_APPLICATION = "traject.config.wsgi.application"
ASGI_APPLICATION = "traject.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "traject.core.context_processors.navigation",
            ],
            "builtins": ["traject.core.templatetags.traject"],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production), SQLite in the data directory otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "traject.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                # WAL for readers beside a writer; a 64 MB page cache and memory-mapped reads:
                # with SQLite's 2 MB default every page of a national database (~20 MB and
                # more) cost 1.3-1.6x more CPU, the login page too (benchmarks/pages.py).
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and security
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the suite creates thousands of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# Locked per account and IP address, and per account alone (a password spray from many
# addresses, or from behind one proxy, is slowed down too). The price: five wrong passwords for
# an account lock it for everyone for 15 minutes; the password-reset link still works.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
# Behind a reverse proxy, REMOTE_ADDR is the proxy's: set TRUSTED_PROXY_COUNT to the number of
# proxies in front of Traject that append to X-Forwarded-For (and only then), so that the
# client's address is read from the right place of that header (never from what a client sends).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "traject.accounts.identity.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

from traject.accounts.identity_settings import *  # noqa: E402, F403  (allauth, SSO, 2FA)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy: own origin only; inline scripts need the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Languages: Dutch is the house language.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
# One date and number format per language (traject/config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["traject.config.formats"]
# Traject's own catalogues come first, so that a word Django's admin also translates
# ("Change", "Save") reads as Traject chose.
LOCALE_PATHS = [BASE_DIR / app.rsplit(".", 1)[1] / "locale" for app in TRAJECT_APPS]
LANGUAGE_COOKIE_NAME = "traject_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "media/"
# Uploaded dossiers and proofs: outside MEDIA_ROOT, served only by permission-checked views.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", DATA_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The longest single text any form field or API value accepts (traject.core.input_guard), and
# the largest file content sent as JSON (an import's ``content``).
TEXT_MAX_LENGTH = int(os.environ.get("TEXT_MAX_LENGTH", "20000"))
IMPORT_MAX_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: SMTP when EMAIL_HOST is set, the console otherwise (development) or memory (tests).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Traject <noreply@traject.example>")

# Background work: Django's tasks framework (django-tasks backport, see README).
# TASKS_BACKEND: "database" (default, worker: `traject db_worker`), "redis" (RQ, needs REDIS_URL)
# or "immediate" (inline, used by the tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "database")
REDIS_URL = os.environ.get("REDIS_URL", "")
if TASKS_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=redis needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be database, redis or immediate.")

# The ministry's working-time statistics are kept in the cache under a fingerprint of their
# inputs; each process reads that fingerprint again once its last reading is this old (seconds).
WORKTIME_STATISTICS_FRESH_SECONDS = int(os.environ.get("WORKTIME_STATISTICS_FRESH_SECONDS", "5"))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# Encryption keys for confidential texts (mentor notes) and sealed survey answers: Fernet keys,
# comma separated, the first encrypting and all decrypting (rotation: put the new key first,
# run `traject rotate_field_key`, then drop the old one). Required in production, separate
# from SECRET_KEY; derived from SECRET_KEY in development and tests.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
if PRODUCTION:
    from cryptography.fernet import Fernet

    _field_keys = [k.strip() for k in FIELD_ENCRYPTION_KEY.split(",") if k.strip()]
    if not _field_keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be set in production: generate one with "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'."
        )
    for _key in _field_keys:
        try:
            Fernet(_key)
        except ValueError as _exc:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEY must hold Fernet keys (32 url-safe base64-encoded bytes), "
                "comma separated."
            ) from _exc

# Smallest group reported from anonymous surveys and aggregated statistics (never below 3).
ANONYMITY_THRESHOLD = max(3, int(os.environ.get("ANONYMITY_THRESHOLD", "5")))

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LOG_LEVEL", "WARNING" if TESTING else "INFO"),
    },
    "loggers": {"axes": {"level": "WARNING"}},
}
