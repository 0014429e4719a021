from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """同义词: 综合科 keeps the words readers use for the same thing (renamed offices, abbreviations)."""

    model = SynonymGroup
    icon = "search"
    menu_label = "搜索同义词"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["words", "note"]


register_snippet(SynonymGroupViewSet)
