"""The one settings module, driven by LUOSHI_* environment variables."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("LUOSHI_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("LUOSHI_DEBUG")
SECRET_KEY = os.environ.get("LUOSHI_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("LUOSHI_ALLOW_INSECURE_KEY", True):
        raise RuntimeError("LUOSHI_SECRET_KEY must be set in production")
    SECRET_KEY = "luoshi-insecure-development-key-change-me-in-production"
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
    "luoshi.core",
    "luoshi.directory",
    "luoshi.gazette",
    "luoshi.express",
    "luoshi.supervision",
    "luoshi.emergency",
    "luoshi.cockpit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luoshi.core.refusals.RefusalMiddleware",
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
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

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
]

# Largest gazette file accepted by ingest (bytes).
LUOSHI_MAX_GAZETTE_BYTES = int(os.environ.get("LUOSHI_MAX_GAZETTE_BYTES", 20 * 1024 * 1024))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

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
        "express-escalations",
        "luoshi.express.services.escalate_overdue",
        {"trigger": "interval", "minutes": 5},
    ),
    (
        "monthly-bulletin",
        "luoshi.cockpit.bulletins.generate_monthly",
        {"trigger": "cron", "day": 1, "hour": 7, "minute": 0},
    ),
]
