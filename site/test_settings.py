"""Settings for the test suite: the real settings (DEBUG off, as in production), made fast and offline.

pyproject.toml's pytest options point DJANGO_SETTINGS_MODULE here; tests/environment.py sets the
variables the real settings need before this module is imported.
"""

from gongkai_site.settings import *  # noqa: F403

# Hashing a password with PBKDF2 costs ~0.1 s; the suite logs in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# No network: Wagtail's admin would ask releases.wagtail.org for a newer version, and Elasticsearch is
# used only when a test run is given ELASTICSEARCH_URL on purpose (tests/search_relevance/support.py).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Background tasks (django-tasks) run at once, inside the test that enqueues them.
if "TASKS" in globals():
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
