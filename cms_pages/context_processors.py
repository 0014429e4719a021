from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import CataloguePage, GuidePage


def site_navigation(request):
    """The header's menu and the footer's contacts, on every public page; queried only when shown."""

    def site_root():
        site = Site.find_for_request(request)
        return site.root_page if site else None

    root = SimpleLazyObject(site_root)
    return {
        "site_root": root,
        "menu_pages": SimpleLazyObject(lambda: list(root.get_children().live().in_menu()) if root else []),
        "office_guide": SimpleLazyObject(lambda: GuidePage.objects.live().first()),
        "catalogue_page": SimpleLazyObject(lambda: CataloguePage.objects.live().first()),
    }
