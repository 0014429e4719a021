"""Shared by the search tests: which backends to run against, and a reindex that works on each."""

import os

import pytest
from django.core.management import call_command

from search.config import search_backends

NO_SERVER = (
    "Elasticsearch tests run only when ELASTICSEARCH_URL is set: no Elasticsearch server can be "
    "installed on the development and CI machines (no package in Debian, no registry that ships it)."
)
BACKENDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=NO_SERVER),
    ),
]


def use_backend(settings, name):
    environ = dict(os.environ) if name == "elasticsearch" else {}
    if name == "elasticsearch":
        environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "gongkai_test_")
    settings.WAGTAILSEARCH_BACKENDS = search_backends(environ)


def reindex():
    """Rebuild the index the way a deployment does; on Elasticsearch also make the documents visible."""
    from modelsearch.backends import get_search_backend

    call_command("update_index", verbosity=0)
    get_search_backend().refresh_indexes()
