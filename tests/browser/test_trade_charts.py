"""The trade charts render in the three languages: SVG columns and bars with a table under
each, numbers in the reader's format, Urdu right to left (screenshots to look at)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import visit_in

NUMBERS = {"en": "USD ", "ru": "долл. США", "ur": "امریکی ڈالر"}
# the demo's illustrative source, said in the reader's language (rabta's words, not a source's)
DEMO_SOURCE = {
    "en": "Illustrative figures",
    "ru": "Иллюстративные данные",
    "ur": "مثالی اعداد و شمار",
}


@pytest.fixture
def demo_trade(transactional_db):
    from rabta.trade.demo import load_demo_guides, load_demo_statistics
    from tests.factories import OrganiserFactory

    load_demo_statistics()
    load_demo_guides(OrganiserFactory())


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
@pytest.mark.parametrize("path", ["/trade/", "/trade/hs/90/"])
def test_trade_charts_render(page, live_server, screenshot, demo_trade, language, path):
    visit_in(page, live_server, path, language)
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ur" else "ltr")
    charts = page.locator("figure.chart")
    assert charts.count() >= 2
    columns = page.locator("figure.chart svg rect")
    assert columns.count() > 10
    first = page.locator("figure.chart").first
    box = first.bounding_box()
    assert box["width"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # nothing overflows
    # a table follows every time-series chart, with the year and the source-named columns
    tables = page.locator("table.trade-table")
    assert tables.count() >= 2
    assert DEMO_SOURCE[language] in tables.first.inner_text()
    assert NUMBERS[language] in page.locator("main").inner_text()
    assert page.locator(".trade-note strong").is_visible()  # the figures are illustrative
    screenshot(page, f"trade-{path.strip('/').replace('/', '-')}-{language}")


def test_the_trend_line_links_to_the_chapter_page(page, live_server, screenshot, demo_trade):
    from tests.marketplace.helpers import participant, publish

    opportunity = publish(participant(country="PK")[0], hs_codes=["901890"])
    visit_in(page, live_server, f"/marketplace/{opportunity.pk}/", "ur")
    line = page.locator("[data-trend-line]")
    assert line.is_visible() and "9018" in line.inner_text()
    assert page.locator("[data-guides]").is_visible()
    screenshot(page, "trade-trend-line-ur")
    line.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/trade/hs/9018/")
