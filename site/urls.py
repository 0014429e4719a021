from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from gongkai_site import care_mode, private_files
from gongkai_site.favicon import favicon
from gongkai_site.health import healthz
from viewflow.workflow.models import Process, Task
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages import api
from cms_pages.feeds import CatalogueAtomFeed, CatalogueRssFeed
from search import views as search_views

# Read-only Wagtail API v2; the write-capable v3 preview stays off (DESIGN.md decision 7).
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", api.PagesAPIViewSet)

# Process records change only through their process: viewflow's generic editors are not offered.
admin.site.unregister([Process, Task])

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("care-mode/on", care_mode.switch_on, name="care_mode_on"),
    path("care-mode/off", care_mode.switch_off, name="care_mode_off"),
    path("captcha/", include("captcha.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Letters and applicants' uploads, after the check of the right (never a /media/ address).
    path("files/", include(private_files)),
    # 依申请公开: the online form, the status page and the request API (before the page catch-all).
    path("", include("disclosure_requests.urls")),
    path("", include("annual_report.urls")),
    path("", include("clarifications.urls")),
    path("search/", search_views.search, name="search"),
    path("api/catalogue/", api.catalogue, name="api_catalogue"),
    path("api/openapi.json", api.openapi_spec, name="api_openapi"),
    path("api/docs/", api.api_docs, name="api_docs"),
    path("api/v2/", api_router.urls),
    path("feeds/rss/", CatalogueRssFeed(), name="feed_rss"),
    path("feeds/atom/", CatalogueAtomFeed(), name="feed_atom"),
    path("feeds/rss/<slug:category>/", CatalogueRssFeed(), name="feed_rss_category"),
    path("feeds/atom/<slug:category>/", CatalogueAtomFeed(), name="feed_atom_category"),
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Public media only: the private root (GONGKAI_PRIVATE_ROOT) is outside MEDIA_ROOT.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# A database too busy for a write answers 503 "请稍后重试", never 500 (gongkai_site.middleware).
handler500 = "gongkai_site.middleware.server_error"
