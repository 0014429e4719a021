from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    """站内搜索: the Chinese search of the catalogue, the admin and the API (SPEC S1.6)."""

    name = "search"
    label = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .models import SynonymGroup
        from .query import synonyms_changed

        post_save.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
        post_delete.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
