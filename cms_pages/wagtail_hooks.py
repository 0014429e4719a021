from gongkai_site.spreadsheets import FormulaSafeExportMixin
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .documents import serve_public_or_permitted
from .models import Category, Channel, DisclosureItemPage

CATALOGUE_EXPORT_FIELDS = [
    "index_number",
    "title",
    "category",
    "publisher",
    "doc_number",
    "subject_words",
    "summary",
    "written",
    "formed",
    "published",
    "get_validity_display",
    "full_url",
]


class CatalogueIndexView(FormulaSafeExportMixin, PageListingViewSet.index_view_class):
    pass


class CatalogueListingViewSet(PageListingViewSet):
    """公开目录 in the admin: a flat list of every item, exportable as XLSX and CSV (S1.6)."""

    model = DisclosureItemPage
    icon = "list-ul"
    menu_label = "公开目录"
    add_to_admin_menu = True
    menu_order = 150
    name = "catalogue_items"
    list_filter = ["category", "validity", "live"]
    list_export = CATALOGUE_EXPORT_FIELDS
    export_headings = {
        "category": "公开目录",
        "get_validity_display": "有效性",
        "full_url": "网址",
    }
    export_filename = "公开目录"
    index_view_class = CatalogueIndexView


@hooks.register("register_admin_viewset")
def register_catalogue_listing():
    return CatalogueListingViewSet()


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "公开目录分类"
    list_display = ["full_name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["parent__sort_order", "sort_order"]


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "site"
    menu_label = "公开渠道"
    list_display = ["name", "code", "sort_order"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, ChannelViewSet)
    menu_icon = "folder-open-1"
    menu_label = "目录设置"
    menu_order = 160


register_snippet(ReferenceDataGroup)


hooks.register("before_serve_document", serve_public_or_permitted)
