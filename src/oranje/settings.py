"""Django settings for Oranje, read from the environment (see README, "Configuration")."""

import importlib.util
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from oranje.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("ORANJE_DATA_DIR", str(BASE_DIR.parent.parent / "var"))).resolve()

DEBUG = env_bool("ORANJE_DEBUG", False)


def _secret_key() -> str:
    """The key from the environment; else one generated once and kept in the data directory.

    This keeps `make demo` a single command without ever putting a key in the repository.
    """
    key = env_str("ORANJE_SECRET_KEY", "")
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("ORANJE_SECRET_KEY must be at least 32 characters")
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ORANJE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ORANJE_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("ORANJE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "oranje.core",
    "oranje.organisation",
    "oranje.readiness",
    "oranje.incidents",
    "oranje.alerting",
    "oranje.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oranje.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "oranje.core.middleware.ScopeMiddleware",
    "oranje.core.middleware.InvalidParameterMiddleware",
]

ROOT_URLCONF = "oranje.urls"
WSGI_APPLICATION = "oranje.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oranje.core.context_processors.oranje",
            ],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'oranje.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=env_int("ORANJE_DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue instead of failing half-way with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Leaflet's own files, served locally, from the django-leaflet package. Its Django app is not
# installed (it would require GDAL); only its static folder is used.
_leaflet = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [Path(_leaflet.origin).parent / "static"] if _leaflet and _leaflet.origin else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("ORANJE_STATIC_FINDERS", DEBUG)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("ORANJE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_HOST = env_str("ORANJE_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = env_int("ORANJE_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("ORANJE_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("ORANJE_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ORANJE_SMTP_STARTTLS", False)
DEFAULT_FROM_EMAIL = env_str("ORANJE_MAIL_FROM", "oranje@localhost")


# Background work runs from the database queue (`oranje worker`), so one machine needs no
# extra server. Side effects are enqueued on commit.
TASKS = {"default": {"BACKEND": env_str("ORANJE_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A worker beats every third of this; a task or delivery held by a worker whose beat is older
# is taken over by another worker (or the restarted one): the longest a crash delays an alert.
WORKER_LEASE_SECONDS = env_int("ORANJE_WORKER_LEASE_SECONDS", 30, minimum=2)
EMAIL_BACKEND = env_str("ORANJE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_TIMEOUT = env_int("ORANJE_SMTP_TIMEOUT", 20, minimum=1)
EMAIL_FILE_PATH = DATA_DIR / "mail"  # only for the file backend the demo uses

# SMS through a generic HTTP gateway: Oranje POSTs {"to", "from", "text"} as JSON with a
# bearer token; any 2xx answer counts as accepted by the gateway. Empty URL: no SMS.
SMS_GATEWAY_URL = env_str("ORANJE_SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("ORANJE_SMS_GATEWAY_TOKEN", "")
SMS_SENDER = env_str("ORANJE_SMS_SENDER", "Oranje")
SMS_TIMEOUT = env_int("ORANJE_SMS_TIMEOUT", 10, minimum=1)
# How long the answer link in an alert works.
ALERT_LINK_HOURS = env_int("ORANJE_ALERT_LINK_HOURS", 24, minimum=1)
# Maps: a tile server of your own (e.g. https://tiles.example.nl/{z}/{x}/{y}.png). Without one
# the map shows no background and places are entered as coordinates.
MAP_TILE_URL = env_str("ORANJE_MAP_TILE_URL", "")
MAP_ATTRIBUTION = env_str("ORANJE_MAP_ATTRIBUTION", "")
# Uploaded logbook attachments (served only through an access-checked view).
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "oranje.core.rest.Pagination",
    "DEFAULT_PARSER_CLASSES": [
        "oranje.core.rest.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "oranje.core.api.exception_handler",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Oranje API",
    "DESCRIPTION": "Bevolkingszorg: organisatie, pools en piketroosters.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Deep links put a link inside each operation's button (axe: nested-interactive); the
    # highlighting theme prints red on dark grey at 3.4:1. Plain code reads at 12:1.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # <id:pk> in paths (oranje.core.converters): an object id, 1 to 2^63 - 1.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}},
}


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ORANJE_LOG_LEVEL", "WARNING")},
}
