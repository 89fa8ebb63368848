"""The one settings module, driven by LUOSHI_* environment variables."""

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("LUOSHI_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("LUOSHI_DEBUG")
# HTTPS-only cookies, HSTS and the redirect to https:// are on whenever DEBUG is off;
# LUOSHI_HTTPS=0 serves plain HTTP (only behind a proxy that terminates TLS, or on a closed network).
HTTPS = env_bool("LUOSHI_HTTPS", not DEBUG)
DEVELOPMENT_SECRET_KEY = "luoshi-insecure-development-key-change-me-in-production"


def _secret_key() -> str:
    """LUOSHI_SECRET_KEY; else the development key in DEBUG; else this installation's own key.

    Outside DEBUG the public development key is never used: without LUOSHI_SECRET_KEY a random key
    is generated once into VAR_DIR/secret_key (readable by its owner only), so every installation
    signs its sessions with a key of its own. A key that is set but short or public is refused.
    """
    key = os.environ.get("LUOSHI_SECRET_KEY", "").strip()
    if key:
        if not DEBUG and (key == DEVELOPMENT_SECRET_KEY or len(key) < 50):
            raise RuntimeError(
                "LUOSHI_SECRET_KEY is the public development key or shorter than 50 characters"
            )
        return key
    if DEBUG:
        return DEVELOPMENT_SECRET_KEY
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Key of sealed personal data (applicants' ID numbers, core/sealed.py); defaults to the secret key.
LUOSHI_FIELD_KEY = os.environ.get("LUOSHI_FIELD_KEY", "") or SECRET_KEY
ALLOWED_HOSTS = [
    h for h in os.environ.get("LUOSHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Listed so that /api/docs renders Ninja's own template, which loads swagger-ui from
    # Ninja's bundled static files instead of a CDN: the docs work without internet access.
    "ninja",
    "axes",
    "luoshi.core",
    "luoshi.directory",
    "luoshi.gazette",
    "luoshi.express",
    "luoshi.supervision",
    "luoshi.emergency",
    "luoshi.grants",
    "luoshi.parking",
    "luoshi.revenue",
    "luoshi.assets",
    "luoshi.cockpit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files with DEBUG off (the demo)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luoshi.core.refusals.RefusalMiddleware",
    "luoshi.core.input_guard.ControlCharacterMiddleware",
    "csp.middleware.CSPMiddleware",
    # last, as django-axes requires: it answers a locked-out login with the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "luoshi.urls"
WSGI_APPLICATION = "luoshi.wsgi.application"

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
                "luoshi.workspace.unread_counts",
                "luoshi.grants.context.grants_office",
                "luoshi.revenue.context.revenue_desk",
            ],
        },
    }
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'luoshi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("LUOSHI_DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "luoshi.core.passwords.CharacterClassValidator"},
    {"NAME": "luoshi.core.passwords.UsernameDerivedValidator"},
]

# Login throttling (django-axes): 5 failures for one username from one address lock that pair
# out for LUOSHI_LOCKOUT_MINUTES; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LUOSHI_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LUOSHI_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = os.environ.get("LUOSHI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", REPO_DIR / "node_modules")]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Ingestion: after the library stores an issue, these steps run in order in the same
# transaction (luoshi.pipeline). An app joins ingestion by adding its step here.
LUOSHI_INGEST_STEPS = [
    "luoshi.directory.ingest.step",
    "luoshi.supervision.ingest.step",
    "luoshi.emergency.ingest.step",
    "luoshi.emergency.playbook_ingest.step",
]

# Text messages: the dotted path of the SMS gateway class (luoshi.core.sms.SmsGateway); empty:
# messages are only logged.
LUOSHI_SMS_GATEWAY = os.environ.get("LUOSHI_SMS_GATEWAY", "")
# 直通车: the units whose staff act as the city government office (市政府办相关科室), and step
# limits replacing the defaults of luoshi.express.timelimits.ClockPolicy, e.g.
# {"deploy": "1天", "solve_major": "22个工作日"} (JSON in LUOSHI_EXPRESS_LIMITS).
LUOSHI_EXPRESS_GOV_OFFICE_UNITS = tuple(
    n for n in os.environ.get("LUOSHI_EXPRESS_GOV_OFFICE_UNITS", "市人民政府办公室").split(",") if n
)
LUOSHI_EXPRESS_LIMITS: dict[str, str] = json.loads(os.environ.get("LUOSHI_EXPRESS_LIMITS", "{}"))

# The city whose bodies issue the exported documents (版头 and 落款 of 通报: 晋城市人民政府督查室 …).
LUOSHI_CITY = os.environ.get("LUOSHI_CITY", "晋城市")

# Apps that link a library document page to their work on it (gazette.links): each names a
# function (user, document) -> list[ToolLink]; the library itself imports none of them.
LUOSHI_DOCUMENT_LINKS = [
    "luoshi.supervision.links.document_links",
    "luoshi.emergency.links.document_links",
]

# Largest gazette file accepted by ingest (bytes).
LUOSHI_MAX_GAZETTE_BYTES = int(os.environ.get("LUOSHI_MAX_GAZETTE_BYTES", 20 * 1024 * 1024))
# Emergency plans: the GB/T 35965.1 sender code (ZZZZZZDDDUUUXX) of the warning publisher, and
# the limit a 立即 / 及时 report clock runs to before it turns red (minutes).
LUOSHI_CAP_SENDER_CODE = os.environ.get("LUOSHI_CAP_SENDER_CODE", "14050000000000")
LUOSHI_PROMPT_REPORT_MINUTES = int(os.environ.get("LUOSHI_PROMPT_REPORT_MINUTES", 60))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("LUOSHI_SESSION_HOURS", 10)) * 3600
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("LUOSHI_HSTS_SECONDS", 31536000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading commits the whole domain to HTTPS in browsers for good: opt in with LUOSHI_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("LUOSHI_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a reverse proxy that terminates TLS: LUOSHI_PROXY_SSL_HEADER=1 trusts X-Forwarded-Proto.
if env_bool("LUOSHI_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): every script, style, font and image is served from this
# site; no inline script or style attribute is allowed, no framing, forms post to this site only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "LUOSHI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LUOSHI_LOG_LEVEL", "WARNING")},
    "loggers": {"luoshi.worker": {"level": "INFO"}},
}

# The worker's jobs (``luoshi worker``): id, function (no required argument, idempotent),
# APScheduler trigger. Each also runs once when the worker starts.
LUOSHI_SCHEDULE = [
    (
        "ledger-reminders",
        "luoshi.supervision.notifications.send_reminders",
        {"trigger": "cron", "hour": 8, "minute": 0},
    ),
    (
        "revenue-reminders",
        "luoshi.revenue.reminders.send_revenue_reminders",
        {"trigger": "cron", "hour": 8, "minute": 5},
    ),
    (
        "express-escalations",
        "luoshi.express.services.escalate_overdue",
        {"trigger": "interval", "minutes": 5},
    ),
    (
        "monthly-bulletin",
        "luoshi.cockpit.bulletins.generate_monthly",
        {"trigger": "cron", "day": 1, "hour": 7, "minute": 0},
    ),
    (
        "asset-flags",
        "luoshi.assets.flagging.flag_all",
        {"trigger": "cron", "hour": 2, "minute": 30},
    ),
]
