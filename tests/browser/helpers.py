"""What the browser tests do again and again: choose a language, log in, run axe, find English."""

from __future__ import annotations

from tests.factories import DEFAULT_PASSWORD

# Loaded from the site itself: its Content-Security-Policy (script-src 'self') refuses inline code.
AXE_URL = "/static/vendor/axe-core/axe.min.js"
# WCAG 2.2 A and AA plus axe's best practices (landmarks, heading order, one h1...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    where: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
  }));
}"""

# Latin-script words a reader of the page's language would read as English interface text.
# Skipped: content marked as another language (lang=…), isolated names and codes (<bdi>, <code>,
# dir="ltr" contact details), text of unknown language (dir="auto", e.g. a message someone wrote),
# people's own words marked with their language and direction (a card's title link or a heading
# with lang="ur" dir="rtl": an Urdu name may hold a Latin acronym), the language switcher's own
# names, hidden text, and two-letter codes (PK, RU).
ENGLISH_WORDS = """(allowed) => {
  const page = document.documentElement.lang;
  const skip = "bdi, code, kbd, pre, script, style, option, .brand, body [dir], [translate=no]";
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest(skip)) continue;
    const marked = element.closest("[lang]");
    if (marked && marked.lang !== page) continue;
    if (!element.checkVisibility()) continue;
    // Text isolated with FSI…PDI is a user's own words (e.g. a product name inside a sentence).
    const text = node.textContent.replace(/\u2068[^\u2069]*\u2069/g, "");
    for (const word of text.match(/[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]/g) || []) {
      if (!allowed.includes(word) && !/^[A-Z]{2}$/.test(word)) found.add(word);
    }
  }
  const attributes = document.querySelectorAll("[placeholder], [aria-label], [title], input[type=submit]");
  for (const element of attributes) {
    if (element.closest(skip)) continue;
    for (const name of ["placeholder", "aria-label", "title", "value"]) {
      if (name === "value" && element.type !== "submit") continue;
      const text = element.getAttribute(name) || "";
      for (const word of text.match(/[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]/g) || []) {
        if (!allowed.includes(word)) found.add(word + " (" + name + ")");
      }
    }
  }
  return [...found].sort();
}"""

# Words that are the same in every language: the product's name, formats and standards.
# How long a PDF download may take before the test calls it a hang (not a speed check: an
# Urdu agenda, Nastaliq subset by WeasyPrint, took over 15 s on a busy 2-core machine once).
PDF_DOWNLOAD_TIMEOUT = 90_000

SAME_EVERYWHERE = ["rabta", "API", "PDF", "iCal", "HS", "B2B"]
SAME_EVERYWHERE += ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]
SAME_EVERYWHERE += ["USD", "EUR", "RUB", "PKR", "CNY", "AED"]
SAME_EVERYWHERE += ["CRM", "ISO", "CSV", "PNG", "JPEG", "GIF", "WebP", "MB", "JSON"]


def visit_in(page, live_server, path: str, language: str) -> None:
    """Open path as a visitor who chose `language` (the language cookie)."""
    page.context.add_cookies(
        [{"name": "rabta_language", "value": language, "url": live_server.url}]
    )
    page.goto(path)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("main form input[name=login]").fill(username)
    page.locator("main form input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("form[action$='/logout/']").count() == 1, f"{username} is logged in"


def log_in_user(page, user) -> None:
    """Log ``user`` in afresh (other sessions' cookies cleared) with the factories' password, by
    e-mail or user name, whichever the login form asks for."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    field = page.locator("main form input[name=login]")
    field.fill(user.email if field.get_attribute("type") == "email" else user.username)
    page.locator("main form input[name=password]").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()


def run_the_scheduler(page, slug: str) -> None:
    """On the event's schedule page, run the greedy scheduler (5 s at most) and wait until its
    schedule can be published."""
    page.goto(f"/events/{slug}/manage/schedule/")
    page.locator("#run-form select[name=solver]").select_option("greedy")
    page.locator("#run-form input[name=time_limit]").fill("5")
    with page.expect_navigation():
        page.locator("#run-form button[type=submit]").click()
    page.wait_for_selector("#publish")


def switch_language(page, code: str) -> None:
    """Choose a language in the header's switcher (remembered on a signed-in user's account).
    Choosing does not leave the page by itself (WCAG 3.2.2): the button confirms."""
    page.locator("#language-select").focus()
    page.locator("#language-select").select_option(code)
    with page.expect_navigation():
        page.locator(".language-switcher [type=submit]").click()
    assert page.locator("html").get_attribute("lang") == code


def axe_violations(page) -> list[dict]:
    page.add_script_tag(url=AXE_URL)
    return page.evaluate(RUN_AXE, AXE_TAGS)


def english_words(page) -> list[str]:
    return page.evaluate(ENGLISH_WORDS, SAME_EVERYWHERE)
