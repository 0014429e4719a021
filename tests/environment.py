"""Loaded with -p before Django starts: the environment the tests run in."""

import os

# Tests run with production settings (DEBUG off); the secret key is only for the test process.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Hashed static names need collectstatic first; the tests render templates without it
# (tests/test_production.py runs gunicorn with the production storage).
os.environ.setdefault("DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
