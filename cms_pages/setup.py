"""The site's skeleton: agency, home page, catalogue and role groups, made once; other apps add their
listing pages on `site_structure_ready` (the clarification notices).

Used by `setup_site`, the demo loader and the catalogue importer, so each works on a freshly
migrated database.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from organisation.models import Agency
from organisation.roles import ensure_roles

from .models import CataloguePage, HomePage
from .signals import site_structure_ready


def ensure_agency():
    agency = Agency.current()
    if agency is None:
        agency = Agency.objects.create(
            name=settings.GONGKAI_AGENCY["name"],
            short_name=settings.GONGKAI_AGENCY["short_name"],
            credit_code=settings.GONGKAI_AGENCY["credit_code"],
        )
    return agency


def ensure_home_page():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's install leaves a bare "Welcome" page at /home/: replace it.
    placeholder = root.get_children().filter(slug="home", content_type__model="page").first()
    home = HomePage(
        title="政府信息公开", slug="home" if placeholder is None else "home-new", seo_title="首页"
    )
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    if placeholder is not None and not placeholder.get_children().exists():
        placeholder.delete()
        home.slug = "home"
        home.save()
    return home


def ensure_catalogue_page(home):
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=CataloguePage(title="公开目录", slug="catalogue", show_in_menus=True)
        )
    return catalogue


@transaction.atomic
def ensure_site_structure():
    agency = ensure_agency()
    home = ensure_home_page()
    catalogue = ensure_catalogue_page(home)
    groups = ensure_roles(home)
    site_structure_ready.send(sender=HomePage, home=home)
    return agency, home, catalogue, groups
