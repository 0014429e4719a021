"""关怀版 in a real browser (issue 15 point 11): the switch on every public page works without JavaScript and
is remembered; larger text, stronger contrast, wider spacing, a simpler header; axe-core finds no WCAG 2.1 AA
violation on the public walk in either mode; at 200 % zoom the main content starts in the first screen."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_review_chain import demo_site  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_site")]

AXE = Path(__file__).resolve().parent.parent / "data" / "axe" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ZOOM_200 = {"width": 640, "height": 450}  # a 1280 × 900 window at 200 %


def public_walk():
    from cms_pages.models import DisclosureItemPage

    item = DisclosureItemPage.objects.live().order_by("pk").first()
    return [
        "/",
        "/catalogue/",
        item.url,
        "/guide/",
        "/apply/online/",
        "/apply/status/",
        "/annual-reports/",
        "/search/?q=扶贫",
    ]


def body_font_px(page):
    return float(page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)"))


def turn_care_mode_on(page):
    page.goto("/")
    page.get_by_role("link", name="关怀版", exact=True).click()
    page.wait_for_url("**/")
    expect(page.locator("body.care-mode")).to_have_count(1)


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then((result) =>
             result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3)})))""",
        WCAG_21_AA,
    )


def test_the_switch_works_without_javascript_and_is_remembered(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/catalogue/?year=2018")
    assert body_font_px(page) == 16
    page.get_by_role("link", name="关怀版", exact=True).click()
    page.wait_for_url("**/catalogue/?year=2018")
    assert body_font_px(page) >= 18
    expect(page.locator("#site-search")).to_have_count(0)  # the simplified header
    expect(page.get_by_role("link", name="退出关怀版")).to_be_visible()

    page.get_by_role("link", name="公开指南").click()  # remembered on the next page
    page.wait_for_url("**/guide/")
    assert body_font_px(page) >= 18
    spacing = page.evaluate(
        "() => parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize)"
    )
    assert spacing >= 1.8

    page.get_by_role("link", name="退出关怀版").click()
    page.wait_for_url("**/guide/")
    assert body_font_px(page) == 16
    expect(page.locator("#site-search")).to_have_count(1)


def test_every_public_page_offers_the_switch(new_page):
    page = new_page()
    for path in public_walk():
        page.goto(path)
        expect(page.get_by_role("link", name="关怀版", exact=True)).to_be_visible()


@pytest.mark.parametrize("care_mode", [False, True], ids=["standard", "care"])
def test_the_public_walk_passes_axe_wcag_21_aa(new_page, care_mode):
    page = new_page()
    if care_mode:
        turn_care_mode_on(page)
    found = {}
    for path in public_walk():
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


@pytest.mark.parametrize("care_mode", [False, True], ids=["standard", "care"])
def test_at_200_percent_zoom_the_main_content_starts_in_the_first_screen(browser, live_server, care_mode):
    context = browser.new_context(
        base_url=live_server.url, viewport=ZOOM_200, device_scale_factor=2, locale="zh-CN"
    )
    try:
        page = context.new_page()
        if care_mode:
            turn_care_mode_on(page)
        for path in public_walk():
            page.goto(path)
            top = page.evaluate(
                "() => document.querySelector('main').firstElementChild.getBoundingClientRect().top"
            )
            assert top < ZOOM_200["height"] - 40, (path, top)
    finally:
        context.close()
