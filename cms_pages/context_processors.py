from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import CataloguePage, GuidePage


def menu_pages(root):
    """The home page's children shown in the menu. Filtering by the page types the home page allows
    lets the database use the content-type index instead of reading every page below it."""
    menu_types = ContentType.objects.get_for_models(*root.specific_class.allowed_subpage_models()).values()
    return list(root.get_children().live().in_menu().filter(content_type__in=menu_types))


def site_navigation(request):
    """The header's menu and the footer's contacts, on every public page; queried only when shown."""

    def site_root():
        site = Site.find_for_request(request)
        return site.root_page if site else None

    root = SimpleLazyObject(site_root)
    return {
        "site_root": root,
        "menu_pages": SimpleLazyObject(lambda: menu_pages(root) if root else []),
        # By primary key: in tree order the database would walk every catalogue item first.
        "office_guide": SimpleLazyObject(lambda: GuidePage.objects.live().order_by("pk").first()),
        "catalogue_page": SimpleLazyObject(lambda: CataloguePage.objects.live().first()),
    }
