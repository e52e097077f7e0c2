"""Django settings for Oranje, read from the environment (see README, "Configuration")."""

import datetime as dt
import importlib.util
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from oranje import __version__
from oranje.core.constants import Role
from oranje.core.logs import logging_config
from oranje.env import env_bool, env_choices, env_int, env_list, env_rate, env_str

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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "oranje.core",
    "oranje.organisation",
    "oranje.readiness",
    "oranje.incidents",
    "oranje.alerting",
    "oranje.registry",
    "oranje.care",
    "oranje.communication",
    "oranje.damage",
    "oranje.aftercare",
    "oranje.quality",
    "oranje.learning",
    "oranje.partners",
    "oranje.operations",
    "oranje.demo",
]

MIDDLEWARE = [
    # First: the request id every log line of this request (and its tasks) carries, and the
    # latency per view for the metrics, measured around everything else.
    "oranje.core.request_id.RequestIdMiddleware",
    "oranje.operations.middleware.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /gezond/ answered here, before sessions and logins (operations/middleware.py).
    "oranje.operations.middleware.HealthMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public page (/publiek/<region>/) answered from memory when kept, before the rest.
    "oranje.communication.middleware.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "oranje.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "oranje.core.middleware.SecondFactorMiddleware",
    # A partner-only login is a stranger outside the partners room (partners/middleware.py).
    "oranje.partners.middleware.PartnerOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "oranje.core.middleware.ScopeMiddleware",
    "oranje.core.middleware.InvalidParameterMiddleware",
    "oranje.registry.middleware.NoStoreMiddleware",
    # Last: turns a lockout signalled by the login backend into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "oranje.registry.context_processors.registry",
                "oranje.care.context_processors.care",
                "oranje.communication.context_processors.communication",
                "oranje.quality.context_processors.quality",
                "oranje.learning.context_processors.learning",
                "oranje.partners.context_processors.partners",
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
# Axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
# Behind HTTPS (secure cookies) browsers are told to use HTTPS only, for a year.
SECURE_HSTS_SECONDS = env_int(
    "ORANJE_HSTS_SECONDS", 31_536_000 if SESSION_COOKIE_SECURE else 0, minimum=0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ORANJE_HSTS_INCLUDE_SUBDOMAINS", SESSION_COOKIE_SECURE)
SECURE_HSTS_PRELOAD = env_bool("ORANJE_HSTS_PRELOAD", SESSION_COOKIE_SECURE)
SECURE_SSL_REDIRECT = env_bool("ORANJE_SSL_REDIRECT", False)
# Behind a reverse proxy that ends TLS: trust its X-Forwarded-Proto for "is this HTTPS" and its
# X-Forwarded-For for the client's address (lockouts are per address). Never set this without
# such a proxy in front: a client could then claim any address.
BEHIND_PROXY = env_bool("ORANJE_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: everything from Oranje itself, no inline script or style, no frames.
# Map tiles are the one outside source, from the tile server the region configured.
_SELF, _NONE = "'self'", "'none'"


def _tile_origin(url: str) -> list[str]:
    """The origin of the tile URL template ({s}.tiles.example.nl becomes *.tiles.example.nl)."""
    if not url:
        return []
    scheme, _sep, rest = url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    if not scheme or not host or "{" in host:
        raise ImproperlyConfigured(f"ORANJE_MAP_TILE_URL must be an http(s) URL, got {url!r}")
    return [f"{scheme}://{host}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *_tile_origin(env_str("ORANJE_MAP_TILE_URL", ""))],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        # The shelter desk's service worker (care/static/care/desk-sw.js), from Oranje itself.
        "worker-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}

# Brute-force protection (django-axes): an account is locked after a few failed passwords in a
# window; an address after more, because a crisis centre's staff may share one address behind
# its network. The lockout lasts the window, counted from the last failed attempt.
LOGIN_FAILURES_PER_ACCOUNT = env_int("ORANJE_LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int(
    "ORANJE_LOGIN_FAILURES_PER_ADDRESS", max(20, LOGIN_FAILURES_PER_ACCOUNT), minimum=1
)
LOGIN_LOCKOUT_MINUTES = env_int("ORANJE_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "oranje.core.lockout.failure_limit"
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_CALLABLE = "oranje.core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# A successful login clears that account's failures only (core/lockout.py): axes's own reset
# would also clear the address's, which any one valid account could then undo.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
if BEHIND_PROXY:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = 1

# Two-factor authentication (django-otp): TOTP with single-use recovery codes. Required for the
# roles listed (when ORANJE_REQUIRE_2FA is on, as in production); optional for everyone else.
REQUIRE_2FA = env_bool("ORANJE_REQUIRE_2FA", True)
TWO_FACTOR_ROLES = env_choices(
    "ORANJE_2FA_ROLES",
    [
        "administrator",
        "coordinator",
        "registry_officer",
        "registry_coordinator",
        "care_officer",
        "care_coordinator",
    ],
    allowed=[role.value for role in Role],
)
OTP_TOTP_ISSUER = "Oranje"

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
# PFIF exchange: the domain that starts this installation's record ids ({region}: the region's
# code in lower case), e.g. oranje.vr12.nl/person.42.
PFIF_DOMAIN = env_str("ORANJE_PFIF_DOMAIN", "oranje.{region}.nl")
# CAP 1.2: the `sender` of every warning exported as CAP ({region}: the region's code in lower
# case). CAP forbids spaces, commas, '<' and '&' in it; an identifier of the originator, by
# default an address at the site's own host.
CAP_SENDER = env_str(
    "ORANJE_CAP_SENDER", f"oranje-{{region}}@{urlsplit(SITE_URL).hostname or 'localhost'}"
)
if not CAP_SENDER or any(c.isspace() or c in ",<&" for c in CAP_SENDER):
    raise ImproperlyConfigured(
        f"ORANJE_CAP_SENDER may not be empty or hold spaces, commas, '<' or '&': {CAP_SENDER!r}"
    )
# The public damage form: reports taken per client address and per incident in a window
# (counted in the database, so shared by all server processes), and the least time a person
# takes to fill the form in (a faster answer is taken for a bot and not stored).
DAMAGE_FORM_RATE_ADDRESS = env_rate("ORANJE_DAMAGE_FORM_RATE_ADDRESS", "20/hour")
DAMAGE_FORM_RATE_INCIDENT = env_rate("ORANJE_DAMAGE_FORM_RATE_INCIDENT", "5000/hour")
DAMAGE_FORM_MIN_SECONDS = env_int("ORANJE_DAMAGE_FORM_MIN_SECONDS", 3, minimum=0)
# The public survey (/enquete/<token>/): code checks and answers taken per client address in a
# window, counted in Django's cache (per server process); a load test sets it high.
SURVEY_RATE_ADDRESS = env_rate("ORANJE_SURVEY_RATE_ADDRESS", "60/hour")
# Uploaded logbook attachments (served only through an access-checked view).
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "oranje.partners.api_auth.TokenAuthentication",
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
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("ORANJE_API_RATE_ANON", "60/minute"),
        "user": env_rate("ORANJE_API_RATE_USER", "1200/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Oranje API",
    "DESCRIPTION": "Bevolkingszorg: organisatie, pools en piketroosters.",
    # The document's version is Oranje's release, as NetBox does: each release may add to the
    # API, and the path's /v1/ is the promise that nothing in it breaks (that would be /v2/).
    "VERSION": __version__,
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


# Operations (issue 18; docs/operations.md): logs, health, metrics, deployment checks, backups.
# Log lines as text (the default) or as JSON lines with the request id (`json`).
LOG_FORMAT = env_choices("ORANJE_LOG_FORMAT", ["text"], allowed=["text", "json"])[0]
LOG_LEVEL = env_choices(
    "ORANJE_LOG_LEVEL", ["WARNING"], allowed=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
)[0]
# Oranje's, Django's and gunicorn's lines through one handler (stderr) with the request id.
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
# /metriek/: answered to a bearer token (when set) or to a client in these networks.
METRICS_TOKEN = env_str("ORANJE_METRICS_TOKEN", "")
METRICS_NETWORKS = env_list("ORANJE_METRICS_NETWORKS", ["127.0.0.1/32", "::1/128"])
# /gezond/ answers 503 when the oldest due task or the oldest due message waits longer.
HEALTH_QUEUE_AGE_SECONDS = env_int("ORANJE_HEALTH_QUEUE_AGE_SECONDS", 120, minimum=1)
HEALTH_MAIL_BACKLOG_SECONDS = env_int("ORANJE_HEALTH_MAIL_BACKLOG_SECONDS", 300, minimum=1)
# A load balancer probes /gezond/ and Prometheus scrapes /metriek/ on the backend over plain
# HTTP (its own port, not the public one): never redirected to https.
SECURE_REDIRECT_EXEMPT = [r"^gezond/(web/)?$", r"^metriek/$"]
# SMS deliberately off: `oranje check --deploy` then accepts an empty ORANJE_SMS_GATEWAY_URL.
SMS_OFF = env_bool("ORANJE_SMS_OFF", False)
# Where `oranje backup` writes when not told otherwise.
BACKUP_DIR = Path(env_str("ORANJE_BACKUP_DIR", str(DATA_DIR / "backups"))).resolve()

# The quality room's national view names the regions beside their figures; false shows them
# as "regio A, B, …" to everyone but national members (issue 15).
QUALITY_NATIONAL_NAMED = env_bool("ORANJE_QUALITY_NATIONAL_NAMED", True)
