"""Issue 15.6: the main pages work under the site's Content-Security-Policy, in en, ru and ur.

Chromium reports every blocked script, style, font or request on the console ("Refused to … because
it violates the following Content Security Policy directive"); the pages, htmx's live search and
the API documentation must produce none.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.demo import DEMO_PASSWORD, ORGANISER, PARTICIPANT_BY_LANGUAGE, load_demo_pages
from tests.browser.helpers import log_in, switch_language, visit_in


def watch_for_violations(page) -> list[str]:
    violations: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations


@pytest.mark.parametrize("language", ["en", "ru", "ur"])
def test_the_main_pages_run_under_the_policy_without_a_violation(
    page, live_server, transactional_db, language
):
    violations = watch_for_violations(page)
    demo = load_demo_pages()
    for path in [*demo.public.values(), "/api/v1/docs"]:
        visit_in(page, live_server, path, language)
        page.wait_for_load_state("networkidle")
    assert page.locator("#swagger-ui .opblock").count() > 0  # the API docs' script ran

    # htmx under the policy: the directory's live search swaps in new results.
    visit_in(page, live_server, reverse("organisations:directory"), language)
    with page.expect_response(lambda response: "q=steel" in response.url):
        page.locator("#filter-q").press_sequentially("steel")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("class") == "js"  # rabta.js ran

    log_in(page, PARTICIPANT_BY_LANGUAGE[language], DEMO_PASSWORD)
    for path in demo.participant.values():
        page.goto(path)
        page.wait_for_load_state("networkidle")

    page.context.clear_cookies()
    log_in(page, ORGANISER, DEMO_PASSWORD)
    switch_language(page, language)
    for path in [*demo.organiser.values(), reverse("events:schedule", args=[demo.event.slug])]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert violations == []
