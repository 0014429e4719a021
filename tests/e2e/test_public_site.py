"""The public site in a real browser: catalogue, search, pagination, WCAG 2.1 AA basics, small screens."""

import datetime
import os
import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, MOBILE

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = ["/", "/catalogue/", "/guide/"]

# Relative luminance and contrast ratio as WCAG 2.1 defines them, measured on what the browser
# renders: the text colour over the first opaque background up the tree (translucent layers blended).
CONTRAST_JS = """
(selectors) => {
  const parse = (css) => {
    const parts = css.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const results = [];
  for (const [selector, pseudo] of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      if (!pseudo && !element.textContent.trim()) continue;
      if (element.getClientRects().length === 0) continue;
      const background = backgroundOf(element);
      const colour = over(parse(getComputedStyle(element, pseudo).color), background);
      results.push({
        selector: selector + (pseudo || ""),
        text: (pseudo ? element.placeholder : element.textContent).trim().slice(0, 20),
        ratio: Math.round(ratio(colour, background) * 100) / 100,
      });
    }
  }
  return results;
}
"""

# The focused element's ring (outline, and a box-shadow ring if any) against what is around it: WCAG 1.4.11
# wants 3:1 from at least one ring, so a two-tone ring works on light and dark backgrounds alike.
FOCUS_RING_JS = """
() => {
  const element = document.activeElement;
  const parse = (css) => {
    const match = css && css.match(/rgba?\\(([^)]*)\\)/);
    if (!match) return null;
    const parts = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return parts.length > 3 && parts[3] === 0 ? null : parts.slice(0, 3);
  };
  let around = null;
  for (let node = element.parentElement; node && !around; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/, 0\\)$|transparent/.test(colour)) around = parse(colour);
  }
  around = around || [255, 255, 255];
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const style = getComputedStyle(element);
  const rings = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
    rings.push(parse(style.outlineColor));
  }
  if (style.boxShadow !== "none") rings.push(parse(style.boxShadow));
  const ratios = rings.filter(Boolean).map((ring) => Math.round(ratio(ring, around) * 100) / 100);
  return {element: element.outerHTML.slice(0, 60), ratios};
}
"""

TEXT_SELECTORS = [
    # main text
    ["main h1", None],
    ["main h2", None],
    ["main p", None],
    ["main li", None],
    ["main th", None],
    ["main td", None],
    ["main dt", None],
    ["main dd", None],
    ["main label", None],
    ["main time", None],
    ["main a", None],
    ["main select", None],
    ["input[placeholder]", "::placeholder"],
    # header and navigation
    [".agency a", None],
    [".agency span", None],
    [".site-nav a", None],
    # footer
    [".site-footer p", None],
    [".site-footer a", None],
    # buttons
    ["button", None],
]


def metadata_value(page, label):
    """The value cell next to a heading cell of the item's metadata table."""
    return page.locator("table.metadata th", has_text=label).locator("xpath=following-sibling::td[1]")


def item_path(item):
    return f"/catalogue/{item.slug}/"


def result_titles(page):
    return page.locator(".catalogue-table tbody tr td:nth-child(2) > a")


def assert_contrast(page, where, selectors=TEXT_SELECTORS, minimum=4.5):
    results = page.evaluate(CONTRAST_JS, selectors)
    assert results, f"{where}: no text measured"
    failures = [result for result in results if result["ratio"] < minimum]
    assert not failures, f"{where}: contrast below {minimum}:1: {failures}"


def assert_focus_rings_visible(page):
    """On the catalogue page: every kind of control shows a focus ring of 3:1 (WCAG 2.4.7, 1.4.11)."""
    targets = [
        page.get_by_role("link", name="跳到正文"),
        page.get_by_role("search").get_by_label("搜索公开信息"),
        page.get_by_role("search").get_by_role("button", name="搜索"),
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="首页"),
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录"),
        page.get_by_label("公开目录", exact=True),
        page.get_by_role("button", name="筛选", exact=True),
        page.get_by_role("link", name="清除条件"),
        page.locator(".site-footer").get_by_role("link", name="开放接口"),
    ]
    for target in targets:
        target.focus()
        ring = page.evaluate(FOCUS_RING_JS)
        assert ring["ratios"] and max(ring["ratios"]) >= 3, f"focus ring too faint: {ring}"


@pytest.mark.rule("S1.6")
@pytest.mark.rule("S1.3")
@pytest.mark.rule("S1.1")
def test_browse_catalogue_by_category_and_read_an_item(page, public_site):
    item = public_site["items"]["funds_notice"]
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").click()
    expect(page).to_have_url(re.compile(r"/catalogue/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("公开目录")
    expect(result_titles(page)).to_have_count(4)

    page.get_by_label("公开目录", exact=True).select_option(label="扶贫项目资金信息")
    page.get_by_role("button", name="筛选", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]category=funds(&|$)"))
    expect(page.locator("#results-heading")).to_have_text("共 2 条 · 扶贫项目资金信息")
    expect(result_titles(page)).to_have_text(["关于下达2018年扶贫项目资金的通知", "2017年扶贫项目资金公示"])
    expect(page.get_by_label("公开目录", exact=True)).to_have_value("funds")

    result_titles(page).filter(has_text=item.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
    assert item.index_number.startswith(f"{public_site['agency'].credit_code}-/2018-1224")
    expected = {
        "索引号": item.index_number,
        "公开目录": "扶贫项目资金信息",
        "发布机构": "楚雄州乡村振兴局",
        "发布日期": "2018-12-24",
        "文号": "楚扶贫办发〔2018〕12号",
        "主题词": "扶贫 资金 通知",
        "成文日期": "2018-12-20",
        "有效性": "有效",
    }
    for label, value in expected.items():
        expect(metadata_value(page, label), label).to_have_text(value)
    expect(page.locator("article .body")).to_contain_text("现将资金下达如下")
    expect(page.get_by_role("navigation", name="当前位置")).to_contain_text("扶贫项目资金信息")


@pytest.mark.rule("S1.6")
@pytest.mark.rule("S1.5")
def test_header_search_finds_an_item_by_a_word_of_its_title(page, public_site):
    page.goto("/guide/")
    search = page.get_by_role("search")
    search.get_by_label("搜索公开信息").fill("实施办法")
    search.get_by_role("button", name="搜索").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%AE%9E%E6%96%BD%E5%8A%9E%E6%B3%95"))
    page.get_by_role("link", name="楚雄州精准扶贫实施办法").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("楚雄州精准扶贫实施办法")


@pytest.mark.rule("S1.6")
@pytest.mark.rule("S1.3")
def test_pagination_keeps_the_filters(page, public_site, make_item):
    from cms_pages.models import DisclosureSettings

    settings = DisclosureSettings.load()
    settings.catalogue_page_size = 5
    settings.save()
    for number in range(1, 13):
        make_item(
            title=f"2018年扶贫工作要点第{number:02d}号",
            category="plans",
            formed=datetime.date(2018, 2, number),
            published=datetime.date(2018, 2, number),
        )
    # Same category, another year: must stay out of the filtered pages.
    make_item(title="2019年扶贫工作要点", category="plans", published=datetime.date(2019, 2, 1))

    page.goto("/catalogue/?category=plans")
    page.get_by_label("发布年份").select_option("2018")
    page.get_by_role("button", name="筛选", exact=True).click()
    expect(page.locator("#results-heading")).to_have_text("共 12 条 · 扶贫工作规划和工作要点 · 2018年")

    pagination = page.get_by_role("navigation", name="分页")
    expect(pagination).to_contain_text("第 1 / 3 页")
    expect(pagination.get_by_role("link", name="上一页")).to_have_count(0)
    expect(result_titles(page)).to_have_text([f"2018年扶贫工作要点第{n:02d}号" for n in range(12, 7, -1)])

    pagination.get_by_role("link", name="下一页").click()
    expect(page).to_have_url(re.compile(r"\?category=plans&year=2018&page=2$"))
    expect(pagination).to_contain_text("第 2 / 3 页")
    expect(result_titles(page)).to_have_text([f"2018年扶贫工作要点第{n:02d}号" for n in range(7, 2, -1)])
    expect(page.get_by_label("公开目录", exact=True)).to_have_value("plans")
    expect(page.get_by_label("发布年份")).to_have_value("2018")

    pagination.get_by_role("link", name="下一页").click()
    expect(pagination).to_contain_text("第 3 / 3 页")
    expect(result_titles(page)).to_have_text(["2018年扶贫工作要点第02号", "2018年扶贫工作要点第01号"])
    expect(pagination.get_by_role("link", name="下一页")).to_have_count(0)

    pagination.get_by_role("link", name="上一页").click()
    expect(page).to_have_url(re.compile(r"\?category=plans&year=2018&page=2$"))
    pagination.get_by_role("link", name="上一页").click()
    expect(page).to_have_url(re.compile(r"\?category=plans&year=2018&page=1$"))
    expect(page.locator("#results-heading")).to_have_text("共 12 条 · 扶贫工作规划和工作要点 · 2018年")


def test_public_pages_meet_wcag_aa_basics(page, public_site):
    """Keyboard access, labels, headings, alt text, language, text contrast and focus rings."""
    item_url = item_path(public_site["items"]["funds_notice"])
    for path in [*PUBLIC_PAGES, item_url, "/catalogue/?category=no-such-category"]:
        page.goto(path)
        expect(page.locator("h1"), path).to_have_count(1)
        expect(page.locator("img:not([alt])"), path).to_have_count(0)
        expect(page.locator("html"), path).to_have_attribute("lang", "zh-CN")
        expect(page, path).to_have_title(re.compile(r"\S+ - 楚雄州乡村振兴局 政府信息公开"))
        controls = page.locator("input:not([type=hidden]), select, textarea, button")
        assert controls.count() > 0, path
        for control in controls.all():
            expect(control, path).to_have_accessible_name(re.compile(r"\S"))
        assert_contrast(page, path)

        # The first Tab reaches the skip link, which shows itself and takes focus to the main content.
        page.keyboard.press("Tab")
        skip_link = page.get_by_role("link", name="跳到正文")
        expect(skip_link, path).to_be_focused()
        expect(skip_link, path).to_be_in_viewport()
        assert_contrast(page, f"{path} skip link", [[".skip-link", None]])
        page.keyboard.press("Enter")
        expect(page.locator("main"), path).to_be_focused()

        page.get_by_role("navigation", name="主导航").get_by_role("link").last.hover()
        assert_contrast(page, f"{path} nav hover", [[".site-nav a", None]])

    page.goto("/catalogue/")
    assert_focus_rings_visible(page)


def test_no_horizontal_scroll_on_a_phone(new_page, public_site):
    page = new_page(viewport=MOBILE)
    for path in [*PUBLIC_PAGES, item_path(public_site["items"]["funds_notice"])]:
        page.goto(path)
        expect(page.locator("h1"), path).to_be_visible()
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path}: page is {widths[0]}px wide on a {widths[1]}px screen"


@pytest.mark.rule("S1.6")
@pytest.mark.rule("S1.1")
def test_catalogue_works_without_javascript(new_page, public_site):
    page = new_page(java_script_enabled=False)
    page.goto("/catalogue/")
    page.get_by_label("发布年份").select_option("2017")
    page.get_by_role("button", name="筛选", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]year=2017(&|$)"))
    expect(result_titles(page)).to_have_text(["2017年扶贫项目资金公示"])

    result_titles(page).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2017年扶贫项目资金公示")
    expect(metadata_value(page, "发布机构")).to_have_text("楚雄州财政局")
    expect(metadata_value(page, "有效性")).to_have_text("失效")


@pytest.mark.skipif(not os.environ.get("GONGKAI_E2E_SCREENSHOTS"), reason="set GONGKAI_E2E_SCREENSHOTS=dir")
def test_screenshots(new_page, public_site):
    """Not a check: pictures of the public pages for a person to look at."""
    directory = os.environ["GONGKAI_E2E_SCREENSHOTS"]
    item_url = item_path(public_site["items"]["funds_notice"])
    for name, viewport in [("desktop", DESKTOP), ("mobile", MOBILE)]:
        page = new_page(viewport=viewport)
        for label, path in [
            ("home", "/"),
            ("catalogue", "/catalogue/"),
            ("item", item_url),
            ("guide", "/guide/"),
        ]:
            page.goto(path)
            page.screenshot(path=os.path.join(directory, f"{label}-{name}.png"), full_page=True)
        page.goto("/catalogue/")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").focus()
        page.screenshot(path=os.path.join(directory, f"focus-nav-{name}.png"))
        page.get_by_role("link", name="清除条件").focus()
        page.screenshot(path=os.path.join(directory, f"focus-link-{name}.png"))
