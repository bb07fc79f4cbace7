"""The layout a visitor sees: direction, fonts and a page that fits a phone, in each language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_profile_urdu import NASTALIQ_LOADED
from tests.factories import OrganisationFactory


def visit_in(page, live_server, path: str, language: str) -> None:
    page.context.add_cookies(
        [{"name": "rabta_language", "value": language, "url": live_server.url}]
    )
    page.goto(path)
    page.evaluate("() => document.fonts.ready.then(() => true)")


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ru", "ltr"), ("ur", "rtl")])
def test_home_page_direction_font_and_mirroring(
    page, live_server, screenshot, transactional_db, language, direction
):
    OrganisationFactory(name={"en": "Sialkot Sports Goods", "ur": "سیالکوٹ اسپورٹس گڈز"})
    visit_in(page, live_server, reverse("home"), language)

    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    brand_box = page.locator(".brand").bounding_box()
    brand_on_right = brand_box["x"] > DESKTOP["width"] / 2
    assert brand_on_right == (direction == "rtl")

    heading_font = page.locator("main h1").evaluate("(el) => getComputedStyle(el).fontFamily")
    uses_nastaliq = heading_font.startswith('"Noto Nastaliq Urdu"')
    assert uses_nastaliq == (language == "ur")
    if language == "ur":
        assert page.evaluate(NASTALIQ_LOADED)
        line_height = page.locator("main .lead").evaluate(
            "(el) => parseFloat(getComputedStyle(el).lineHeight) / parseFloat(getComputedStyle(el).fontSize)"
        )
        assert line_height >= 2
    screenshot(page, f"home-{language}-desktop")


def rendered_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium really drew the element's text with (not the CSS font stack)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


LABEL_FITS = """(el) => {
  const box = el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect();
  return text.top >= box.top - 1 && text.bottom <= box.bottom + 1
    && text.left >= box.left - 1 && text.right <= box.right + 1;
}"""


def test_bold_urdu_buttons_and_headings_are_set_in_nastaliq_and_fit(
    page, live_server, screenshot, transactional_db
):
    """Bold Urdu (buttons, headings, the current page in the menu) is the regular Nastaliq face
    made bold, like the rest of the page; it fell back to whatever Arabic font the system had
    (Naskh here) because the only bold face of the family covered Latin letters alone."""
    visit_in(page, live_server, reverse("marketplace:browse"), "ur")
    for selector in [
        "main h1",
        "header a.button",
        "main button.button",
        ".site-nav [aria-current]",
    ]:
        assert rendered_fonts(page, selector) == {"Noto Nastaliq Urdu"}, selector
    for selector in ["header a.button", "main button.button"]:
        assert page.locator(selector).first.evaluate(LABEL_FITS), f"{selector} clips its label"
    screenshot(page, "marketplace-ur-bold")


def test_codes_and_addresses_stay_left_to_right_in_monospace_on_urdu_pages(
    page, live_server, transactional_db
):
    """A calendar feed's address, a badge code or a column name (<code>) was set in Nastaliq and
    laid out right to left on Urdu pages."""
    visit_in(page, live_server, reverse("home"), "ur")
    style = page.evaluate(
        """() => {
          const code = document.createElement("code");
          code.textContent = "http://127.0.0.1:8000/events/x/calendar/abc.ics?language=ur";
          document.querySelector("main").append(code);
          const computed = getComputedStyle(code);
          return {direction: computed.direction, font: computed.fontFamily};
        }"""
    )
    assert style["direction"] == "ltr"
    assert "Nastaliq" not in style["font"] and "monospace" in style["font"]


@pytest.mark.parametrize("language", ["en", "ur"])
def test_pages_fit_a_phone(page, live_server, screenshot, transactional_db, language):
    organisation = OrganisationFactory(
        name={"en": "Punjab University, Department of Russian Language and Literature"},
        description={"en": "Russian-language programmes for entrepreneurs. " * 20},
    )
    page.set_viewport_size(PHONE)
    for name, path in [
        ("home", reverse("home")),
        ("directory", reverse("organisations:directory")),
        ("detail", reverse("organisations:detail", kwargs={"slug": organisation.slug})),
        ("login", reverse("accounts:login")),
    ]:
        visit_in(page, live_server, path, language)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways on a phone in {language}"
        assert page.locator(".nav-toggle").is_visible()
        screenshot(page, f"{name}-{language}-phone")


# Urdu labels whose letters reach deepest below the line (م of ترمیم, the dots of پ, ں, ی).
DEEP_LABELS = [
    "پروفائل میں ترمیم کریں",
    "دلچسپیاں",
    "جگہ میں ہی یکجا",
    "سب کو پڑھا ہوا نشان زد کریں",
]


def ink_gaps(png: bytes) -> tuple[float, float]:
    """The space in CSS pixels between a green button's white label ink and its top and bottom
    edges (the page behind is black, the screenshot at device scale 2)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    inked = [
        y
        for y in range(height)
        if any(min(image.getpixel((x, y))) > 200 for x in range(24, width - 24))
    ]
    return min(inked) / 2, (height - 1 - max(inked)) / 2


def test_urdu_button_labels_never_touch_the_button_s_edges(browser, live_server, screenshot):
    """Descenders of Nastaliq labels touched or crossed the bottom edge of buttons, small ones
    most (the م of «ترمیم» was cut)."""
    context = browser.new_context(base_url=live_server.url, device_scale_factor=2)
    try:
        page = context.new_page()
        visit_in(page, live_server, reverse("home"), "ur")
        page.evaluate(
            """(labels) => {
              const main = document.querySelector("main");
              main.style.background = document.body.style.background = "#000";
              for (const kind of ["button", "button button--small"]) {
                for (const label of labels) {
                  const wrapper = document.createElement("div");
                  wrapper.style.margin = "12px";
                  wrapper.innerHTML = `<button class="${kind} ink-probe">${label}</button>`;
                  main.prepend(wrapper);
                }
              }
            }""",
            DEEP_LABELS,
        )
        page.evaluate("() => document.fonts.ready.then(() => true)")
        for button in page.locator(".ink-probe").all():
            top, bottom = ink_gaps(button.screenshot())
            label = button.inner_text()
            assert bottom >= 2, f"«{label}» ({button.get_attribute('class')}): {bottom} px below"
            assert top >= 2, f"«{label}» ({button.get_attribute('class')}): {top} px above"
        screenshot(page, "urdu-button-descenders")
    finally:
        context.close()


TITLE_STYLE = """(title) => {
  const style = getComputedStyle(title);
  return {
    font: style.fontFamily,
    direction: style.direction,
    lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
  };
}"""


def test_an_english_title_on_an_urdu_page_keeps_its_own_font_line_height_and_direction(
    page, live_server, screenshot, transactional_db
):
    """An opportunity written only in English, on the Urdu marketplace: its card title was set
    with Nastaliq's tall line height (2.15) and laid out right to left like the Urdu around it."""
    from tests.marketplace.helpers import participant, publish

    owner, _organisation = participant(name={"en": "Sialkot Sports Goods"})
    publish(owner, title={"en": "Student and teacher exchange with Russian universities"})
    publish(owner, title={"ur": "ٹیکسٹائل انجینئرنگ میں مشترکہ پروگرام"}, languages=["ur"])
    visit_in(page, live_server, reverse("marketplace:browse"), "ur")

    english = page.locator(".card > a", has_text="Student and teacher exchange")
    urdu = page.locator(".card > a", has_text="ٹیکسٹائل")
    assert english.get_attribute("lang") == "en"
    english_style = english.evaluate(TITLE_STYLE)
    urdu_style = urdu.evaluate(TITLE_STYLE)
    assert "Nastaliq" not in english_style["font"] and english_style["direction"] == "ltr"
    assert english_style["lineHeight"] < 1.7  # the Latin pages' 1.55, not Nastaliq's 2.15
    assert rendered_fonts(page, ".card > a[lang=en]") != {"Noto Nastaliq Urdu"}
    assert urdu_style["font"].startswith('"Noto Nastaliq Urdu"')
    assert urdu_style["direction"] == "rtl" and urdu_style["lineHeight"] >= 2
    screenshot(page, "marketplace-ur-english-title")
