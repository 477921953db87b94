"""Settings for Khen thưởng, read from the environment.

Every setting that differs between a laptop and production comes from an environment
variable named in the README; the defaults run the app with no servers installed
(SQLite, Celery over kombu's filesystem transport, mail to the console).
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KHENTHUONG_VAR_DIR") or BASE_DIR / "var")


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "viewflow",
    "viewflow.workflow",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our apps, from the base up: each imports only apps listed before it (see README,
    # "Architecture"; tests/architecture checks it).
    "common",
    "accounts",
    "nominations",
    "permissions",
    "eligibility",
    "campaigns",
    "workflows",
    "council",
    "notifications",
    "audit",
    "signing",
    "documents",
    "onboarding",
    "reports",
    "api",
    "demo",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.RefuseControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "common.middleware.PrivateCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "permissions.context_processors.roles",
                "workflows.context_processors.workflow_nav",
                "audit.context_processors.audit_nav",
                "notifications.context_processors.notification_nav",
            ],
        },
    },
]

# --- Database: SQLite file by default, PostgreSQL (psycopg 3) via postgres://… ---
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default lives here on a fresh clone
database_url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'khenthuong.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        database_url,
        # Each web process keeps its PostgreSQL connection between requests: a new one per
        # request (a server process forked, authentication, session set-up) cost more than most
        # pages' queries. Checked before reuse, so a restarted database costs one failed check.
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 600 if database_url.startswith("postgres") else 0, minimum=0
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing with "database is locked" when the
    # worker and the web process write at the same moment.
    # IMMEDIATE transactions take the write lock up front, so a writer waits for another
    # instead of failing at once; WAL lets the pages read while the worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # A file, not memory, for the test database: the Celery worker of the integration
    # tests runs in another process and must see the same data.
    # One file per test run, so that parallel runs do not share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"test-khenthuong-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and permissions ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Invitation and reset links (Django's password-reset tokens) stay valid this many days.
PASSWORD_RESET_TIMEOUT = env_int("SET_PASSWORD_LINK_DAYS", 3, minimum=1) * 24 * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
GUARDIAN_RAISE_403 = False

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures for one account, or from
# one address, sign-in is refused for LOGIN_COOLOFF_MINUTES (the right password included),
# on /login/ and /admin/ alike; the head of the office or an administrator can unlock earlier.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
# The public lookup of a dossier (code + secret, no sign-in): attempts allowed from one
# address, and failed attempts on one dossier code, per window.
PUBLIC_LOOKUP_LIMIT = env_int("PUBLIC_LOOKUP_LIMIT", 10, minimum=1)
PUBLIC_LOOKUP_CODE_FAILURES = env_int("PUBLIC_LOOKUP_CODE_FAILURES", 5, minimum=1)
PUBLIC_LOOKUP_WINDOW_MINUTES = env_int("PUBLIC_LOOKUP_WINDOW_MINUTES", 15, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "permissions.lockouts.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind N trusted proxies (nginx), the client's address is taken from X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
ANONYMOUS_USER_NAME = None  # no anonymous object permissions: every page needs a login

# --- Language, time zone, formats ---
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and uploaded files ---
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Every app's static files but viewflow's, whose UI we do not use (ops/staticfiles.py says why).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "ops.staticfiles.AppDirectoriesFinder",
]
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"  # never served directly: evidence is downloaded through a permission check
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Evidence files (minh chứng): what a unit may attach to a dossier.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
ATTACHMENT_ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"]
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Email ---
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Khen thưởng <khenthuong@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"  # where `make run` drops mail when no SMTP host is set
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# Absolute links in mails point here.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Notifications: retries with exponential backoff, then a visible failed state.
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5)
NOTIFICATION_RETRY_BASE_SECONDS = env_int("NOTIFICATION_RETRY_BASE_SECONDS", 30)
NOTIFICATION_SENDING_TIMEOUT_MINUTES = 10
# A worker claims this many due mails in one statement and sends them over one SMTP connection.
NOTIFICATION_BATCH_SIZE = env_int("NOTIFICATION_BATCH_SIZE", 100, minimum=1)
# A claim not turned into sending within this long (its worker died) is free for another worker.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = env_int("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", 300, minimum=1)
# "A dossier is waiting" notices are held this long, then go out as one mail per person.
NOTIFICATION_GROUP_SECONDS = env_int("NOTIFICATION_GROUP_SECONDS", 120, minimum=0)
REMINDER_HOURS_BEFORE_DUE = env_int("REMINDER_HOURS_BEFORE_DUE", 24)

# --- Celery ---
# Default: kombu's filesystem transport, so `make run` needs no broker server.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery-broker"
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "polling_interval": 0.2,
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Keep the worker's database connections between tasks: Celery's Django fixup otherwise closes
# them before and after every task. It closes them every this many tasks instead, and
# config.celery checks them as Django does around a request (CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000, minimum=1)
WORKER_DATABASE_CONN_MAX_AGE = env_int("WORKER_DATABASE_CONN_MAX_AGE", 600, minimum=0)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Fail fast when the broker is down: the outbox keeps the notification and beat sends it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
if CELERY_BROKER_URL.startswith("redis"):
    # A task a dead worker had taken comes back after this long (acks_late).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600, minimum=1)
    }
CELERY_BEAT_SCHEDULE = {
    "send-pending-notifications": {"task": "notifications.tasks.send_pending", "schedule": 60.0},
    "fire-workflow-timers": {"task": "notifications.tasks.fire_workflow_timers", "schedule": 60.0},
    "send-reminders": {"task": "notifications.tasks.send_reminders", "schedule": crontab(minute=0)},
    "escalate-overdue": {"task": "notifications.tasks.escalate_overdue", "schedule": crontab(minute=30)},
    "campaign-reminders": {
        "task": "notifications.tasks.send_campaign_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "audit-checkpoint": {"task": "audit.tasks.write_checkpoint", "schedule": crontab(hour=23, minute=55)},
    "send-daily-digests": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=env_int("DIGEST_HOUR", 17, minimum=0, maximum=23), minute=0),
    },
}

# --- Security: secure by default once DEBUG is off (manage.py check --deploy is clean) ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and forms from this site only;
# no inline script or style (the pages' behaviour is in static/js/app.js).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Health probes of load balancers and containers speak plain HTTP: they get the JSON.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pyHanko embeds a subset of our font in each visible signature; fontTools narrates it.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# History rows keep the whole reason (a step's decision with its comment), not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History is evidence: no record is ever reverted from it (audit.E001 checks this).
SIMPLE_HISTORY_REVERT_DISABLED = True

# viewflow is the engine only: our own pages, so none of its UI middleware.
VIEWFLOW = {"AUTOREGISTER": False}

# --- The product's own settings ---
# The audit chain's head is witnessed daily outside the database (audit/witness.py): keep the
# file on other storage and the key away from the database server.
AUDIT_CHECKPOINT_FILE = Path(env_str("AUDIT_CHECKPOINT_FILE") or VAR_DIR / "audit-checkpoints.jsonl")
AUDIT_CHECKPOINT_KEY = env_str("AUDIT_CHECKPOINT_KEY", "")
# Independent hash chains the trail is written in, so that concurrent writers do not queue on
# one chain head (audit/chain.py). PostgreSQL only; SQLite, one writer at a time, keeps one.
AUDIT_CHAIN_PARTITIONS = env_int("AUDIT_CHAIN_PARTITIONS", 16, minimum=1)
NOMINATION_CODE_PREFIX = "KT"
# The province's step limits and the calendar's exceptions are kept in each process this long:
# a change made in another process is seen within it (common/reference_cache.py).
REFERENCE_CACHE_SECONDS = env_int("REFERENCE_CACHE_SECONDS", 60, minimum=0)
# Campaign reminders go out during the last days before a registration or report deadline.
CAMPAIGN_REMINDER_DAYS = env_int("CAMPAIGN_REMINDER_DAYS", 7, minimum=0)
# The largest nominee list a unit may import (.xlsx).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
# Checked before any XML is parsed: what the workbook unpacks to, and how tightly it packs.
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 20 * 1024 * 1024, minimum=1)
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100, minimum=1)
# Master data imported in bulk (.xlsx or .csv): the largest file and the most rows in one file.
MASTER_DATA_IMPORT_MAX_BYTES = env_int("MASTER_DATA_IMPORT_MAX_BYTES", 64 * 1024 * 1024, minimum=1)
MASTER_DATA_IMPORT_MAX_ROWS = env_int("MASTER_DATA_IMPORT_MAX_ROWS", 200_000, minimum=1)
# Who issues the documents, and where (Nghị định 30/2020: ô số 1–4); another province changes these.
DOCUMENT_PARENT_BODY = env_str("DOCUMENT_PARENT_BODY", "UBND TỈNH ĐỒNG NAI")
DOCUMENT_ISSUING_BODY = env_str("DOCUMENT_ISSUING_BODY", "SỞ Y TẾ")
DOCUMENT_ISSUING_BODY_FULL = env_str("DOCUMENT_ISSUING_BODY_FULL", "Sở Y tế tỉnh Đồng Nai")
DOCUMENT_PLACE = env_str("DOCUMENT_PLACE", "Đồng Nai")
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "KhenThuong@2024")

# Digital signatures (signing/, README "Signed decisions and verifiable certificates"): the
# Department's organisation certificate as a PKCS#12 file; while unset, decisions are issued unsigned.
SIGNING_PKCS12_PATH = env_str("SIGNING_PKCS12_PATH", "")
SIGNING_PKCS12_PASSWORD = env_str("SIGNING_PKCS12_PASSWORD", "")
# An RFC 3161 timestamp authority; empty: the server's clock is the signing time.
SIGNING_TSA_URL = env_str("SIGNING_TSA_URL", "")
SIGNING_TSA_TIMEOUT = env_int("SIGNING_TSA_TIMEOUT", 10, minimum=1, maximum=120)
# Certificates (PEM or DER files) every signature must chain to, and CRL files known offline.
SIGNING_TRUST_ROOTS = env_list("SIGNING_TRUST_ROOTS")
SIGNING_CRL_FILES = env_list("SIGNING_CRL_FILES")
# Fetch CRLs/OCSP named in the certificates while verifying (needs outbound HTTP).
SIGNING_FETCH_REVOCATION = env_bool("SIGNING_FETCH_REVOCATION", False)
# REST API (api/): token per integration, requests per integration per minute.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.IntegrationTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsIntegration"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.IntegrationThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Khen thưởng – Sở Y tế API",
    "DESCRIPTION": "Dossiers, drafts and evidence, decisions and certificate verification.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from our own static files (the CSP allows no other origin).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# The public verification page of certificates (QR code): lookups per address per minute.
VERIFY_RATE_PER_MINUTE = env_int("VERIFY_RATE_PER_MINUTE", 20, minimum=1)

# Due date of each workflow step (hạn xử lý), in working days (weekends, public holidays and the
# administrator's days off skipped); each can be set from the environment, and the province's
# regulation profile (eligibility.RegulationProfile) overrides them when it sets a step.
WORKFLOW_STEP_DAYS = {
    "unit_signoff": env_int("STEP_DAYS_UNIT_SIGNOFF", 3),
    "revise": env_int("STEP_DAYS_REVISE", 7),
    "office_review": env_int("STEP_DAYS_OFFICE_REVIEW", 5),
    "union_consultation": env_int("STEP_DAYS_UNION_CONSULTATION", 5),
    "council_vote": env_int("STEP_DAYS_COUNCIL_VOTE", 30),
    "director_signoff": env_int("STEP_DAYS_DIRECTOR_SIGNOFF", 3),
    "record_higher_result": env_int("STEP_DAYS_HIGHER_RESULT", 60),
}
