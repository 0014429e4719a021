"""Public pages for anonymous visitors, served from the shared cache (issue 16, point 6).

A page is stored with the site-wide generation it was rendered under: any change of something a public page shows
(publication, unpublication, a page saved, moved or deleted, categories, channels, the agency, settings,
attachments, an annual report) replaces the generation, so the very next request renders afresh. Only
anonymous GET/HEAD requests are answered from the cache; a response is stored only when its view is a
public page, it is a 200 and it sets no cookie (no CSRF token, no message). Searches (`q`) are not
stored: the index they read may be updated after the change that bumped the generation.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from gongkai_site import care_mode
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "pagecache:generation"
CACHE_HEADER = "X-Page-Cache"
CACHEABLE_VIEWS = {
    "wagtail_serve",  # home, catalogue, items, guide, clarification notices and every other Wagtail page
    "annual_report:index",
    "annual_report:report",
    "api_catalogue",
    "feed_rss",
    "feed_atom",
    "feed_rss_category",
    "feed_atom_category",
}
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/healthz")
# Models whose rows a public page shows, besides every page type and every settings model.
SHOWN_MODELS = [
    "cms_pages.Category",
    "cms_pages.Channel",
    "organisation.Agency",
    "organisation.Department",
    "organisation.CountyOffice",
    "annual_report.AnnualReport",
    "wagtaildocs.Document",
    "wagtailcore.Site",
]


def page_cache_seconds():
    return settings.GONGKAI_PAGE_CACHE_SECONDS


def current_generation():
    return cache.get_or_set(GENERATION_KEY, time.time_ns, None)


def _new_generation():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def site_changed(**kwargs):
    """Something public changed: every stored page is stale.

    Replaced again once the transaction commits: a request that rendered in between, still seeing the
    old rows, would otherwise have stored the old page under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def connect_invalidation():
    page_published.connect(site_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(site_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(site_changed, dispatch_uid="page_cache_moved")
    for model in _shown_models():
        post_save.connect(site_changed, sender=model, dispatch_uid=f"page_cache_saved_{model._meta.label}")
        post_delete.connect(
            site_changed, sender=model, dispatch_uid=f"page_cache_deleted_{model._meta.label}"
        )


def _shown_models():
    settings_models = (BaseGenericSetting, BaseSiteSetting)
    for model in apps.get_models():
        if issubclass(model, Page) or issubclass(model, settings_models):
            yield model
    for label in SHOWN_MODELS:
        yield apps.get_model(label)


class AnonymousPageCacheMiddleware:
    """A stored page carries the generation it was rendered under; one cache read fetches it together with
    the current generation, and a page of an earlier generation is rendered again and replaced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request) if page_cache_seconds() and self._is_anonymous_read(request) else None
        if key is None:
            return self.get_response(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            response = stored[1]
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._may_store(request, response):
            cache.set(key, (generation, response), page_cache_seconds())
            response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _is_anonymous_read(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "q" not in request.GET
        )

    @staticmethod
    def _key(request):
        try:
            address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        except DisallowedHost:
            return None  # Django answers 400 on its own
        mode = "care" if care_mode.is_on(request) else "standard"  # 关怀版 is another page
        return f"pagecache:{request.method}:{mode}:{hashlib.sha1(address.encode()).hexdigest()}"

    @staticmethod
    def _may_store(request, response):
        match = getattr(request, "resolver_match", None)
        cache_control = response.get("Cache-Control", "")
        return (
            match is not None
            and match.view_name in CACHEABLE_VIEWS
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
