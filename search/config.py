"""Which search backend the site uses, from the environment (read by site/settings.py before Django starts)."""

import os


def search_backends(environ=os.environ):
    """Elasticsearch when ELASTICSEARCH_URL is set, else the embedded backend in the site's own database."""
    url = environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "search.backends.embedded"}}
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [part.strip() for part in url.split(",") if part.strip()],
            "INDEX_PREFIX": environ.get("ELASTICSEARCH_INDEX_PREFIX", "gongkai_"),
            "TIMEOUT": int(environ.get("ELASTICSEARCH_TIMEOUT", "10")),
            # ik, smartcn or cjk; "auto" asks the cluster which plugins it has (IK, else smartcn, else cjk).
            "ANALYZER": environ.get("ELASTICSEARCH_ANALYZER", "auto"),
        }
    }
