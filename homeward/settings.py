"""Django settings for Homeward, read from environment variables with safe defaults.

Two modes: the default (development and the demo council, embedded SQLite) and
``HOMEWARD_ENV=production``, which refuses to start without a secret key and allowed hosts,
turns on every transport-security setting (``manage.py check --deploy`` is clean), and refuses
to serve while demo users exist (see ``homeward.accounts.checks``).
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

HOMEWARD_ENV = os.environ.get("HOMEWARD_ENV", "development")
PRODUCTION = HOMEWARD_ENV == "production"

# The council profile: names of meetings, panels and teams, and (later) each council's own
# timescales. The statutory rules apply under every profile.
HOMEWARD_COUNCIL = os.environ.get("HOMEWARD_COUNCIL", "dudley")
# What the Achieving Early Permanence Panel does when its day (or its cut-off day) is a bank
# holiday. The councils' procedures are silent, so the installation chooses (see
# homeward/domain/panels.py): next_working_day (default) or skip_week; for the cut-off,
# previous_working_day (default) or next_working_day. Blank keeps the default.
HOMEWARD_AEPP_BANK_HOLIDAY = os.environ.get("HOMEWARD_AEPP_BANK_HOLIDAY", "")
HOMEWARD_AEPP_CUTOFF_BANK_HOLIDAY = os.environ.get("HOMEWARD_AEPP_CUTOFF_BANK_HOLIDAY", "")
# The panel's day (monday..friday) and its referral cut-off: a day (the last one before the
# panel) and a time (HH:MM, 24-hour). Blank keeps the council's (Dudley: Monday; 5pm on the
# Wednesday before). Bad values stop start-up (homeward/panels/checks.py).
HOMEWARD_AEPP_DAY = os.environ.get("HOMEWARD_AEPP_DAY", "")
HOMEWARD_AEPP_CUTOFF_DAY = os.environ.get("HOMEWARD_AEPP_CUTOFF_DAY", "")
HOMEWARD_AEPP_CUTOFF_TIME = os.environ.get("HOMEWARD_AEPP_CUTOFF_TIME", "")

# Notifications (homeward/notifications): "console" writes each email to the log (make run, the
# tests); "notify" sends it through GOV.UK Notify with the API key and a template ID per kind
# of message. Links in emails are absolute, from HOMEWARD_ADDRESS (the address staff reach
# Homeward at). Checked at start-up (homeward/notifications/checks.py).
HOMEWARD_ADDRESS = (os.environ.get("HOMEWARD_ADDRESS") or "http://127.0.0.1:8000").rstrip("/")
NOTIFY_BACKEND = os.environ.get("HOMEWARD_NOTIFY_BACKEND") or "console"
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_IDS = {
    kind: os.environ.get(f"NOTIFY_TEMPLATE_{kind.upper()}", "")
    for kind in ("aepp_invitation", "meeting_invitation", "escalation", "digest")
}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "insecure-development-key-only-for-the-demo-council-on-localhost"

if PRODUCTION:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    except KeyError as exc:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.") from exc
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters.")
    # A key anyone can read (this file's development key, Django's startproject placeholder) or
    # one with almost no randomness is not a secret: the same tests as `check --deploy`'s W009.
    if (
        SECRET_KEY == DEVELOPMENT_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure-")
        or len(set(SECRET_KEY)) < 5
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not a secret: generate one, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'."
        )
    DEBUG = False
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in production.")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    # django.contrib.admin, its URLs restricted to the methods each page handles.
    "homeward.admin_config.HomewardAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "homeward.assets",  # its collectstatic leaves the frontends' sources out
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "django_tasks",
    "django_tasks_db",
    "homeward.accounts",
    "homeward.audit",
    "homeward.children",
    "homeward.exports",
    "homeward.timescales",
    "homeward.ssda903",
    "homeward.oversight",
    "homeward.planning",
    "homeward.meetings",
    "homeward.family",
    "homeward.panels",
    "homeward.matching",
    "homeward.documents",
    "homeward.quality",
    "homeward.notifications",
    "homeward.transitions",
    "homeward.legal",
    "homeward.reports",
    "homeward.demo",
]

MIDDLEWARE = [
    # A request id and one log line per request (homeward/logs.py); probes answered before host
    # checks, the HTTPS redirect and sign-in (homeward/health.py).
    "homeward.logs.RequestLogMiddleware",
    "homeward.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "homeward.accounts.middleware.SessionTimeoutMiddleware",
    "homeward.accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # 405s as the GOV.UK page (Django has no handler405); inside the others, so it has the user.
    "homeward.errors.MethodNotAllowedPage",
]

ROOT_URLCONF = "homeward.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "homeward" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "homeward.accounts.context_processors.council",
                "homeward.accounts.context_processors.may",
            ],
            # The error summary names each field (homeward/form_errors.py).
            "libraries": {"form_errors": "homeward.form_errors"},
        },
    },
]

WSGI_APPLICATION = "homeward.wsgi.application"

# Embedded SQLite by default; PostgreSQL (production) when DATABASE_URL points at one.
# In production two roles connect to the same database: DATABASE_URL is the application's role
# (web server and worker), which owns nothing and may only read and add to the audit log;
# HOMEWARD_MIGRATE_DATABASE_URL is the tables' owner, which ``manage.py migrate`` connects as
# before it grants the application's role what it needs (homeward/audit/roles.py).
# In production a connection is kept between requests: opening one costs a request more than
# most of its queries (a new PostgreSQL backend, with its catalogue caches cold). Each gunicorn
# worker holds one; CONN_HEALTH_CHECKS replaces one the database has closed.
_CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60" if PRODUCTION else "0"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'homeward.sqlite3'}",
        conn_max_age=_CONN_MAX_AGE,
        conn_health_checks=_CONN_MAX_AGE > 0,
    )
}
HOMEWARD_MIGRATE_DATABASE = (
    dj_database_url.parse(os.environ["HOMEWARD_MIGRATE_DATABASE_URL"])
    if os.environ.get("HOMEWARD_MIGRATE_DATABASE_URL")
    else None
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Homeward's queries are many and short: PostgreSQL's JIT compiler spends longer compiling a
    # worklist's query (60-70 ms measured on the drift summary) than running it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    # A database that does not answer is an error within seconds (so /readyz says so), not a hang.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 10)
elif PRODUCTION:
    # The audit log's append-only trigger, row locks and the backups described in the README are
    # PostgreSQL's; the embedded SQLite database is for the demo council.
    raise ImproperlyConfigured(
        "Set DATABASE_URL to the council's PostgreSQL database in production "
        "(e.g. postgres://homeward@db.example:5432/homeward)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )


# Background work (imports, exports, big reports): django-tasks, with its queue in the same
# database as everything else, so `make run` needs no extra server. `manage.py db_worker` runs
# the tasks (make run starts one). Production can point TASKS at another backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("HOMEWARD_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
UPLOAD_ROOT = Path(os.environ.get("HOMEWARD_UPLOAD_ROOT", BASE_DIR / "var" / "uploads"))
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Form fields other than files (Django's default, 2.5 MB); files are limited by
# HOMEWARD_MAX_UPLOAD_MB below, and past this size stream to a temporary file (deleted when the
# request ends) rather than being held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads and imports that cannot be used to hurt the service (homeward/ssda903/limits.py):
# the most an upload may carry in all, and what one file of a return may hold (checked on its
# header line and by counting its lines, before it is parsed).
HOMEWARD_MAX_UPLOAD_MB = float(os.environ.get("HOMEWARD_MAX_UPLOAD_MB", "100"))
HOMEWARD_IMPORT_MAX_ROWS = int(os.environ.get("HOMEWARD_IMPORT_MAX_ROWS", "1000000"))
HOMEWARD_IMPORT_MAX_COLUMNS = int(os.environ.get("HOMEWARD_IMPORT_MAX_COLUMNS", "100"))
# An import not heard from for this long (its worker killed, its database connection lost) is
# marked failed when a page or a worker next looks; the worker beats every 10 seconds.
HOMEWARD_IMPORT_STALE_MINUTES = float(os.environ.get("HOMEWARD_IMPORT_STALE_MINUTES", "5"))
# An import's progress and heartbeat are kept outside the database (its writes are one
# transaction: a row updated inside it is seen by nobody else, and on SQLite a second connection
# writing meanwhile would wait for the lock). Files on the server's disk, shared by the web
# server and the worker; an installation whose worker runs on another machine points
# "progress" at a cache both reach (e.g. Redis).
HOMEWARD_PROGRESS_DIR = Path(os.environ.get("HOMEWARD_PROGRESS_DIR", BASE_DIR / "var" / "progress"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(HOMEWARD_PROGRESS_DIR),
        "TIMEOUT": 7 * 24 * 3600,
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "children:my-children"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Passwords: at least 12 characters, not a common one, not all digits, not like the username,
# and nothing an attacker would try first against this council's children's services
# (homeward/accounts/passwords.py: the council's name, service words, a season and a year).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "homeward.accounts.passwords.ThemedPasswordValidator"},
]

# Lock an account out after repeated failed sign-ins (django-axes), counted per account whatever
# the address they come from: an attacker spreading guesses over many addresses is still stopped.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address as well. Not here: a council's staff sign in from a few shared
# office addresses, so locking an address would lock out a whole office after five mistakes; and
# no per-address rule is needed to stop guessing, since every account locks on its own.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "homeward" / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend"),
    ("moj-frontend", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
# GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/.
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
# Documents on children's records (homeward/documents): a local folder by default; a council
# may point the "documents" storage at S3-compatible storage with django-storages, by giving
# the whole storage as JSON in HOMEWARD_DOCUMENT_STORAGE (README-documents.md).
# HOMEWARD_DOCUMENT_MAX_MB: the largest document that may be uploaded.
HOMEWARD_DOCUMENT_ROOT = Path(
    os.environ.get("HOMEWARD_DOCUMENT_ROOT", BASE_DIR / "var" / "documents")
)
HOMEWARD_DOCUMENT_MAX_MB = float(os.environ.get("HOMEWARD_DOCUMENT_MAX_MB", "20"))


def _document_storage() -> dict:
    given = os.environ.get("HOMEWARD_DOCUMENT_STORAGE", "").strip()
    if not given:
        # Never served as media: only the download view, which checks access, reads them.
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": HOMEWARD_DOCUMENT_ROOT},
        }
    try:
        storage = json.loads(given)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"HOMEWARD_DOCUMENT_STORAGE is not valid JSON: {exc}") from exc
    if not isinstance(storage, dict) or not isinstance(storage.get("BACKEND"), str):
        raise ImproperlyConfigured(
            'HOMEWARD_DOCUMENT_STORAGE must be a JSON object with a "BACKEND" (and "OPTIONS")'
        )
    return storage


# Downloads prepared in the background (homeward/exports): a private folder, never served as
# static or media files, read only by the download view, which checks who asked. The web
# server and the worker must both reach it. Kept for a day (manage.py prune_exports).
HOMEWARD_EXPORT_ROOT = Path(os.environ.get("HOMEWARD_EXPORT_ROOT", BASE_DIR / "var" / "exports"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": _document_storage(),
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": HOMEWARD_EXPORT_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Source maps are for developers' tools: collected, not compressed (half the bytes, rarely asked).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Content Security Policy (django-csp 4): only our own scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# A session ends at the absolute limit (a working day after sign-in) and after
# HOMEWARD_IDLE_MINUTES without a request (homeward/accounts/middleware.py).
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
_idle = os.environ.get("HOMEWARD_IDLE_MINUTES", "30").strip()
if not _idle.isdigit() or int(_idle) < 1:
    raise ImproperlyConfigured(
        f"HOMEWARD_IDLE_MINUTES is {_idle!r}; it must be a whole number of minutes, 1 or more."
    )
HOMEWARD_IDLE_MINUTES = int(_idle)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A form sent without a valid CSRF token: a GOV.UK page saying what to do, not Django's own.
CSRF_FAILURE_VIEW = "homeward.errors.csrf_failure"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs: in production one JSON object a line on standard output (time, level, logger, message,
# and for requests their id, method, path, status and duration; homeward/logs.py writes only those
# fields, never a query string). HOMEWARD_LOG_FORMAT=text gives plain lines.
LOG_FORMAT = os.environ.get("HOMEWARD_LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"HOMEWARD_LOG_FORMAT is {LOG_FORMAT!r}; it must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "homeward.logs.JSONLines"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"forbidden_without_traceback": {"()": "homeward.logs.ForbiddenWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "stream": "ext://sys.stdout" if PRODUCTION else "ext://sys.stderr",
        }
    },
    "loggers": {
        # Django's own console handler (when DEBUG) would print each line a second time after
        # the root's: its records reach the root's handler alone.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["forbidden_without_traceback"]},
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
}


# --- Sign-in: a second factor, and the council's identity provider (issue 14) -----------------
# Kept in one block (it extends the lists above rather than editing them) so that it merges
# cleanly beside other changes to this file. README "Signing in" describes every variable.


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} is {value!r}; it must be true or false.")


INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",  # the authenticator app (TOTP, RFC 6238)
    "django_otp.plugins.otp_static",  # single-use recovery codes
]
# OTPMiddleware tells which device (if any) verified this session; the gate, after
# LoginRequiredMiddleware, refuses every page that needs a sign-in until one has.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.LoginRequiredMiddleware") + 1,
    "homeward.accounts.two_factor.SecondFactorMiddleware",
)
# A second factor for every account: always in production; elsewhere only when asked for, so the
# demo's sign-ins and the tests work with a password alone (a test turns it on when it needs it).
HOMEWARD_REQUIRE_2FA = PRODUCTION or _env_flag("HOMEWARD_REQUIRE_2FA")
OTP_TOTP_ISSUER = "Homeward"
HOMEWARD_RECOVERY_CODES = 10

# Sign-in through the council's identity provider (OpenID Connect, e.g. Microsoft Entra ID), off
# unless configured. It never creates users or changes roles: the claim named by
# HOMEWARD_OIDC_CLAIM must match one existing, active Homeward user (homeward/accounts/oidc.py).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
HOMEWARD_OIDC_PROVIDER_NAME = os.environ.get("HOMEWARD_OIDC_PROVIDER_NAME", "Microsoft Entra ID")
# The token's issuer ("iss"), checked when set (Entra: https://login.microsoftonline.com/<tenant>/v2.0).
HOMEWARD_OIDC_ISSUER = os.environ.get("HOMEWARD_OIDC_ISSUER", "")
# email (matched case-insensitively to the user's email) or any other claim (oid, sub,
# preferred_username), matched exactly to the user's stored external ID.
HOMEWARD_OIDC_CLAIM = os.environ.get("HOMEWARD_OIDC_CLAIM", "email")
# Whether the provider's own multi-factor sign-in (its "amr" claim lists "mfa") stands in for
# Homeward's second factor. Off by default: Homeward asks for its own code as well.
HOMEWARD_OIDC_TRUST_MFA = _env_flag("HOMEWARD_OIDC_TRUST_MFA")
_OIDC_REQUIRED = {
    "OIDC_RP_CLIENT_ID": OIDC_RP_CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
    "OIDC_OP_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
    "OIDC_OP_USER_ENDPOINT": OIDC_OP_USER_ENDPOINT,
    "OIDC_OP_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
}
HOMEWARD_OIDC_ENABLED = any(_OIDC_REQUIRED.values())
if HOMEWARD_OIDC_ENABLED and not all(_OIDC_REQUIRED.values()):
    _missing = ", ".join(name for name, value in _OIDC_REQUIRED.items() if not value)
    raise ImproperlyConfigured(f"Sign-in through the identity provider needs {_missing} too.")
AUTHENTICATION_BACKENDS += ["homeward.accounts.oidc.CouncilIdentityBackend"]
