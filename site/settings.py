"""Settings for gongkai, read from the environment (12-factor).

Every value a deployment may change comes from an environment variable; the defaults give a
working development site on SQLite.
"""

import os
import shutil
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from search.config import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key():
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("生产环境必须设置 DJANGO_SECRET_KEY 环境变量。")
    # Development only: a key generated once per checkout, kept out of the repository.
    from django.core.management.utils import get_random_secret_key

    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _field_key():
    """Fernet key(s) for applicants' personal data (comma-separated, newest first); never in the repository."""
    key = os.environ.get("GONGKAI_FIELD_KEY")
    if key or not DEBUG:
        return key or ""  # production without a key: refused when personal data is first stored
    from cryptography.fernet import Fernet

    path = VAR_DIR / "field_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
    return path.read_text().strip()


GONGKAI_FIELD_KEY = _field_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Demo accounts and content may only be loaded where this is on; it follows DEBUG unless set.
GONGKAI_DEMO_ALLOWED = env_bool("GONGKAI_DEMO_ALLOWED", DEBUG)
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "gongkai-demo")

INSTALLED_APPS = [
    "cms_pages",
    "organisation",
    "workflow",
    "publication_review",
    "workdays",
    "disclosure_requests",
    "letters",
    "search",
    "annual_report",
    "clarifications",
    "accountability",
    "audit",
    "demo",
    "withdrawals",
    "operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "viewflow",
    "viewflow.workflow",
    "django_tasks",
    "django_tasks_db",
    "captcha",
    "axes",
]

# viewflow's middleware only serves its own Material UI, which users never see (DESIGN.md decision 2).
VIEWFLOW = {"AUTOREGISTER": False}

MIDDLEWARE = [
    "gongkai_site.middleware.RequestIdMiddleware",
    # NUL bytes and lone surrogates are refused (400) before anything stores or caches them.
    "gongkai_site.middleware.BadInputMiddleware",
    # An access code in the address (?code=) is taken out before the address reaches a view or a log.
    "gongkai_site.middleware.AccessCodeOutOfAddressMiddleware",
    # A database busy with other writers answers 503 "请稍后重试", never 500.
    "gongkai_site.middleware.BusyDatabaseMiddleware",
    # Outside the others: a cached page is answered before they run, and stored with their headers.
    "gongkai_site.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Publishing, taking down or altering public information only through its review (issue 13).
    "cms_pages.admin_guard.PublicationGuardMiddleware",
    # Admin login throttling (django-axes); last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "gongkai_site.urls"
WSGI_APPLICATION = "gongkai_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates", BASE_DIR / "pdf_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms_pages.context_processors.site_navigation",
                "gongkai_site.care_mode.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the site and a management command write at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _default_cache():
    """One cache for every process (DESIGN.md decision 11): Redis when a URL is given, else a table in the
    database (`createcachetable` makes it; `make run`, `make serve` and the test database run it)."""
    redis_url = os.environ.get("DJANGO_CACHE_URL") or os.environ.get("REDIS_URL")
    if "DJANGO_CACHE_BACKEND" in os.environ:  # explicit backend and location, as before
        return {
            "BACKEND": os.environ["DJANGO_CACHE_BACKEND"],
            "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "gongkai"),
        }
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_cache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GONGKAI_CACHE_MAX_ENTRIES", "20000"))},
    }


CACHES = {"default": _default_cache()}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # the admin's Chinese where Wagtail's catalogue has none (make messages)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Letters, applicants' uploads and Wagtail's documents (some internal) live outside MEDIA_ROOT and leave
# only through gongkai_site.private_files, which checks the right (DESIGN.md decision 12).
GONGKAI_PRIVATE_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_ROOT", VAR_DIR / "private"))
# Behind nginx: the internal location that aliases GONGKAI_PRIVATE_ROOT, e.g. /protected/.
GONGKAI_X_ACCEL_PREFIX = os.environ.get("GONGKAI_X_ACCEL_PREFIX", "")
# Behind Apache (mod_xsendfile) or lighttpd: let the server send the file named in X-Sendfile.
GONGKAI_X_SENDFILE = env_bool("GONGKAI_X_SENDFILE", False)
STORAGES = {
    "default": {"BACKEND": "gongkai_site.private_files.MediaStorage"},
    # Production: hashed, compressed names served by whitenoise with far-future expiry (after collectstatic).
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "gongkai_site.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "楚雄州乡村振兴局 政府信息公开"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls to wagtail.org from an office network, no English banner
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]  # one office, one time zone: no list of 400 English place names
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Every approval runs in viewflow (DESIGN.md decision 1): Wagtail's own moderation is off.
WAGTAIL_WORKFLOW_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = search_backends()  # embedded, or Elasticsearch when ELASTICSEARCH_URL is set
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "wps", "ofd", "txt", "zip", "jpg", "png"]
# Every document goes through the view, whose before_serve_document hook serves only public ones.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Slow work (letter PDFs, search index updates, mail) runs in `manage.py db_worker` (DESIGN.md decision 13).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("GONGKAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A failed task runs again up to this many times in all, waiting 1, 2, 4… minutes in between.
GONGKAI_TASK_ATTEMPTS = int(os.environ.get("GONGKAI_TASK_ATTEMPTS", "5"))

# The catalogue is public; the API is read-only (DESIGN.md decision 7).
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    # HTTPS ends at a proxy (nginx) that says so in X-Forwarded-Proto; only trust it when told there is one.
    BEHIND_HTTPS_PROXY = env_bool("GONGKAI_BEHIND_HTTPS_PROXY", False)
    if BEHIND_HTTPS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's and the orchestrator's probes speak plain HTTP
    SECURE_HSTS_SECONDS = int(
        os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 31_536_000 if BEHIND_HTTPS_PROXY else 0)
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)


def _email_settings():
    """SMTP from EMAIL_URL (smtp://user:password@host:587/?tls=1, smtps:// for SSL) or EMAIL_HOST and friends."""
    from urllib.parse import parse_qs, unquote, urlsplit

    url = os.environ.get("EMAIL_URL")
    if not url:
        return {
            "EMAIL_HOST": os.environ.get("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": int(os.environ.get("EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
        }
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured("EMAIL_URL 必须以 smtp:// 或 smtps:// 开头。")
    options = parse_qs(parts.query)
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": options.get("tls", ["0"])[0].lower() in {"1", "true", "yes", "on"},
        "EMAIL_USE_SSL": parts.scheme == "smtps",
    }


globals().update(_email_settings())
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gongkai_site.middleware.RequestIdFilter"}},
    "formatters": {
        "with_request_id": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "with_request_id",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The agency this installation serves; the first run creates it from these values, after which it
# is edited in the admin (机构与人员 › 机关).
GONGKAI_AGENCY = {
    "name": os.environ.get("GONGKAI_AGENCY_NAME", "楚雄州人民政府扶贫开发办公室"),
    "short_name": os.environ.get("GONGKAI_AGENCY_SHORT_NAME", "楚雄州乡村振兴局"),
    "credit_code": os.environ.get("GONGKAI_AGENCY_CREDIT_CODE", "11532300015167874P"),
}

# Anonymous visitors' public pages are kept this long at most in the shared cache (0 turns it off); every
# change of what they show replaces them at once (gongkai_site/page_cache.py).
GONGKAI_PAGE_CACHE_SECONDS = int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", "600"))

# -- abuse: CAPTCHA, API keys, rate limits, login throttling (issue 13, point 9) -------------------------
# The proxies (nginx) whose X-Forwarded-For is believed: addresses or networks, comma-separated.
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES")
# Submissions and look-ups per client address in a sliding window, e.g. 20/h, 5/10m.
GONGKAI_REQUEST_RATE = os.environ.get("GONGKAI_REQUEST_RATE", "20/h")
# Keys of machine clients of the request API (header X-API-Key), which then need no CAPTCHA.
GONGKAI_API_KEYS = env_list("GONGKAI_API_KEYS")

# django-simple-captcha: the challenges live in the database, so one is answered once across every process.
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 30  # minutes
CAPTCHA_FONT_SIZE = 26
CAPTCHA_FLITE_PATH = shutil.which("flite")  # the spoken challenge, when flite is installed

GONGKAI_LOGIN_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
GONGKAI_LOGIN_COOLOFF_HOURS = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", "1"))
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = GONGKAI_LOGIN_COOLOFF_HOURS
# One account from one address: a stranger cannot lock an official out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai_site.clients.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai_site.clients.login_locked_out"
AXES_VERBOSE = False
