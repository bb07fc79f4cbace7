"""rabta settings: every value comes from the environment, with safe defaults for the demo.

Environment variables (see docs/deployment.md):
    DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, EMAIL_URL, DEFAULT_FROM_EMAIL,
    RABTA_DATA_DIR, TASK_BACKEND, REDIS_URL, SITE_URL, TIME_ZONE,
    RABTA_ATTACHMENT_MAX_BYTES, RABTA_MATCHING_EMBEDDING_MODEL,
    uploaded files: MEDIA_ROOT, PRIVATE_MEDIA_ROOT, RABTA_IMPORT_MAX_BYTES, RABTA_IMPORT_KEEP_DAYS,
    RABTA_PRIVATE_FILES_DELIVERY (…_ACCEL_PREFIX, …_URL_SECONDS), RABTA_S3_* (object storage),
    RABTA_TASK_HEARTBEAT_SECONDS, RABTA_TASK_STALE_SECONDS,
    RABTA_RECOMMENDATION_INDEX_MIN_ROWS, RABTA_RECOMMENDATION_INDEX_SECONDS.
"""

import contextlib
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("RABTA_DATA_DIR", default=str(REPO_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
# Required unless DEBUG is on: see "Hardening" at the end of this file.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "ninja",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rabta.core",
    "rabta.accounts",
    "rabta.organisations",
    "rabta.trade",
    "rabta.marketplace",
    "rabta.matching",
    "rabta.events",
    "rabta.initiatives",
    "rabta.reports",
    "rabta.messaging",
    "rabta.demo",
]

MIDDLEWARE = [
    "rabta.core.middleware.RequestCPUTimeMiddleware",  # first: the request's CPU time, logged
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (it reads request.user) and LocaleMiddleware (it overrides its choice).
    "rabta.core.middleware.UserLanguageMiddleware",
    # After authentication too: the signed-in person's own time zone for the request.
    "rabta.accounts.middleware.PersonTimeZoneMiddleware",
    # After the language is chosen: a NUL character in a request's text gets a translated 400.
    "rabta.core.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "rabta.urls"
# Form widgets render through the project's templates too (the translated-field widget); lists
# of errors shorten the long values a visitor sent (core/validation.py).
FORM_RENDERER = "rabta.core.forms.FormRenderer"
WSGI_APPLICATION = "rabta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rabta.core.context_processors.rabta",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'rabta.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Internationalisation: English, Russian and Urdu ship complete.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("ur", _("Urdu"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["rabta.formats"]  # Urdu date and number formats (Django has none)
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Karachi")
LANGUAGE_COOKIE_NAME = "rabta_language"
# The language cookie is sent on links from other sites (Lax) but not on their forms.
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# WhiteNoise warns about a missing STATIC_ROOT; collectstatic fills it in production.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Uploaded files (docs/deployment.md, "Files"; rabta.core.storage, rabta.core.files) ------
# Public media (organisation logos) under MEDIA_URL; private files (opportunity attachments,
# import files) in PRIVATE_MEDIA_ROOT, outside the web root, served only by views that check
# permission. Local directories by default; S3-compatible buckets when RABTA_S3_PUBLIC_BUCKET
# and RABTA_S3_PRIVATE_BUCKET are set (django-storages). Backups must include both roots.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
STORAGES["private"] = {"BACKEND": "rabta.core.storage.PrivateFileSystemStorage"}
if env.str("RABTA_S3_PUBLIC_BUCKET", default="") and env.str("RABTA_S3_PRIVATE_BUCKET", default=""):
    from rabta.core.s3config import s3_storages

    STORAGES.update(
        s3_storages(
            public_bucket=env.str("RABTA_S3_PUBLIC_BUCKET"),
            private_bucket=env.str("RABTA_S3_PRIVATE_BUCKET"),
            public_prefix=env.str("RABTA_S3_PUBLIC_PREFIX", default="media"),
            private_prefix=env.str("RABTA_S3_PRIVATE_PREFIX", default="private"),
            public_domain=env.str("RABTA_S3_PUBLIC_DOMAIN", default="") or None,
            public_acl=env.str("RABTA_S3_PUBLIC_ACL", default="public-read") or None,
            endpoint_url=env.str("RABTA_S3_ENDPOINT_URL", default="") or None,
            region_name=env.str("RABTA_S3_REGION", default="") or None,
            access_key=env.str("RABTA_S3_ACCESS_KEY_ID", default="") or None,
            secret_key=env.str("RABTA_S3_SECRET_ACCESS_KEY", default="") or None,
            addressing_style=env.str("RABTA_S3_ADDRESSING_STYLE", default="auto"),
            url_seconds=env.int("RABTA_PRIVATE_FILES_URL_SECONDS", default=60),
        )
    )
# How a permitted private file reaches the browser: "django" (streamed by rabta, any storage),
# "x-accel-redirect" (nginx serves PRIVATE_MEDIA_ROOT at an internal location),
# "x-sendfile" (Apache mod_xsendfile), "signed-url" (a redirect to a short-lived S3 URL).
RABTA_PRIVATE_FILES_DELIVERY = env.str("RABTA_PRIVATE_FILES_DELIVERY", default="django")
RABTA_PRIVATE_FILES_ACCEL_PREFIX = env.str(
    "RABTA_PRIVATE_FILES_ACCEL_PREFIX", default="/internal-private/"
)
RABTA_PRIVATE_FILES_URL_SECONDS = env.int("RABTA_PRIVATE_FILES_URL_SECONDS", default=60)
# Sizes: a logo, an attachment, an import file; past the largest of them an upload is not
# kept at all (rabta.core.uploadhandlers); files above 2.5 MB go to a temporary file, not memory.
# Messages one person may send to other participants in an hour (docs/messaging.md).
RABTA_MESSAGES_PER_HOUR = env.int("RABTA_MESSAGES_PER_HOUR", default=20)
RABTA_LOGO_MAX_BYTES = 2 * 1024 * 1024
RABTA_ATTACHMENT_MAX_BYTES = env.int("RABTA_ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024)
RABTA_IMPORT_MAX_BYTES = env.int("RABTA_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
# Trade statistics files are larger (a decade of monthly HS-6 lines is a million rows).
RABTA_TRADE_IMPORT_MAX_BYTES = env.int("RABTA_TRADE_IMPORT_MAX_BYTES", default=100 * 1024 * 1024)
# The two countries of the corridor whose trade the trend pages show (ISO codes).
RABTA_TRADE_CORRIDOR = tuple(env.list("RABTA_TRADE_CORRIDOR", default=["PK", "RU"]))[:2]
# Import files are deleted once imported, and after this many days when never imported.
RABTA_IMPORT_KEEP_DAYS = env.int("RABTA_IMPORT_KEEP_DAYS", default=7)
RABTA_UPLOAD_MAX_BYTES = max(
    RABTA_LOGO_MAX_BYTES,
    RABTA_ATTACHMENT_MAX_BYTES,
    RABTA_IMPORT_MAX_BYTES,
    RABTA_TRADE_IMPORT_MAX_BYTES,
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
    "rabta.core.uploadhandlers.RequestSizeLimitMiddleware",
)
FILE_UPLOAD_HANDLERS = [
    "rabta.core.uploadhandlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# Form fields and JSON bodies (files excluded): Django's default 2.5 MB is plenty.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# --- end of uploaded files ---------------------------------------------------------------------

# E-mail: console in development, SMTP (smtp://user:pass@host:587/?tls=True) in production.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
for _key in (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_FILE_PATH",
):
    if _key in _email:
        globals()[_key] = _email[_key]
if EMAIL_BACKEND.endswith(".filebased.EmailBackend"):
    # filemail:///var/mail/rabta: django-environ drops the leading slash of the path, which
    # would put the e-mails under the process's working directory instead.
    from urllib.parse import urlsplit

    EMAIL_FILE_PATH = urlsplit(env.str("EMAIL_URL")).path or str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rabta <noreply@rabta.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: Django's tasks API (django-tasks backport); the database backend by default.
TASKS = {
    "default": {
        "BACKEND": env.str("TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# rabta's own settings.
RABTA_PAGE_SIZE = 20
# Recommendations: a local model2vec model directory for cross-language text similarity
# (`pip install 'rabta[embeddings]'`; loaded offline). Empty: the lexical similarity.
RABTA_MATCHING_EMBEDDING_MODEL = env.str("RABTA_MATCHING_EMBEDDING_MODEL", default="")
# The corridor's countries: for an organisation in one of them, a partner in another comes
# before one in a third country (when neither names target countries).
RABTA_CORRIDOR = env.list("RABTA_CORRIDOR", default=["PK", "RU"])
# Recommendations: from this many opportunity index rows on, each process keeps them in memory
# (matching/postings.py, ~7 bytes a row) and rebuilds them in the background at most this often
# after changes; 0 in RABTA_RECOMMENDATION_INDEX_MIN_ROWS switches the in-memory index off.
RABTA_RECOMMENDATION_INDEX_MIN_ROWS = (
    env.int("RABTA_RECOMMENDATION_INDEX_MIN_ROWS", default=50_000) or None
)
RABTA_RECOMMENDATION_INDEX_SECONDS = env.int("RABTA_RECOMMENDATION_INDEX_SECONDS", default=300)
# Online meetings: a video link built from this template and a random room name, e.g. a
# self-hosted Jitsi Meet "https://meet.example.org/rabta-{room}" (events/online.py). Empty: events
# cannot be online or hybrid. No outside service is called.
RABTA_VIDEO_LINK_TEMPLATE = env.str("RABTA_VIDEO_LINK_TEMPLATE", default="")
# The second-stage outcome survey asks both sides of every held meeting again this many months
# after the event (reports/outcomes.py, `rabta send_outcome_surveys`).
RABTA_OUTCOME_SURVEY_MONTHS = env.int("RABTA_OUTCOME_SURVEY_MONTHS", default=6)

# ---------------------------------------------------------------- scale-out (docs/deployment.md)
# One block for the production server, the cache, the task queues and connections.
# Persistent database connections, checked before reuse (a restarted database is survived).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The cache: Redis when REDIS_URL is set (shared by every web process and machine), else this
# process's memory. A Redis that is down never breaks a page: its errors are ignored (each
# operation misses, short timeouts) and /readyz reports the cache as degraded.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rabta",
            "TIMEOUT": 600,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rabta",
            "TIMEOUT": 600,
        }
    }
# How long a cached read lives (recommendations, search counts, directory figures). A change
# invalidates it at once in Redis; without Redis each process's copy lags by at most this long.
RABTA_CACHE_SECONDS = env.int("RABTA_CACHE_SECONDS", default=600 if REDIS_URL else 60)
# Whether every process reads and writes the same cache (Redis): only then are pages whose
# staleness would mislead (a participant's agenda) cached — a change bumps their version for all.
RABTA_SHARED_CACHE = env.bool("RABTA_SHARED_CACHE", default=bool(REDIS_URL))
# Sessions read from the cache, written through to the database (they survive a cache loss).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Static files: hash-named and compressed by `rabta collectstatic` (rabta.core.staticfiles), so
# WhiteNoise (or nginx) serves them with a year's immutable cache; WhiteNoise's finders only
# until they are collected (development, tests). Other static files: an hour.
if not DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "rabta.core.staticfiles.ManifestStaticFilesStorage"}
WHITENOISE_USE_FINDERS = DEBUG or not (STATIC_ROOT / "staticfiles.json").exists()
WHITENOISE_MAX_AGE = 0 if DEBUG else 3600
# Task queues, each with its own workers (`rabta db_worker --queue-name emails`): a two-minute
# solve never delays a password-reset e-mail. The database backend on PostgreSQL claims tasks
# with SELECT … FOR UPDATE SKIP LOCKED, so workers on any number of machines share a queue.
RABTA_TASK_QUEUES = ["default", "emails", "solves", "imports"]
TASKS["default"]["QUEUES"] = RABTA_TASK_QUEUES

# --- Accounts: sign-up, e-mail verification, password reset, rate limits (django-allauth) ----
# One block so that rebases stay easy; see docs/deployment.md ("Accounts and rate limits").
INSTALLED_APPS += ["allauth", "allauth.account"]
MIDDLEWARE.append("allauth.account.middleware.AccountMiddleware")
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # user name + password (the demo logins)
    "allauth.account.auth_backends.AuthenticationBackend",  # e-mail + password
]
ACCOUNT_ADAPTER = "rabta.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "rabta.accounts.forms.LoginForm",
    "signup": "rabta.accounts.forms.SignupForm",
    "reset_password": "rabta.accounts.forms.ResetPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_DISPLAY = "rabta.accounts.adapter.user_display"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link checker opening the link must not verify it
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env.int("RABTA_EMAIL_CONFIRMATION_DAYS", default=3)
ACCOUNT_PREVENT_ENUMERATION = True  # "already in use" goes to the address's owner, by e-mail
# Django's reset tokens (they cover the e-mail too): links e-mailed before allauth keep working.
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "django.contrib.auth.tokens.PasswordResetTokenGenerator"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset for an unknown address sends nothing
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_REDIRECT_URL = "organisations:mine"  # register a new organisation or join one
ACCOUNT_SESSION_REMEMBER = None  # the login form's "Remember me" decides
# Failed logins: per account (key) and per IP; the other limits are allauth's defaults.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("RABTA_RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "signup": env.str("RABTA_RATE_LIMIT_SIGNUP", default="10/h/ip"),
    "reset_password": env.str("RABTA_RATE_LIMIT_RESET_PASSWORD", default="10/h/ip,3/h/key"),
    # rabta's own: requests per API token, and unknown tokens per IP (accounts/api_auth.py).
    "api_token": env.str("RABTA_RATE_LIMIT_API_TOKEN", default="300/m/key"),
    "api_token_unknown": env.str("RABTA_RATE_LIMIT_API_TOKEN_UNKNOWN", default="30/m/ip"),
}
# Behind the shipped nginx (one proxy adding X-Forwarded-For) set this to 1, so that the
# limits per IP count the visitor's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("RABTA_TRUSTED_PROXY_COUNT", default=0)
# Rate-limit counters live in the cache (above): with several web processes set REDIS_URL,
# else each process counts on its own.

# --- Hardening (issue 15.6): the secret key, HTTPS and the Content-Security-Policy -------------
# One block so that other settings edits do not collide with it; docs/deployment.md lists the
# environment variables. Tests: tests/core/test_hardening.py.
DEVELOPMENT_SECRET_KEY = "rabta-insecure-development-key-change-me"
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY  # public, so only ever with DEBUG on
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY is not set. rabta refuses to run without it when DEBUG is off: set the "
        "environment variable SECRET_KEY to a long random string that you keep secret, e.g. "
        "the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))' "
        "(or set DEBUG=1 on a development machine; see docs/deployment.md)."
    )

# HTTPS: on when SITE_URL is an https:// address (behind a proxy that sets X-Forwarded-Proto).
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A form refused by the CSRF check gets a page in the reader's language (rabta.views).
CSRF_FAILURE_VIEW = "rabta.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# Health probes come over plain HTTP from the machine itself (container, load balancer).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list is the operator's decision (SECURE_HSTS_PRELOAD=1),
# not a default; check --deploy would otherwise warn about it on every installation.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only;
# no inline script or style, no plugins, no framing. htmx's own indicator style is switched off
# (<meta name="htmx-config"> in base.html; rabta.css styles .htmx-indicator).
from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS.append("csp")
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE.insert(_security + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
# --- end of hardening ------------------------------------------------------------------------
# Background work that tracks its status (scheduler runs, imports) beats every
# RABTA_TASK_HEARTBEAT_SECONDS; once its last beat is RABTA_TASK_STALE_SECONDS old, its worker is
# taken for dead and the work is marked failed (see docs/deployment.md, `rabta fail_stalled_work`).
RABTA_TASK_HEARTBEAT_SECONDS = env.float("RABTA_TASK_HEARTBEAT_SECONDS", default=10.0)
RABTA_TASK_STALE_SECONDS = env.float("RABTA_TASK_STALE_SECONDS", default=120.0)
if RABTA_TASK_STALE_SECONDS < 3 * RABTA_TASK_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "RABTA_TASK_STALE_SECONDS must be at least three times RABTA_TASK_HEARTBEAT_SECONDS."
    )
# A queued task still "running" after this many seconds lost its worker (killed, its machine
# lost): `rabta fail_stalled_work` marks it failed. Longer than any task runs (a solve: minutes).
RABTA_TASK_MAX_SECONDS = env.float("RABTA_TASK_MAX_SECONDS", default=3600.0)
# Invitations (to an organisation, to an event, to set a password after an import): how many
# days their link works, how many addresses one person may invite an hour, and how many new
# links an expired invitation may ask for an hour (per address).
RABTA_INVITATION_DAYS = env.int("RABTA_INVITATION_DAYS", default=14)
RABTA_INVITATIONS_PER_HOUR = env.int("RABTA_INVITATIONS_PER_HOUR", default=300)
RABTA_NEW_LINKS_PER_HOUR = env.int("RABTA_NEW_LINKS_PER_HOUR", default=3)
