"""DeGS Suite settings: one module, driven by environment variables.

With nothing set it runs for development on SQLite in a data folder outside the source tree.
``DATABASE_URL`` switches to PostgreSQL. ``DEGS_ENV=production`` refuses to start without a
secret key, allowed hosts, the site's address, the certificate key and the Aadhaar hash key, and
turns on every deployment safeguard.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# pytest (8.2+) announces itself in PYTEST_VERSION: tests get test settings unless told otherwise.
ENV = os.environ.get("DEGS_ENV", "test" if "PYTEST_VERSION" in os.environ else "development")
ENV = ENV.strip().lower()
if ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DEGS_ENV must be development, production or test.")
PRODUCTION = ENV == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(
    os.environ.get("DEGS_DATA_DIR")
    or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "degs-suite"
)

SECRET_KEY = os.environ.get("DEGS_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DEGS_ALLOWED_HOSTS")
if PRODUCTION:
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DEGS_ENV=production needs DEGS_SECRET_KEY (at least 50 random characters)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEGS_ENV=production needs DEGS_ALLOWED_HOSTS.")
    DEBUG = False
else:
    SECRET_KEY = SECRET_KEY or "development-only-key-never-used-in-production-0123456789abcdef"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver", "[::1]"]
    DEBUG = env_bool("DEGS_DEBUG", ENV == "development")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The DeGS apps, in layers: an app may import the apps above it and never those below it
    # (tests/test_layers.py). Each declares what it brings in its apps.py (degs.core.registry).
    "degs.core",
    "degs.imports",
    "degs.directory",
    "degs.accounts",
    "degs.reviews",
    "degs.centres",
    "degs.catalogue",
    "degs.applications",
    "degs.connectivity",
    "degs.rollouts",
    "degs.assets",
    "degs.finance",
    "degs.indicators",
    "degs.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "degs.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "degs.core.middleware.ApplicationErrorMiddleware",
    "degs.core.middleware.AddressTextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "degs" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "degs.accounts.context_processors.capabilities",
            ],
        },
    },
]

# Databases -----------------------------------------------------------------------------------
POSTGRESQL = "django.db.backends.postgresql"


def database_from_url(
    url: str, *, pool_min: int = 0, pool_max: int = 0, pool_timeout: float = 10.0
) -> dict[str, Any]:
    """One database's settings from its URL. On PostgreSQL: connections checked before use, JIT
    off, and, when ``pool_max`` is given, Django's psycopg pool with ``CONN_MAX_AGE`` 0 (the
    pool keeps the connections; Django refuses both at once). Elsewhere connections persist
    for a minute."""
    database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if database["ENGINE"] != POSTGRESQL:
        if pool_max:
            raise ImproperlyConfigured("DEGS_DB_POOL_MAX needs PostgreSQL (DATABASE_URL).")
        return database
    database["CONN_HEALTH_CHECKS"] = True
    options = database.setdefault("OPTIONS", {})
    # JIT compiling pays off for long analytic queries, not for pages: on a state's report
    # it spent 140 ms compiling a query that ran in 190 ms (docs/performance.md).
    options.setdefault("options", "-c jit=off")
    if pool_max:
        database["CONN_MAX_AGE"] = 0
        options["pool"] = {"min_size": pool_min, "max_size": pool_max, "timeout": pool_timeout}
    return database


def sqlite_database(path: str, *, test: bool) -> dict[str, Any]:
    """The embedded database: one file, in WAL mode."""
    database: dict[str, Any] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock
            # at BEGIN so two writers queue instead of failing half-way ("database is locked").
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }
    if test:
        database["TEST"] = {"NAME": None}
    return database


def databases(environ: Mapping[str, str], *, test: bool, sqlite_path: str) -> dict[str, Any]:
    """``DATABASES`` from the environment (docs/operations.md, "A state's deployment").

    ``DATABASE_URL``: the database (PostgreSQL in production), else SQLite at ``sqlite_path``.
    ``DEGS_DB_POOL_MAX`` (with ``DEGS_DB_POOL_MIN``, ``DEGS_DB_POOL_TIMEOUT``): each process
    keeps a pool of at most that many connections per database (PostgreSQL; off by default).
    ``DEGS_REPLICA_URL``: a streaming replica of it, alias ``replica``, which the pages marked
    ``reads_from_replica`` read from (``degs.core.db_router``); in tests it mirrors
    ``default``, whose test database it receives by streaming.
    """
    url = environ.get("DATABASE_URL", "")
    replica_url = environ.get("DEGS_REPLICA_URL", "")
    try:
        pool_max = int(environ.get("DEGS_DB_POOL_MAX") or 0)
        pool_min = int(environ.get("DEGS_DB_POOL_MIN") or min(2, pool_max))
        pool_timeout = float(environ.get("DEGS_DB_POOL_TIMEOUT") or 10)
    except ValueError as error:
        raise ImproperlyConfigured(f"DEGS_DB_POOL_MIN/MAX/TIMEOUT: {error}") from error
    if pool_max < 0 or pool_timeout <= 0 or (pool_max and not 0 <= pool_min <= pool_max):
        raise ImproperlyConfigured(
            "DEGS_DB_POOL_MAX must be 0 (no pool) or more, DEGS_DB_POOL_MIN between 0 and it, "
            "DEGS_DB_POOL_TIMEOUT more than 0 seconds."
        )
    if not url:
        if pool_max or replica_url:
            raise ImproperlyConfigured(
                "DEGS_DB_POOL_MAX and DEGS_REPLICA_URL need PostgreSQL (DATABASE_URL)."
            )
        return {"default": sqlite_database(sqlite_path, test=test)}

    def from_url(address: str) -> dict[str, Any]:
        return database_from_url(
            address, pool_min=pool_min, pool_max=pool_max, pool_timeout=pool_timeout
        )

    result = {"default": from_url(url)}
    if replica_url:
        replica = from_url(replica_url)
        if result["default"]["ENGINE"] != POSTGRESQL or replica["ENGINE"] != POSTGRESQL:
            raise ImproperlyConfigured(
                "DEGS_REPLICA_URL is a PostgreSQL streaming replica of DATABASE_URL's PostgreSQL."
            )
        # A replica that does not answer is given up on quickly: its reads go to the primary.
        replica["OPTIONS"].setdefault("connect_timeout", 2)
        # Tests create no database on the replica: it streams the primary's test database.
        replica["TEST"] = {"MIRROR": "default"}
        result["replica"] = replica
    return result


DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = databases(
    os.environ,
    test=ENV == "test",
    sqlite_path=os.environ.get("DEGS_SQLITE_PATH") or str(DATA_DIR / "degs.sqlite3"),
)
if "replica" in DATABASES:
    DATABASE_ROUTERS = ["degs.core.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "degs.core.replica_middleware.ReadYourWritesMiddleware",
    )
# Read-your-writes: for this many seconds after a user's last successful write request, their
# reads stay on the primary, even on pages marked to read from the replica.
DEGS_REPLICA_STICKY_SECONDS = float(os.environ.get("DEGS_REPLICA_STICKY_SECONDS", "5"))
# The replica is read only while it is at most this far behind the primary, measured at most
# once every DEGS_REPLICA_CHECK_SECONDS per process; otherwise, or when it does not answer,
# reads go to the primary.
DEGS_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DEGS_REPLICA_MAX_LAG_SECONDS", "5"))
DEGS_REPLICA_CHECK_SECONDS = float(os.environ.get("DEGS_REPLICA_CHECK_SECONDS", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and login security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENV == "test":
    # Argon2 is deliberately slow; the suite creates hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock a user name from one address after repeated failures. Never the address alone: the
# kiosks of a block often share one public address, and one operator's typos must not lock out
# the others.
AXES_ENABLED = env_bool("DEGS_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("DEGS_LOGIN_FAILURE_LIMIT", "6"))
AXES_COOLOFF_TIME = float(os.environ.get("DEGS_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# The client's address, for the lockout and for every look-up limit (degs.core.ratelimit reads
# it with these same settings). DEGS_PROXY_COUNT is how many proxies stand in front of the app
# (nginx: 1). Each appends to X-Forwarded-For the address it was reached from, so the client is
# the DEGS_PROXY_COUNT-th entry from the right; anything a client wrote further left is ignored
# (ipware's count is of the entries after the client, hence the - 1, and not strict, so that a
# forged prefix does not void the header). Without a proxy the header is never read: any client
# could write it.
DEGS_PROXY_COUNT = int(os.environ.get("DEGS_PROXY_COUNT", "1" if PRODUCTION else "0"))
if DEGS_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DEGS_PROXY_COUNT must be 0 or more.")
AXES_IPWARE_PROXY_ORDER = "left-most"
AXES_IPWARE_PROXY_TRUSTED_IPS = None
AXES_IPWARE_PROXY_COUNT = DEGS_PROXY_COUNT - 1 if DEGS_PROXY_COUNT else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR",) if DEGS_PROXY_COUNT else ("REMOTE_ADDR",)
)
IPWARE_STRICT = False

# Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "degs" / "locale"]
LANGUAGE_COOKIE_NAME = "degs_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["degs.core.formats"]

# Static and uploaded files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "degs" / "static"]
STATIC_ROOT = Path(os.environ.get("DEGS_STATIC_ROOT") or DATA_DIR / "static")
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DEGS_MEDIA_ROOT") or DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DEGS_IMPORT_MAX_BYTES = int(os.environ.get("DEGS_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
# Files of more rows than this are imported by the task worker, with progress on the page.
DEGS_IMPORT_BACKGROUND_ROWS = int(os.environ.get("DEGS_IMPORT_BACKGROUND_ROWS", "5000"))

# Procurement routes by value (paise): GFR 2017 rule 149 as amended by the Department of
# Expenditure's OM No. 1/3/2024/PPD of 10-07-2024. Up to the direct limit (Rs 50,000): direct
# purchase on GeM from any seller meeting the requirement; above it up to the L1 limit
# (Rs 10,00,000): the GeM seller with the lowest price among at least three sellers of three
# different manufacturers; above that: bid or reverse auction on GeM (docs/assets.md).
DEGS_GEM_DIRECT_LIMIT_PAISE = 50_000 * 100
DEGS_GEM_L1_LIMIT_PAISE = 10_00_000 * 100

# Background tasks -----------------------------------------------------------------------------
# Queued in the database for `manage.py db_worker` in production (any number of workers, on any
# number of machines: docs/operations.md), run at once elsewhere. DEGS_TASKS_BACKEND=database
# queues them outside production too (a staging machine, tests/core/test_workers.py);
# =immediate runs them at once.
DEGS_TASKS_BACKEND = os.environ.get(
    "DEGS_TASKS_BACKEND", "database" if PRODUCTION else "immediate"
).strip()
if DEGS_TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("DEGS_TASKS_BACKEND must be database or immediate.")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.backend.DatabaseBackend"
            if DEGS_TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Caches ---------------------------------------------------------------------------------------
REDIS_URL = os.environ.get("DEGS_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 12 * 3600
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; harmless.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = env_list("DEGS_CSRF_TRUSTED_ORIGINS")
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DEGS_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DEGS_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DEGS_HSTS_PRELOAD", True)

# Logging: plain lines to stderr; the process manager keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DEGS_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every layout step; tasks run inline outside production and would log
        # each one (the worker in production keeps them at the root level).
        "weasyprint": {"level": "WARNING"},
        "django_tasks": {"level": "INFO" if ENV == "production" else "WARNING"},
    },
}

# Domain settings ------------------------------------------------------------------------------
DEGS_API_TOKEN_PREFIX = "degs_"  # noqa: S105 - a public prefix, not a secret
DEGS_PAGE_SIZE = 50
DEGS_JURISDICTION_RESOLVER = "degs.accounts.selectors.user_jurisdiction"

# Mail: the console in development and the demo, SMTP from the environment in production ------
EMAIL_BACKEND = os.environ.get(
    "DEGS_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if ENV == "production"
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DEGS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DEGS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DEGS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DEGS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DEGS_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEGS_EMAIL_FROM", "DeGS Suite <degs@localhost>")
# The address people reach the site at: every absolute link (the receipt's status address, the
# certificate's QR code, e-mailed notices) is made from it, by degs.core.site. `make demo` sets it
# from the port it serves; production refuses to start without it.
DEGS_SITE_URL = os.environ.get("DEGS_SITE_URL", "").strip().rstrip("/")
if not DEGS_SITE_URL:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DEGS_ENV=production needs DEGS_SITE_URL, the address people reach the site at "
            "(e.g. https://degs.jamtara.nic.in): receipts, certificates' QR codes and e-mails "
            "link to it."
        )
    DEGS_SITE_URL = "http://127.0.0.1:8000"
_site = urlsplit(DEGS_SITE_URL)
try:
    _site.port  # noqa: B018 - raises ValueError on a port that is not a number
except ValueError:
    _site = _site._replace(netloc="")
if (
    _site.scheme not in {"http", "https"}
    or not _site.hostname
    or _site.path
    or _site.query
    or _site.fragment
):
    raise ImproperlyConfigured(
        f"DEGS_SITE_URL must be the site's address, such as https://degs.jamtara.nic.in "
        f"(http or https, a host and an optional port, nothing after), not {DEGS_SITE_URL!r}."
    )

# Reviews --------------------------------------------------------------------------------------
# "Immediately" / "तत्काल" in a directive means this many days after the meeting.
DEGS_IMMEDIATE_DAYS = int(os.environ.get("DEGS_IMMEDIATE_DAYS", "3"))
# Remind the owners of a directive this many days before it is due.
DEGS_REMIND_DAYS_BEFORE = int(os.environ.get("DEGS_REMIND_DAYS_BEFORE", "2"))
DEGS_ATTACHMENT_MAX_BYTES = int(os.environ.get("DEGS_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))

# Centres ---------------------------------------------------------------------------------------
# The key of the Aadhaar hashes (matching without keeping the number). Its own key, never the
# secret key: with the key, a hash is reversed from its last four digits by trying the few
# million numbers they leave. Set it once and keep it: with another key the stored hashes no
# longer match (docs/operations.md, "Rotating the keys"). Production refuses to start without
# it; development and tests use a fixed key of their own.
DEGS_AADHAAR_HASH_KEY = os.environ.get("DEGS_AADHAAR_HASH_KEY", "")
if PRODUCTION:
    if len(DEGS_AADHAAR_HASH_KEY) < 50:
        raise ImproperlyConfigured(
            "DEGS_ENV=production needs DEGS_AADHAAR_HASH_KEY (at least 50 random characters)."
        )
    if DEGS_AADHAAR_HASH_KEY in (SECRET_KEY, os.environ.get("DEGS_CERTIFICATE_KEY", "")):
        raise ImproperlyConfigured(
            "DEGS_AADHAAR_HASH_KEY must be its own key, not DEGS_SECRET_KEY or DEGS_CERTIFICATE_KEY."
        )
else:
    DEGS_AADHAAR_HASH_KEY = (
        DEGS_AADHAAR_HASH_KEY or "development-only-aadhaar-hash-key-never-in-production"
    )
# A surprise draw never picks a centre inspected within this many days.
DEGS_DRAW_WINDOW_DAYS = int(os.environ.get("DEGS_DRAW_WINDOW_DAYS", "45"))
DEGS_PHOTO_MAX_BYTES = int(os.environ.get("DEGS_PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
# Photos are scaled down to at most this many pixels on the long side when re-encoded.
DEGS_PHOTO_MAX_SIDE = int(os.environ.get("DEGS_PHOTO_MAX_SIDE", "1600"))

# Applications and certificates ------------------------------------------------------------------
# The Ed25519 private key that signs certificates: 32 random bytes, base64. Production refuses
# to start without it; elsewhere a key is derived from the secret key (never use that one for
# real certificates). The public key is published at /verify/key/.
DEGS_CERTIFICATE_KEY = os.environ.get("DEGS_CERTIFICATE_KEY", "")
if PRODUCTION and not DEGS_CERTIFICATE_KEY:
    raise ImproperlyConfigured("DEGS_ENV=production needs DEGS_CERTIFICATE_KEY (see docs).")
DEGS_DOCUMENT_MAX_BYTES = int(os.environ.get("DEGS_DOCUMENT_MAX_BYTES", str(2 * 1024 * 1024)))
# An application whose step falls due within this many days is "due soon" in the inbox.
DEGS_DUE_SOON_DAYS = int(os.environ.get("DEGS_DUE_SOON_DAYS", "2"))
# Public status look-ups allowed per address per hour.
DEGS_STATUS_LOOKUPS_PER_HOUR = int(os.environ.get("DEGS_STATUS_LOOKUPS_PER_HOUR", "20"))
# Public certificate verifications (page and API together) allowed per address per hour.
DEGS_VERIFY_LOOKUPS_PER_HOUR = int(os.environ.get("DEGS_VERIFY_LOOKUPS_PER_HOUR", "30"))

# Network links (docs/connectivity.md). Raw heartbeats are kept this many days, then pruned by the
# sweep (the hour and day roll-ups stay); a VC room's test counts for its "ready" state this many
# days; an IP phone is "working" when the call server saw it register within this many hours.
DEGS_HEARTBEAT_RAW_DAYS = int(os.environ.get("DEGS_HEARTBEAT_RAW_DAYS", "14"))
DEGS_VC_TEST_VALID_DAYS = int(os.environ.get("DEGS_VC_TEST_VALID_DAYS", "30"))
DEGS_PHONE_SEEN_HOURS = int(os.environ.get("DEGS_PHONE_SEEN_HOURS", "24"))
