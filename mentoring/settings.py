"""Settings, read entirely from the environment.

The defaults are the embedded development set-up of `make run` (SQLite and a filesystem
broker under `var/`, mail written to files); `DJANGO_ENV=production` turns on the deploy
hardening and refuses to start without a real secret key. See README.md, "Configuration".
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise environ.ImproperlyConfigured(f"DJANGO_ENV must be development, production or test, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        # One clear line for the operator, not a traceback (web, worker and beat all stop here).
        raise SystemExit("SECRET_KEY is not set: production needs a long random secret key "
                         "(README.md, Configuration).")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-key-never-use-in-production-" + "x" * 20)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The domain in calendar event UIDs: it must not change once calendars have subscribed.
CALENDAR_UID_DOMAIN = env.str("CALENDAR_UID_DOMAIN", default="city-mentoring")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_countries",
    "simple_history",
    "programmes.accounts",
    "programmes.tenancy",
    "programmes.directory",
    "programmes.mentorships",
    "programmes.benchmarks",
    "programmes.supportgroups",
    "programmes.questionnaires",
    "programmes.actionplans",
    "programmes.reports",
    "programmes.visits",
    "programmes.notifications",
    "programmes.matching",
    "programmes.overview",
]
if not PRODUCTION:
    # The benchmark harness (`make bench`) measures a development or test set-up; a deployed
    # site neither needs its baseline pages nor its seeding commands. The image leaves it out too.
    INSTALLED_APPS.append("programmes.perf")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "programmes.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "programmes.tenancy.middleware.NetworkMiddleware",
]

if PRODUCTION:
    # Static files are served by WhiteNoise behind gunicorn; runserver serves them in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates_app"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programmes.tenancy.context_processors.network",
                "programmes.notifications.context_processors.bell",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # Tests use a file too (not Django's shared in-memory database, which fails concurrent writes
    # with "table is locked"), so browser journeys meet the same locking as `make run`.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds allauth's sign-in rate limits, nothing a page is made of: pages are rendered
# fresh. The embedded default keeps it in process memory. With CACHE_URL=redis://… it is
# django-redis, falling back to process memory while Redis does not answer (mentoring/cache.py),
# so a Redis blip never costs a page, a sign-in or a write.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["BACKEND"] = "mentoring.cache.RedisOrProcessMemory"
    # Fail fast: a request waits at most this long for an unreachable Redis.
    CACHES["default"].setdefault("OPTIONS", {}).update({"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5})

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if DJANGO_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "programmes.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "programmes.accounts.forms.InvitationSignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
# Sign-up is by invitation only: a reset request for an unknown address gets no e-mail
# (which would otherwise invite the person to sign up).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# allauth's rate limits stay on (its defaults), backed by the cache above.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="City mentoring")
# Accept the code of the neighbouring 30-second step too (RFC 6238's advice): phone clocks drift
# and a code typed as its step ends would otherwise fail. The browser journey met exactly that.
MFA_TOTP_TOLERANCE = 1

INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "en"
# The languages of the IncluCities cities. Each ships complete (tests/i18n) with its own
# questionnaires and benchmark (programmes/*/shipped/); the glossary is docs/glossary.md.
LANGUAGES = [
    ("en", _("English")),
    ("el", _("Greek")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("lv", _("Latvian")),
    ("nl", _("Dutch")),
]
LOCALE_PATHS = [BASE_DIR / "programmes" / "locale"]
FORMAT_MODULE_PATH = ["mentoring.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Rendered PDFs live in the default storage (programmes/reports/storage.py), which web and worker
# share. Embedded: a folder (MEDIA_ROOT), written atomically. With AWS_STORAGE_BUCKET_NAME: an S3
# bucket (AWS, MinIO or another S3-compatible service at AWS_S3_ENDPOINT_URL), so that web and
# worker containers need no shared volume. Objects stay private: the app streams every download
# after its permission check, it never hands out a bucket URL.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _s3_endpoint = env.str("AWS_S3_ENDPOINT_URL", default="")
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": _s3_endpoint,
        "region_name": env.str("AWS_S3_REGION_NAME", default=""),
        # Without keys boto3 finds its own credentials (an instance or task role).
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
        # A bucket at its own endpoint (MinIO in compose) is addressed by path: a host name per
        # bucket ("pdfs.minio:9000") resolves nowhere.
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path" if _s3_endpoint else ""),
        "location": env.str("AWS_LOCATION", default="").strip("/"),
        "file_overwrite": True,  # a name is the row's: a second render replaces the file
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,  # no URL is ever given out; were one, it would be signed
    }
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage",
                        "OPTIONS": {name: value for name, value in _s3_options.items() if value != ""}}
else:
    _default_storage = {"BACKEND": "programmes.reports.storage.AtomicFileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail -------------------------------------------------------------------------------
MAIL_DIR = VAR_DIR / "mail"
_default_email_url = "memorymail://" if DJANGO_ENV == "test" else f"filemail://{MAIL_DIR}"
vars().update(env.email_url("EMAIL_URL", default=_default_email_url))
if env.str("EMAIL_URL", default=_default_email_url).startswith("filemail://"):
    # django-environ drops the leading slash of filemail:///abs/path; keep the path as written.
    EMAIL_FILE_PATH = env.str("EMAIL_URL", default=_default_email_url)[len("filemail://"):]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="City mentoring <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# /healthz?deep=1 (waits for a Celery worker) answers staff, or a monitor sending this token in the
# X-Health-Token header; empty: staff only.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")
# The development mailbox (/dev/mail/) reads what the file backend wrote; never in production.
DEV_MAIL_VIEWER = not PRODUCTION

# --- Forms --------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Celery -------------------------------------------------------------------------------
CELERY_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else f"file://{CELERY_DIR / 'results'}",
)
# A PDF render is stopped after this many seconds (soft limit: the job fails with a reason the
# reader can act on); past it, a job still "being rendered" was interrupted (its worker was killed)
# and beat's sweep queues it once more (programmes/reports/recovery.py).
PDF_TIME_LIMIT_SECONDS = env.int("PDF_TIME_LIMIT_SECONDS", default=300)
# How often beat looks for interrupted PDF jobs.
PDF_RECOVERY_SWEEP_SECONDS = env.float("PDF_RECOVERY_SWEEP_SECONDS", default=60.0)
if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "store_processed": False,
    }
else:
    # With acks_late, Redis hands an unacknowledged message to another worker only after this
    # long: kombu's default (an hour) kept a job "being rendered" for an hour after its worker was
    # killed. It must outlast the longest wait a message can have while a worker holds it: the
    # PDF time limit, and the longest reminder retry countdown (60 s · 2⁴ = 16 min, visits/
    # reminders/sending.py), or Redis would deliver a waiting retry twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=1200),
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DIR / "beat-schedule")
CELERY_BEAT_SCHEDULE = {
    # One sweep per concern.
    "record-heartbeat": {"task": "programmes.tenancy.tasks.record_heartbeat", "schedule": 300.0},
    "refresh-planner-statistics": {"task": "programmes.tenancy.tasks.refresh_planner_statistics",
                                   "schedule": 86400.0},
    "delete-expired-pdfs": {"task": "programmes.reports.tasks.delete_expired_pdfs", "schedule": 3600.0},
    "recover-interrupted-pdfs": {"task": "programmes.reports.tasks.recover_interrupted_pdfs",
                                 "schedule": PDF_RECOVERY_SWEEP_SECONDS},
    "sweep-reminders": {"task": "programmes.visits.tasks.sweep_reminders",
                        "schedule": env.float("REMINDER_SWEEP_SECONDS", default=120.0)},
    # Daily, idempotent (each nudge and check-in has a notification key): a second run tells nobody twice.
    "send-nudges": {"task": "programmes.overview.tasks.send_nudges", "schedule": 86400.0},
    "send-due-check-ins": {"task": "programmes.actionplans.tasks.send_due_check_ins", "schedule": 86400.0},
    "sweep-digests": {"task": "programmes.notifications.tasks.sweep_digests", "schedule": 900.0},
}
# Rendered PDFs are kept this long, then deleted (they may hold a mentorship's confidential plan).
PDF_RETENTION_HOURS = env.int("PDF_RETENTION_HOURS", default=72)
# Where `manage.py backup` writes its archives unless given --output (docs/operations.md).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))

# --- Security -----------------------------------------------------------------------------
# Nothing is loaded from another host (GDPR, public-sector networks): the browser enforces it.
# Inline style attributes are allowed (the admin and Bootstrap's JS use them); inline scripts are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # Test-only: CI runs the compose stack over plain http on 127.0.0.1, where a Secure cookie
    # would never come back. Never set it for a site people use (`check --deploy` warns).
    TEST_ONLY_HTTP_COOKIES = env.bool("TEST_ONLY_HTTP_COOKIES", default=False)
    SESSION_COOKIE_SECURE = not TEST_ONLY_HTTP_COOKIES
    CSRF_COOKIE_SECURE = not TEST_ONLY_HTTP_COOKIES
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Logs: one line per event on stdout, where compose and a log collector read them; with
# LOG_FORMAT=json each line is a JSON object (timestamp, level, logger, message, and a traceback as
# one "exc_info" string), so a collector needs no multi-line rules. Django's, Celery's and the apps'
# loggers all end at the root's one handler: none keeps a handler of its own.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    # One clear line for the operator, as for SECRET_KEY above (web, worker and beat stop here).
    raise SystemExit(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601, UTC
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django gives these handlers of its own (stderr while DEBUG, mail to ADMINS, which is empty):
        # without them, request errors, django.security and runserver's lines reach the root once.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": [], "propagate": True},
        # Celery gives its task logger a stderr handler of its own unless it already has one.
        "celery.task": {"handlers": ["console"], "propagate": False},
        # WeasyPrint narrates every rendering step at INFO; its warnings (a missing font) still show.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
# The worker keeps the handler above instead of replacing the root's with its own (stderr, its format).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Beat's schedule, and with the embedded default the queue and results, live in files.
CELERY_DIR.mkdir(parents=True, exist_ok=True)
if CELERY_BROKER_URL == "filesystem://":
    for _folder in ("queue", "processed", "results"):
        (CELERY_DIR / _folder).mkdir(exist_ok=True)
