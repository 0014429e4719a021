"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

While Playwright's sync API is open, its asyncio loop counts as running in the main thread. Two
things follow. Django refuses ORM calls there unless told the loop serves no requests (the live
server runs in its own thread), hence DJANGO_ALLOW_ASYNC_UNSAFE while the browser is open. And
Django then keeps its database connections in a context variable instead of the thread: the test
code gets a connection object other than the one the database setup used, so that setup's
serialized copy of the migrations' rows is handed over below. Playwright is closed when the last
test of this package is done, so later tests run without the loop.
"""

import datetime
import os

import pytest

from tests.conftest import restore_migration_data

CHROMIUM = os.environ.get("GONGKAI_E2E_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def serialized_database(django_db_setup, django_db_blocker):
    """What the test database held after its migrations, read before Playwright starts."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="package")
def browser(serialized_database):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from django.db import connections

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield browser
            browser.close()
            connections.close_all()  # those opened while the loop ran: nothing else would close them


@pytest.fixture(scope="package", autouse=True)
def _serialized_database_for_playwright_context(serialized_database, browser):
    """Give the connection the tests use the migrations' rows, for serialized rollback to restore.

    Package-scoped so it runs before pytest-django's function-scoped helpers open the test case; the
    connection object it marks stays the same for every test while Playwright is open.
    """
    from django.db import connections

    for alias, contents in serialized_database.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="module")
def migration_data_restored_afterwards(serialized_database, django_db_blocker):
    """Leave the database as the migrations left it for the transactional tests that follow.

    Each test here ends with a flush; serialized rollback restores the migrations' rows only at the
    start of the next test that asks for it, so without this the later tests would find no root page.
    """
    yield
    with django_db_blocker.unblock():
        restore_migration_data(serialized_database)


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (own cookies, viewport, JavaScript on or off)."""
    contexts = []

    def open_page(viewport=DESKTOP, java_script_enabled=True):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="zh-CN",
            java_script_enabled=java_script_enabled,
        )
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def public_site(
    migration_data_restored_afterwards, django_db_serialized_rollback, live_server, site_structure, make_item
):
    """A small published site: guide, catalogue, and items in several categories, years and bodies.

    The live server needs committed data, so these tests run in transactional_db; serialized
    rollback brings back what the migrations seeded (root page, default site, categories).
    """
    from django.core.cache import cache

    from cms_pages.models import GuidePage

    home = site_structure["home"]
    home.add_child(
        instance=GuidePage(
            title="政府信息公开指南",
            slug="guide",
            show_in_menus=True,
            office_name="综合科",
            address="云南省楚雄州鹿城南路 邮编675000",
            hours="工作日 上午9:00—12:00，下午14:30—17:30",
            phone="0878-3120000",
            fax="0878-3120001",
            email="gongkai@example.gov.cn",
            classification="<p>按公开目录的八个分类编排。</p>",
            how_to_obtain="<p>在本网站公开目录中查阅，或依申请获取。</p>",
            complaints="<p>可向州人民政府办公室投诉。</p>",
        )
    )
    items = {
        "funds_notice": make_item(
            title="关于下达2018年扶贫项目资金的通知",
            category="funds",
            publisher="楚雄州乡村振兴局",
            doc_number="楚扶贫办发〔2018〕12号",
            subject_words="扶贫 资金 通知",
            summary="下达2018年第一批财政专项扶贫资金。",
            written=datetime.date(2018, 12, 20),
            formed=datetime.date(2018, 12, 21),
            published=datetime.date(2018, 12, 24),
            validity="in_force",
            body="<p>各县市扶贫办：现将资金下达如下。</p>",
        ),
        "funds_old": make_item(
            title="2017年扶贫项目资金公示",
            category="funds",
            publisher="楚雄州财政局",
            formed=datetime.date(2017, 3, 1),
            published=datetime.date(2017, 3, 6),
            validity="expired",
        ),
        "policy": make_item(
            title="楚雄州精准扶贫实施办法",
            category="policy",
            publisher="楚雄州乡村振兴局",
            doc_number="楚政发〔2018〕3号",
            formed=datetime.date(2018, 5, 2),
            published=datetime.date(2018, 5, 8),
        ),
        "news": make_item(
            title="州扶贫办召开脱贫攻坚推进会",
            category="news",
            publisher="楚雄州乡村振兴局",
            formed=datetime.date(2019, 1, 9),
            published=datetime.date(2019, 1, 10),
        ),
    }
    # Facets are cached by catalogue version; items made directly bypass the publish signal.
    cache.clear()
    yield {**site_structure, "items": items, "live_server": live_server}
    cache.clear()
