import datetime
import io

import pytest
from django.test import override_settings

from cms_pages.models import Category, DisclosureItemPage
from cms_pages.publication import authorised_publication
from cms_pages.setup import ensure_site_structure
from tests.support.database import (
    refuse_tests_that_would_see_rows_they_did_not_ask_for,
    rows_kept_for_the_module,
    tests_without_rows_first,
)


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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items[:] = tests_without_rows_first(items)


def build_office():
    from demo.content import ensure_accounts, ensure_organisation

    agency, _, _, groups = ensure_site_structure()
    ensure_organisation(agency)
    ensure_accounts(groups)


@pytest.fixture(scope="module")
def office_rows(request, django_db_setup, django_db_blocker):
    """The site structure, the demo's sections and its accounts in their roles (no pages), built once for
    the module that asks for them (tests/support/database.py)."""
    yield from rows_kept_for_the_module(request, django_db_blocker, build_office)


def build_demo():
    from django.core.management import call_command

    with override_settings(GONGKAI_DEMO_ALLOWED=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_rows(request, django_db_setup, django_db_blocker):
    """What `load_demo` creates (organisation, accounts, pages, items), loaded once for the module."""
    yield from rows_kept_for_the_module(request, django_db_blocker, build_demo)


@pytest.fixture
def pdf_layout_skipped(monkeypatch):
    """For modules whose tests never read a PDF (`pytestmark = pytest.mark.usefixtures(...)`): letters are
    still composed, numbered and archived, but WeasyPrint's layout is replaced by a stub PDF."""
    from tests.support.pdf import LayoutSkipped

    monkeypatch.setattr("letters.pdf.HTML", LayoutSkipped)


@pytest.fixture(autouse=True)
def rows_of_the_module_asked_for(request):
    refuse_tests_that_would_see_rows_they_did_not_ask_for(request)


@pytest.fixture(autouse=True)
def empty_cache(request, django_db_blocker):
    """Cached facets and pages must not leak from one test into the next.

    The cache is a table of the test database (createcachetable runs when it is created); tests that do
    not use the database cannot reach it and need no clearing.
    """
    from django.core.cache import cache

    if not _uses_database(request):
        yield
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        cache.clear()
    yield
    with django_db_blocker.unblock():
        cache.clear()


def _uses_database(request):
    database_fixtures = {"db", "transactional_db", "live_server", "django_db_setup"}
    return bool(database_fixtures & set(request.fixturenames)) or request.node.get_closest_marker("django_db")


def restore_migration_data(contents_by_alias=None):
    """Put back the rows the migrations seeded (calendar, categories, letter wording…)."""
    from django.db import connections

    for alias in connections:
        contents = (contents_by_alias or {}).get(alias) or getattr(
            connections[alias], "_test_serialized_contents", None
        )
        if contents:
            connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture
def migration_data_restored_afterwards(django_db_blocker):
    """For transactional tests: requested before the database fixtures, it runs after their closing
    flush, so the tests that follow still find the migrations' rows."""
    yield
    with django_db_blocker.unblock():
        restore_migration_data()
        forget_orphaned_search_rows()


def forget_orphaned_search_rows():
    """The flush empties the search entries but not SQLite's FTS tables, which only forget a row when told
    its tokens; left there, a later test's entries would reuse their ids."""
    from django.db import connection

    if connection.vendor == "sqlite":
        from search.backends.sqlite import SQLiteStore

        SQLiteStore().forget_orphans()
