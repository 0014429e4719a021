from django.apps import AppConfig


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = "公开网站"

    def ready(self):
        from gongkai_site.page_cache import connect_invalidation

        from . import guards, signals  # noqa: F401

        connect_invalidation()
        guards.install()
