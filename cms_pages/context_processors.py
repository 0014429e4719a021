from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import CataloguePage, GuidePage


def menu_pages(root):
    """The home page's children shown in the menu. Filtering by the page types the home page allows
    lets the database use the content-type index instead of reading every page below it."""
    menu_types = ContentType.objects.get_for_models(*root.specific_class.allowed_subpage_models()).values()
    return list(root.get_children().live().in_menu().filter(content_type__in=menu_types))


def menu_entries(request, root):
    """首页, the home page's menu pages, then the sections served by views, each section once.

    A page with the title or address of a view's section (the demo's 依申请公开 and 年度报告 pages)
    stands for that section instead of adding a second entry.
    """
    entries = [{"title": "首页", "url": "/"}]
    if root:
        entries += [{"title": page.title, "url": page.get_url(request)} for page in menu_pages(root)]
    for title, url in (
        ("依申请公开", reverse("disclosure_requests:apply")),
        ("年度报告", reverse("annual_report:index")),
    ):
        if not any(entry["title"] == title or entry["url"] == url for entry in entries):
            entries.append({"title": title, "url": url})
    for entry in entries:
        entry["current"] = _current(request.path, entry["url"])
    return entries


def _current(path, url):
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def site_navigation(request):
    """The header's menu and the footer's contacts, on every public page; queried only when shown."""

    def site_root():
        site = Site.find_for_request(request)
        return site.root_page if site else None

    root = SimpleLazyObject(site_root)
    return {
        "site_root": root,
        "menu_entries": SimpleLazyObject(lambda: menu_entries(request, root)),
        # By primary key: in tree order the database would walk every catalogue item first.
        "office_guide": SimpleLazyObject(lambda: GuidePage.objects.live().order_by("pk").first()),
        "catalogue_page": SimpleLazyObject(lambda: CataloguePage.objects.live().first()),
    }
