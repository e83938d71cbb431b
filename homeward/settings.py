"""Django settings for Homeward, read from environment variables with safe defaults.

Two modes: the default (development and the demo council, embedded SQLite) and
``HOMEWARD_ENV=production``, which refuses to start without a secret key and allowed hosts,
turns on every transport-security setting (``manage.py check --deploy`` is clean), and refuses
to serve while demo users exist (see ``homeward.accounts.checks``).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


if PRODUCTION:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    except KeyError as exc:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.") from exc
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters.")
    DEBUG = False
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in production.")
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "insecure-development-key-only-for-the-demo-council-on-localhost"
    )
    DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
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
    "homeward.timescales",
    "homeward.ssda903",
    "homeward.oversight",
    "homeward.planning",
    "homeward.meetings",
    "homeward.family",
    "homeward.panels",
    "homeward.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
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
        },
    },
]

WSGI_APPLICATION = "homeward.wsgi.application"

# Embedded SQLite by default; PostgreSQL (production) when DATABASE_URL points at one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'homeward.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Homeward's queries are many and short: PostgreSQL's JIT compiler spends longer compiling a
    # worklist's query (60-70 ms measured on the drift summary) than running it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock an account out after repeated failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
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

SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
