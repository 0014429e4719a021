import datetime

import pytest

from cms_pages.models import Category, DisclosureItemPage
from cms_pages.publication import authorised_publication
from cms_pages.setup import ensure_site_structure


@pytest.fixture
def site_structure(db):
    """Agency, home page, catalogue and role groups, as on a freshly installed site."""
    agency, home, catalogue, groups = ensure_site_structure()
    return {"agency": agency, "home": home, "catalogue": catalogue, "groups": groups}


@pytest.fixture
def catalogue(site_structure):
    return site_structure["catalogue"]


@pytest.fixture
def make_item(catalogue):
    """Create a published (or, with live=False, draft) disclosure item under the catalogue."""

    def make(title="关于做好扶贫资金管理工作的通知", category="policy", live=True, **fields):
        fields.setdefault("publisher", "楚雄州乡村振兴局")
        fields.setdefault("formed", datetime.date(2018, 6, 25))
        item = DisclosureItemPage(
            title=title, category=Category.objects.get(slug=category), live=live, **fields
        )
        with authorised_publication("test fixture"):
            catalogue.add_child(instance=item)
        return item

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached catalogue facets must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
